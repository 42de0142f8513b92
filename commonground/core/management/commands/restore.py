"""``manage.py restore DIR``: put a backup's database and uploaded files back."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.core import backups


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those in a backup folder."
    # The database being restored may be empty or broken: nothing to check it against.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--no-input", action="store_true", help="Do not ask to confirm.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_input"]:
            answer = input("This replaces the whole database and every uploaded file. Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = backups.restore(options["folder"])
        except (backups.BackupError, OSError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored the backup made at {manifest['created']}."))
