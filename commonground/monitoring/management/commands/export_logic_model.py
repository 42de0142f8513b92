"""``manage.py export_logic_model SLUG``: a programme's logic model as JSON on stdout."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.monitoring import logic_model
from commonground.monitoring.models import Programme


class Command(BaseCommand):
    help = "Write a programme's logic model in the JSON format import_logic_model reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["slug"]).first()
        if programme is None:
            raise CommandError(f"No programme has the slug {options['slug']}.")
        self.stdout.write(json.dumps(logic_model.export(programme), ensure_ascii=False, indent=2))
