"""Content that users enter in both English and Welsh.

A bilingual field is stored as two columns, ``<name>_en`` and ``<name>_cy``. Reading
``obj.<name>`` gives the version in the active language, falling back to the other one
when it is empty, so a page never shows a blank where a translation is missing.
"""

from typing import Any

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language
from django_stubs_ext import StrOrPromise


def active_language() -> str:
    """The two-letter code of the active language: ``en`` or ``cy``."""
    return "cy" if (get_language() or "en").startswith("cy") else "en"


class Localised:
    """A descriptor reading ``<name>_en`` or ``<name>_cy`` for the active language."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        first, second = ("cy", "en") if active_language() == "cy" else ("en", "cy")
        return getattr(obj, f"{self.name}_{first}") or getattr(obj, f"{self.name}_{second}")


def fallback_language(obj: Any, name: str) -> str | None:
    """The other language, when ``obj.<name>`` shows it because the active one is empty."""
    first, second = ("cy", "en") if active_language() == "cy" else ("en", "cy")
    if getattr(obj, f"{name}_{first}") or not getattr(obj, f"{name}_{second}"):
        return None
    return second


def localised_order(name: str) -> Lower:
    """An ordering expression matching what ``Localised(name)`` shows in the active language."""
    first, second = ("cy", "en") if active_language() == "cy" else ("en", "cy")
    return Lower(Coalesce(NullIf(F(f"{name}_{first}"), Value("")), F(f"{name}_{second}")))


def require_either(obj: Any, messages: dict[str, StrOrPromise]) -> None:
    """Refuse a record whose text ``<name>`` is empty in both languages.

    ``messages`` maps each such name to its message; the error is on the English field,
    the first the form shows. Either language alone is enough.
    """
    from django.core.exceptions import ValidationError

    errors = {
        f"{name}_en": message
        for name, message in messages.items()
        if not (str(getattr(obj, f"{name}_en")).strip() or str(getattr(obj, f"{name}_cy")).strip())
    }
    if errors:
        raise ValidationError(errors)


def either_char(
    name_en: StrOrPromise, name_cy: StrOrPromise, max_length: int, **kwargs: Any
) -> tuple[models.CharField[str, str], models.CharField[str, str]]:
    """An English and a Welsh field, each optional: a verb asks for one of them
    (``require_either``), so content may be written in either language alone."""
    return (
        models.CharField(name_en, max_length=max_length, blank=True, **kwargs),
        models.CharField(name_cy, max_length=max_length, blank=True, **kwargs),
    )


def bilingual_char(
    name_en: StrOrPromise, name_cy: StrOrPromise, max_length: int, **kwargs: Any
) -> tuple[models.CharField[str, str], models.CharField[str, str]]:
    """An English field (required) and its optional Welsh counterpart."""
    return (
        models.CharField(name_en, max_length=max_length, **kwargs),
        models.CharField(name_cy, max_length=max_length, blank=True, **kwargs),
    )


def path_in(path: str, language: str) -> str:
    """A stored page path (the English one, as ``reverse`` gives it in English) in ``language``.

    ``translate_url`` resolves the path in the active language, where an English path does
    not resolve under Welsh prefixes, so it is resolved in English first.
    """
    from django.urls import translate_url
    from django.utils import translation

    with translation.override("en"):
        return translate_url(path, language)
