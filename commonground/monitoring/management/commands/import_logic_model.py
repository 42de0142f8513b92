"""``manage.py import_logic_model FILE.json``: create or replace a programme's logic model."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.monitoring import actions, logic_model


class Command(BaseCommand):
    help = "Load a programme's logic model from the JSON format of docs/monitoring.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = json.loads(options["file"].read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        try:
            programme = actions.load_logic_model(None, logic_model.parse(document))
        except logic_model.LogicModelError as exc:
            raise CommandError("\n".join(exc.problems)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"Loaded {programme.slug}: {programme.strands.count()} strands, "
            f"{programme.indicators.count()} indicators."
        )
