from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from commonground.engagement import tasks


class Command(BaseCommand):
    help = "Queue the weekly or monthly digests for the last complete period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("frequency", choices=["weekly", "monthly"])
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate().isoformat()
        tasks.send_digests.enqueue(options["frequency"], today)
        self.stdout.write(f"Queued {options['frequency']} digests for the period before {today}.")
