from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.core.models import Area
from commonground.directory import actions, imports


class Command(BaseCommand):
    help = "Import ORUK JSON, an ORUK CSV data package (zip) or a Charity Commission extract, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--format", choices=imports.FORMATS, default="oruk_json")
        parser.add_argument(
            "--area", default="W06000008", help="ONS code of the home area for new organisations."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        area = Area.objects.filter(code=options["area"]).first()
        if area is None:
            raise CommandError(f"No area has the code {options['area']}.")
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            counts = imports.run_import(None, options["format"], data, area, path.name)
        except actions.ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} problems; nothing was imported.") from exc
        self.stdout.write(
            self.style.SUCCESS(", ".join(f"{k}: {v}" for k, v in counts.items() if v))
        )
