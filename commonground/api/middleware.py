import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _


class ApiLanguageMiddleware:
    """JSON clients choose the language of messages with Accept-Language.

    Pages carry their language in the URL (/cy/…), so LocaleMiddleware treats every other
    path as English; the API has no such prefix.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            return self.get_response(request)


def _unstorable(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, reason) for each string PostgreSQL cannot store: a NUL or a lone surrogate."""
    if isinstance(value, str):
        if "\x00" in value:
            yield path, _("Remove the null character.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            yield path, _("Remove the broken character (a lone surrogate).")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unstorable(key, path)
            yield from _unstorable(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unstorable(item, f"{path}.{index}" if path else str(index))


class UnstorableInputMiddleware:
    """Refuse, with a 400 and a clear message, input no database column can hold.

    PostgreSQL refuses NUL characters in text and lone UTF-16 surrogates (which JSON can
    carry as ``\\ud800``) with an exception, a server error, wherever they reach a query. So
    they are stopped once, here, for every query string and JSON body. (Form fields cannot
    carry surrogates, and Django's form fields refuse NUL with a field error.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        errors = [
            (key, reason)
            for key, values in request.GET.lists()
            for _index, reason in _unstorable([key, *values])
        ]
        if not errors and request.content_type == "application/json" and request.body:
            # Malformed JSON is left to the endpoint's own parser to report.
            with contextlib.suppress(ValueError):
                errors = list(_unstorable(json.loads(request.body)))
        if not errors:
            return self.get_response(request)
        if not request.path.startswith("/api/"):
            raise BadRequest("unstorable characters in the request")
        body = {
            "message": _("The request contains a null character or a broken character."),
            "errors": [{"field": f, "message": m} if f else {"message": m} for f, m in errors],
        }
        return JsonResponse(body, status=400)
