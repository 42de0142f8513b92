"""Backup and restore of the whole site: the database and the uploaded files (MEDIA_ROOT).

A backup is a folder: ``database.dump`` (PostgreSQL's custom format, from ``pg_dump``) or
``database.sqlite3`` (SQLite's online backup, safe while the site runs), ``media/`` (a copy
of every uploaded file) and ``backup.json`` (what was backed up, and when). ``restore``
puts both back as they were, replacing what is there.
"""

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


class BackupError(Exception):
    pass


def _engine() -> str:
    engine = str(connection.settings_dict["ENGINE"])
    if engine not in (POSTGRESQL, SQLITE):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
    return engine


def _pg_args() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump and pg_restore; the password goes in the environment."""
    db = connection.settings_dict
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(folder: Path) -> dict[str, Any]:
    engine = _engine()
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: back up into a new folder.")
    if engine == POSTGRESQL:
        args, env = _pg_args()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--file={folder / 'database.dump'}",
                *args,
            ],
            env,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as target:
            connection.connection.backup(target)
        target.close()
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, folder / "media")
    else:
        (folder / "media").mkdir()
    manifest = {
        "engine": engine,
        "created": timezone.now().isoformat(),
        "media_files": sum(1 for p in (folder / "media").rglob("*") if p.is_file()),
    }
    (folder / "backup.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def restore(folder: Path) -> dict[str, Any]:
    engine = _engine()
    manifest_path = folder / "backup.json"
    if not manifest_path.exists():
        raise BackupError(f"{folder} is not a backup: it has no backup.json.")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text())
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of {manifest['engine']}; the site uses {engine}.")
    if engine == POSTGRESQL:
        args, env = _pg_args()
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(folder / "database.dump"),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as source:
            source.backup(connection.connection)
        source.close()
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    shutil.copytree(folder / "media", media)
    return manifest
