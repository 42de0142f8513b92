"""Template helpers for programme monitoring pages."""

from typing import Any

from django import template

from commonground.monitoring.models import Strand

register = template.Library()


@register.filter
def stage(strand: Strand, name: str) -> list[str]:
    """A strand's activities, results or impacts in the reader's language."""
    return strand.items(name)


@register.filter
def of_kind(strand: Strand, kind: str) -> list[Any]:
    """The strand's indicators of one kind (output or result)."""
    return [i for i in strand.indicators.all() if i.kind == kind]
