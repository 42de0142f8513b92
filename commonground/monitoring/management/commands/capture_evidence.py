"""``manage.py capture_evidence [TYPE]``: run logged events through the capture rules again.

Evidence is recorded once per event and indicator, so this adds only what a new or changed
rule now finds.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from commonground.monitoring.capture import replay


class Command(BaseCommand):
    help = "Capture evidence from the event log under the current rules (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event_type", nargs="?", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Added {replay(options['event_type'])} evidence records.")
