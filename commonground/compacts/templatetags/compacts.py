from collections.abc import Mapping
from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, resolve
from django.utils import translation

from commonground.core.bilingual import active_language, path_in
from commonground.funding.models import Agreement

register = template.Library()


@register.filter
def in_language(value: Mapping[str, str], language: str) -> str:
    """A pack's ``{"en": ..., "cy": ...}`` text in the page's language, else the other."""
    other = "en" if language == "cy" else "cy"
    return value.get(language) or value.get(other, "")


@register.simple_tag(takes_context=True)
def record_href(context: Any, path: str) -> str:
    """A finding's record (stored as its English path) in the reader's language, or "" when
    the reader may not open it: an agreement not yet published, outside its funder."""
    user = getattr(context.get("request"), "user", None) or AnonymousUser()
    try:
        with translation.override("en"):
            match = resolve(path)
    except Resolver404:
        return ""
    if match.view_name == "funding:agreement":
        agreement = Agreement.objects.filter(pk=match.kwargs["pk"]).first()
        if agreement is None or not user.has_perm("funding.view_agreement", agreement):
            return ""
    return path_in(path, active_language())
