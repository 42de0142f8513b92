"""Write published agreements as a 360Giving JSON package (or, for .xlsx, the spreadsheet)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.funding.management.arguments import iso_date
from commonground.funding.threesixty import (
    agreement_to_grant,
    published_agreements,
    quality_warnings,
)
from commonground.interop.threesixty import package_json, write_workbook


class Command(BaseCommand):
    help = "Export published funding agreements as 360Giving data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--funder", default="", help="The funder's org-id, e.g. GB-PLA-CGN.")
        parser.add_argument("--from", dest="date_from", type=iso_date, help="Awarded on or after.")
        parser.add_argument("--to", dest="date_to", type=iso_date, help="Awarded on or before.")
        parser.add_argument("--output", required=True, help="FILE.json or FILE.xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        agreements = published_agreements(
            options["funder"], options["date_from"], options["date_to"]
        )
        for warning in quality_warnings(agreements):
            self.stderr.write(f"{warning.grant} {warning.field}: {warning.message}")
        grants = [agreement_to_grant(a) for a in agreements]
        if not grants:
            raise CommandError("No published agreements match; 360Giving needs at least one grant.")
        output = Path(options["output"])
        data = write_workbook(grants) if output.suffix.lower() == ".xlsx" else package_json(grants)
        output.write_bytes(data)
        self.stdout.write(f"Wrote {len(grants)} grants to {output}.")
