"""Production fails closed: without a secret key or allowed hosts, nothing starts.

The check runs before ``runserver``, ``migrate``, ``db_worker`` and every other command that
checks the project; ``commonground/wsgi.py`` runs it too, so gunicorn refuses to boot.
"""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def _has_secret_key() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django's answer to reading an empty key
        return False


@checks.register(checks.Tags.security)
def production_configuration(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    problems: list[checks.CheckMessage] = []
    if not _has_secret_key():
        problems.append(
            checks.Critical(
                "DJANGO_SECRET_KEY is not set, and DEBUG is off.",
                hint="Set DJANGO_SECRET_KEY to a long random value (see docs/operations.md), "
                "or DJANGO_DEBUG=1 for development.",
                id="commonground.E001",
            )
        )
    if not settings.ALLOWED_HOSTS:
        problems.append(
            checks.Critical(
                "DJANGO_ALLOWED_HOSTS is not set, and DEBUG is off.",
                hint="Set DJANGO_ALLOWED_HOSTS to the site's host names, comma-separated.",
                id="commonground.E002",
            )
        )
    return problems
