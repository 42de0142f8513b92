from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from commonground.planning import tasks


class Command(BaseCommand):
    help = "Daily: flag overdue plan actions and queue reminders to owners before due dates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate().isoformat()
        tasks.send_action_reminders.enqueue(today)
        self.stdout.write(f"Queued plan action reminders for {today}.")
