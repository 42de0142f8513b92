from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.commissioning import actions
from commonground.commissioning.ocds_messages import describe


class Command(BaseCommand):
    help = "Import OCDS release packages (JSON files), all of them or, on any problem, none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        files = []
        for name in options["files"]:
            try:
                files.append((Path(name).name, Path(name).read_bytes()))
            except OSError as exc:
                raise CommandError(str(exc)) from exc
        try:
            summary = actions.import_ocds(None, files)
        except actions.OcdsImportFailed as exc:
            for file_name, problem in exc.problems:
                self.stderr.write(describe(problem, file_name))
            raise CommandError(f"{len(exc.problems)} problems; nothing was imported.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.releases_new} new releases, {summary.releases_duplicate} already "
                f"stored; {len(summary.ocids)} records rebuilt; {summary.opportunities} opportunities."
            )
        )
