from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from commonground.directory import postcodes


class Command(BaseCommand):
    help = "Load postcode centres from CSV (postcode,latitude,longitude or ONSPD pcds,lat,long)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="Defaults to the small demo file.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["path"]:
            count = postcodes.load_csv(Path(options["path"]).read_text(encoding="utf-8-sig"))
        else:
            count = postcodes.load_demo_postcodes()
        self.stdout.write(self.style.SUCCESS(f"{count} postcodes loaded."))
