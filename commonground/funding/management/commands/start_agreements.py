"""Daily: move signed agreements whose start date has come to "running"."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from commonground.funding.actions import start_due_agreements
from commonground.funding.management.arguments import iso_date


class Command(BaseCommand):
    help = "Start every signed funding agreement whose start date has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=iso_date, help="The day to run for (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = start_due_agreements(options["today"] or timezone.localdate())
        self.stdout.write(f"Started {len(started)} agreements.")
