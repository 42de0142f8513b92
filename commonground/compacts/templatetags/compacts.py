from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def in_language(value: Mapping[str, str], language: str) -> str:
    """A pack's ``{"en": ..., "cy": ...}`` text in the page's language, else the other."""
    other = "en" if language == "cy" else "cy"
    return value.get(language) or value.get(other, "")
