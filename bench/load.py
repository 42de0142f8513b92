"""Pages under load: gunicorn on 127.0.0.1, a bounded headless locust run, per-page percentiles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_speed \\
        .venv/bin/python bench/load.py [--users 50] [--run-time 60s] [--port 8118]

The database named by ``DATABASE_URL`` is only read: the bench copies it (PostgreSQL:
``CREATE DATABASE ... TEMPLATE``; SQLite: a file copy), migrates the copy and loads the
demo into it (idempotent, so a national-scale database from ``bench/directory_generate.py``
keeps its data), signs a demo member in there, serves the copy with gunicorn
(``gunicorn.conf.py``, ``COMMONGROUND_BENCH=1`` for the bare baseline view), runs locust
for ``--run-time`` with ``--users`` users, stops the server, drops the copy and checks
that every table of the original still has the rows it had.

Reports p50, p95 and p99 per page and each p95 against the bare Django view's p95 in the
same run. Targets (issue 18): every p95 under 200 ms and within 10x the bare view; no
errors. Percentiles are locust's, which it rounds to two significant figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
TARGET_P95_MS = 200.0
TARGET_RATIO = 10.0
BARE = "bare Django view"


def prepare() -> None:
    """In the copy: migrate, load the demo, sign a member in; print what locust needs."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from commonground.core.models import User
    from commonground.engagement.models import Consultation
    from commonground.partnerships.models import PartnershipBody

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    client = Client()
    client.force_login(User.objects.get(email="gareth@aberystwyth-foodbank.example"))
    body = PartnershipBody.objects.order_by("pk").first()
    consultation = (
        Consultation.objects.filter(status=Consultation.Status.PUBLISHED).order_by("pk").first()
    )
    assert body is not None and consultation is not None, "the demo has a board and a consultation"
    print(
        json.dumps(
            {
                "LOAD_BOARD": f"/partnerships/{body.slug}/",
                "LOAD_CONSULTATION": f"/engagement/consultations/{consultation.pk}/",
                "LOAD_SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
                "LOAD_SESSION": client.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        )
    )


class Copy:
    """A throwaway copy of the database in ``DATABASE_URL``, and that database's row counts."""

    def __init__(self, url: str, tmp: Path) -> None:
        self.url = url
        parts = urlsplit(url)
        self.postgres = parts.scheme.startswith("postgres")
        if self.postgres:
            self.name = parts.path.lstrip("/")
            self.copy_name = f"{self.name}_load"
            self.copy_url = urlunsplit(parts._replace(path=f"/{self.copy_name}"))
            # CREATE and DROP DATABASE run from the server's maintenance database
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        elif parts.scheme == "sqlite":
            self.path = Path(parts.path[1:] if parts.path.startswith("//") else parts.path)
            self.copy_path = tmp / "load.sqlite3"
            self.copy_url = f"sqlite:///{self.copy_path}"
        else:
            sys.exit(f"unsupported DATABASE_URL scheme {parts.scheme!r}")

    def row_counts(self) -> dict[str, int]:
        """Rows in every table of the original database."""
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url) as conn:
                tables = [
                    r[0]
                    for r in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                ]
                counts = {}
                for t in tables:
                    row = conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()  # noqa: S608
                    counts[t] = row[0] if row else 0
                return counts
        if not self.path.exists():
            return {}
        with sqlite3.connect(self.path) as conn:
            tables = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            return {
                t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                for t in tables
            }

    def create(self) -> None:
        if not self.postgres:
            if self.path.exists():
                shutil.copyfile(self.path, self.copy_path)
            return
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.copy_name}"')
            conn.execute(f'CREATE DATABASE "{self.copy_name}" TEMPLATE "{self.name}"')

    def drop(self) -> None:
        if not self.postgres:
            self.copy_path.unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.copy_name}" WITH (FORCE)')


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer {url} within {seconds:.0f} s")


def report(stats_csv: Path) -> bool:
    """Print the per-page table; return whether every target was met."""
    with stats_csv.open(newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["Name"] != "Aggregated"]
    by_name = {r["Name"]: r for r in rows}
    bare_p95 = float(by_name[BARE]["95%"])
    ok = True
    print(f"{'page':<22}{'requests':>9}{'errors':>7}{'p50':>7}{'p95':>7}{'p99':>7}  p95/bare")
    for r in sorted(rows, key=lambda r: r["Name"] != BARE):
        p95 = float(r["95%"])
        errors = int(r["Failure Count"])
        ratio = p95 / bare_p95 if bare_p95 else float("inf")
        met = errors == 0 and (r["Name"] == BARE or (p95 < TARGET_P95_MS and ratio <= TARGET_RATIO))
        ok = ok and met
        print(
            f"{r['Name']:<22}{r['Request Count']:>9}{errors:>7}{r['50%']:>7}{r['95%']:>7}"
            f"{r['99%']:>7}  {ratio:6.2f}{'' if met else '  target NOT met'}"
        )
    print("milliseconds; targets: p95 < 200 ms and <= 10x the bare view's p95, no errors")
    failures = stats_csv.with_name(stats_csv.name.replace("_stats", "_failures"))
    if failures.exists():
        with failures.open(newline="") as f:
            for r in csv.DictReader(f):
                print(f"errors: {r['Occurrences']} x {r['Name']}: {r['Error']}")
    return ok


def main() -> None:
    """Copy, prepare, serve, load, report, clean up."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--port", type=int, default=8118)
    parser.add_argument("--workers", default=os.environ.get("GUNICORN_WORKERS", "3"))
    parser.add_argument("--threads", default=os.environ.get("GUNICORN_THREADS", "4"))
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("set DATABASE_URL to the database to benchmark (it is copied, not changed)")
    host = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        db = Copy(url, tmp)
        before = db.row_counts()
        db.create()
        server: subprocess.Popen[bytes] | None = None
        try:
            env = dict(os.environ, DATABASE_URL=db.copy_url)
            env.pop("DJANGO_DEBUG", None)
            prepared = subprocess.run(
                [sys.executable, __file__, "--prepare"],
                env=env,
                cwd=REPO,
                capture_output=True,
                text=True,
                check=False,
            )
            if prepared.returncode:
                sys.exit(f"preparing the copy failed:\n{prepared.stderr[-3000:]}")
            pages = json.loads(prepared.stdout.strip().splitlines()[-1])
            env.update(
                COMMONGROUND_BENCH="1",
                DATABASE_CONN_MAX_AGE="60",
                GUNICORN_BIND=f"127.0.0.1:{args.port}",
                GUNICORN_WORKERS=str(args.workers),
                GUNICORN_THREADS=str(args.threads),
            )
            server = subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py"],
                env=env,
                cwd=REPO,
                stdout=(tmp / "gunicorn.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
            wait_until_up(f"{host}/bench/bare", server, 120)
            print(
                f"gunicorn {args.workers} workers x {args.threads} threads on {host}; "
                f"locust {args.users} users for {args.run_time}; pages: {pages['LOAD_BOARD']}, "
                f"{pages['LOAD_CONSULTATION']}"
            )
            subprocess.run(
                [
                    str(VENV_BIN / "locust"),
                    "-f",
                    str(REPO / "bench" / "locustfile.py"),
                    "--headless",
                    "--host",
                    host,
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    "--run-time",
                    args.run_time,
                    "--stop-timeout",
                    "10",
                    "--csv",
                    str(tmp / "load"),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=dict(env, **pages),
                cwd=REPO,
                check=False,
                capture_output=True,
            )
            met = report(tmp / "load_stats.csv")
        finally:
            if server is not None:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=60)
            db.drop()
        after = db.row_counts()
        unchanged = before == after
        print(f"original database unchanged: {'yes' if unchanged else 'NO'} ({len(after)} tables)")
        if not (met and unchanged):
            sys.exit(1)


if __name__ == "__main__":
    main()
