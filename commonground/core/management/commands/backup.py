"""``manage.py backup DIR``: the database and the uploaded files, into a new folder."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.core import backups


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (MEDIA_ROOT) into a new folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backups.backup(options["folder"])
        except (backups.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the database and {manifest['media_files']} files to {options['folder']}."
            )
        )
