"""A scratch database for a benchmark that writes: created empty, dropped afterwards.

The event log is append-only and protects the organisations it names, so a benchmark that
imports organisations cannot clean up after itself row by row; it gets a database of its own.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def scratch_database(url: str, suffix: str) -> Iterator[str]:
    """A new, empty database beside the one in ``url`` (PostgreSQL) or a temporary SQLite
    file; its URL is set as ``DATABASE_URL`` before Django is set up."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        with tempfile.TemporaryDirectory() as tmp:
            scratch = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            os.environ["DATABASE_URL"] = scratch
            yield scratch
        return
    import psycopg

    name = f"{parts.path.lstrip('/')}_{suffix}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    scratch = urlunsplit(parts._replace(path=f"/{name}"))
    os.environ["DATABASE_URL"] = scratch
    try:
        yield scratch
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
