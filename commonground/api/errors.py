"""One error format for the whole JSON API::

    {"message": "…", "errors": [{"field": "identifier", "message": "…"}]}

``field`` is omitted for errors that are not about one field.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class FieldError(Schema):
    field: str | None = None
    message: str


class ErrorOut(Schema):
    message: str
    errors: list[FieldError] = []


class ApiError(Exception):
    """Raise from an endpoint for a client error with optional field errors."""

    def __init__(self, status: int, message: str, errors: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or []


ERROR_RESPONSES: dict[int | frozenset[int], Any] = {
    frozenset({400, 401, 403, 404}): ErrorOut,
}


def _location(loc: list[Any]) -> str:
    # pydantic reports ["body", "payload", "name_en"] or ["query", "page"]; keep the field.
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts)


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, message: str, errors: list[Any]) -> HttpResponse:
        return api.create_response(request, {"message": message, "errors": errors}, status=status)

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _location(e.get("loc", [])), "message": e["msg"]} for e in exc.errors]
        return respond(request, 400, _("The request has invalid fields."), errors)

    @api.exception_handler(ValidationError)
    def invalid_record(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": None if f == "__all__" else f, "message": m}
                for f, messages in exc.message_dict.items()
                for m in messages
            ]
        else:
            errors = [{"field": None, "message": m} for m in exc.messages]
        return respond(request, 400, _("The request has invalid fields."), errors)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, exc.message, exc.errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, _("Sign in or send an API token."), [])

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, _("You do not have permission to do that."), [])

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, _("Not found."), [])

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, str(exc), [])
