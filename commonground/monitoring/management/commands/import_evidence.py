"""``manage.py import_evidence FILE.csv``: add evidence records, all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.monitoring import importer


class Command(BaseCommand):
    help = "Import evidence records from the CSV format of docs/monitoring.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            content = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        try:
            result = importer.import_evidence(None, content)
        except importer.EvidenceFileError as exc:
            raise CommandError("\n".join(str(p) for p in exc.problems)) from exc
        self.stdout.write(f"Added {result.added} records; {result.unchanged} already recorded.")
