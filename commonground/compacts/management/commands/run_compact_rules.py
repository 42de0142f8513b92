"""Run the compact rules (nightly, and by hand): ``manage.py run_compact_rules [--area SLUG] [--json]``.

Prints every open finding; with ``--json``, as the JSON ``/api/compacts/{id}/findings`` serves.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.compacts.findings import finding_json, run_area
from commonground.compacts.models import Finding
from commonground.core.models import Area


class Command(BaseCommand):
    help = "Run every live compact's rules over the platform's records and print the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", default="", help="Only this area's compacts (its slug).")
        parser.add_argument("--json", action="store_true", help="Print the findings as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["area"]
        if slug and not Area.objects.filter(slug=slug).exists():
            raise CommandError(f"No area has the slug {slug!r}.")
        compacts = run_area(slug or None)
        found = Finding.objects.filter(compact__in=compacts, resolved_at__isnull=True).order_by(
            "compact", "rule", "record_type", "record_id"
        )
        if options["json"]:
            self.stdout.write(json.dumps([finding_json(f) for f in found], indent=2))
            return
        for f in found:
            self.stdout.write(
                f"{f.compact.slug}\t{f.rule}\t{f.record_type}:{f.record_id}\t{f.severity}"
            )
        self.stdout.write(f"{len(compacts)} compacts checked, {found.count()} open findings.")
