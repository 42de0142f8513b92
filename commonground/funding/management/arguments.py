"""Argument types shared by funding's commands."""

from datetime import date

from django.core.management.base import CommandError


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date like 2026-04-01.") from exc
