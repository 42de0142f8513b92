"""The one create-or-edit step every staff form page takes.

A staff page validates a form, calls one verb, and either goes on with a success message or
shows the form again with the verb's ``ValidationError`` in the error summary. This module
lives in core, below every app, so that any app's staff views can use it.
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from commonground.core.forms import add_errors

T = TypeVar("T")


def form_page(
    request: HttpRequest,
    form: BaseForm,
    change: Callable[[], T],
    *,
    success: str,
    then: str | Callable[[T], str],
    template: str,
    title: str = "",
    caption: str = "",
    back: str = "",
    submit: str = "",
    intro: str = "",
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """On a valid POST, run ``change`` (the verb) and redirect to ``then`` (a URL, or a
    function of what the verb returned) with the ``success`` message. Otherwise, or when the
    verb refuses with a ``ValidationError``, render ``template`` with the form, 400 when it
    has errors. A verb that returns nothing (an edit) succeeds all the same.

    ``title``, ``caption``, ``back`` (the back link), ``submit`` (the button) and ``intro``
    are the furniture every app's staff form template takes; ``context`` is anything more."""
    if request.method == "POST" and form.is_valid():
        try:
            result = change()
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(then if isinstance(then, str) else then(result))
    status = 400 if form.is_bound and form.errors else 200
    page = {"title": title, "caption": caption, "back": back, "submit": submit, "intro": intro}
    return render(request, template, {"form": form, **page, **(context or {})}, status=status)
