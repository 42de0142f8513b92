from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.api.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API bearer token for a user and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="API client")

    def handle(self, *args: Any, **options: Any) -> None:
        # The kit sits below every app, so it names the account model through settings.
        accounts = get_user_model()
        try:
            user = accounts.objects.get(email=options["email"].lower())
        except accounts.DoesNotExist as exc:
            raise CommandError(f"No account with email {options['email']}") from exc
        _, secret = ApiToken.issue(user, options["name"])
        self.stdout.write(secret)
