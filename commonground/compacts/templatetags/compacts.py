from collections.abc import Mapping

from django import template

from commonground.core.bilingual import active_language, path_in

register = template.Library()


@register.filter
def in_language(value: Mapping[str, str], language: str) -> str:
    """A pack's ``{"en": ..., "cy": ...}`` text in the page's language, else the other."""
    other = "en" if language == "cy" else "cy"
    return value.get(language) or value.get(other, "")


@register.filter
def localised_path(path: str) -> str:
    """A stored path (findings keep the English one) as the page in the reader's language."""
    return path_in(path, active_language())
