import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from commonground.directory.oruk_records import export_tables
from commonground.interop.oruk import write_csv_package
from commonground.interop.oruk.convert import Index, nest_service


class Command(BaseCommand):
    help = "Export the whole directory as ORUK JSON (a list of full services) or an ORUK CSV zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--format", choices=["oruk_json", "oruk_csv"], default="oruk_json")

    def handle(self, *args: Any, **options: Any) -> None:
        tables = export_tables()
        path = Path(options["path"])
        if options["format"] == "oruk_csv":
            path.write_bytes(write_csv_package(tables))
        else:
            index = Index(tables)
            services = [nest_service(index, row["id"]) for row in tables["services"]]
            document = {
                "services": services,
                "taxonomies": tables["taxonomies"],
                "taxonomy_terms": tables["taxonomy_terms"],
            }
            path.write_text(
                json.dumps(document["services"], ensure_ascii=False, indent=1), encoding="utf-8"
            )
        self.stdout.write(
            self.style.SUCCESS(f"{len(tables['services'])} services written to {path}")
        )
