"""Import a 360Giving JSON package or spreadsheet: every grant, or none and every problem."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.core.models import Area
from commonground.funding.importer import ImportFailed, describe, import_grants, read_file


class Command(BaseCommand):
    help = "Import grants from a 360Giving JSON package or XLSX; nothing is written on error."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--area", default="", help="Slug of the area for new organisations with no location."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        area = None
        if options["area"]:
            area = Area.objects.filter(slug=options["area"]).first()
            if area is None:
                raise CommandError(f"There is no area {options['area']!r}.")
        grants, problems = read_file(path.name, data)
        try:
            if problems:
                raise ImportFailed(problems)
            summary = import_grants(grants, default_area=area)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(describe(problem))
            count = len(failed.problems)
            raise CommandError(
                f"Nothing was imported: {count} problem{'' if count == 1 else 's'} in {path.name}."
            ) from None
        self.stdout.write(
            f"Imported {len(grants)} grants: {summary.created} new, {summary.updated} updated; "
            f"{summary.organisations_created} new organisations."
        )
