"""A backup, the database and the uploaded files destroyed, a restore: everything is back."""

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from commonground.core.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def _everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _destroy_database() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                # Dropping a full-text table drops its shadow tables with it.
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")
    with connection.cursor() as cursor:
        assert connection.introspection.table_names(cursor) == []


def test_backup_and_restore_bring_back_every_row_and_file(
    make_organisation: Any, make_user: Any, tmp_path: Path, settings: Any
) -> None:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    (media / "partnerships" / "papers").mkdir(parents=True)
    (media / "partnerships" / "papers" / "minutes.pdf").write_bytes(b"%PDF-1.7 minutes\x00\xff")
    (media / "logo.png").write_bytes(bytes(range(256)))
    organisation = make_organisation(name_en="Cymdeithas Backup")
    make_user(admin_of=organisation)
    rows_before, files_before = _everything(), _files(media)
    assert rows_before["core_organisation"]

    call_command("backup", str(tmp_path / "backup"))
    _destroy_database()
    shutil.rmtree(media)
    call_command("restore", str(tmp_path / "backup"), "--no-input")

    assert _files(media) == files_before
    assert _everything() == rows_before
    assert Organisation.objects.get(name_en="Cymdeithas Backup").pk == organisation.pk


def test_backup_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("something else")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path))


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path), "--no-input")
