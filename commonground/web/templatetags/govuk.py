"""Template tags that render GOV.UK Frontend components from Django forms.

Parameter names follow the Design System's macros (label, hint, classes), so templates read
like its documentation. The components that take no form (button, tag, back link, radios,
checkboxes, table, summary list, inset text, details, notification banner) are in
``commonground.web.components``, registered in this one library so that ``{% load govuk %}``
gives every component.
"""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Page
from django.db.models.fields import BLANK_CHOICE_DASH
from django.http import QueryDict
from django.utils import timezone

from commonground.core import bilingual, dates
from commonground.web.components import register

_INPUT_TYPES = {
    forms.EmailInput: "email",
    forms.URLInput: "url",
    forms.NumberInput: "number",
    forms.PasswordInput: "password",
    forms.DateInput: "date",
    forms.DateTimeInput: "datetime-local",
    forms.TimeInput: "time",
}

# What the browser's own date and time controls accept: ISO, whatever the page's language.
# A localised value ("May 1, 1965", "7 Rhagfyr 2026") is silently discarded by the browser.
_ISO_FORMATS = {"date": "%Y-%m-%d", "datetime-local": "%Y-%m-%dT%H:%M", "time": "%H:%M"}


# Django's empty choice for a model field; a radio button for it would choose nothing.
_BLANK_LABEL = BLANK_CHOICE_DASH[0][1]


def _input_type(widget: forms.Widget) -> str:
    """The ``type`` of an ``<input>``: a date, time or date-and-time widget gets the browser's
    own control even when it was declared as a plain Django widget."""
    declared = getattr(widget, "input_type", "text")
    if declared != "text":
        return str(declared)
    return next((t for cls, t in _INPUT_TYPES.items() if isinstance(widget, cls)), "text")


def _input_value(value: Any, input_type: str) -> Any:
    """A date or time written the one way the browser's control reads it; others unchanged."""
    if value is None:
        return ""
    iso = _ISO_FORMATS.get(input_type)
    if iso is None or not isinstance(value, date | datetime | time):
        return value
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(iso)


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


def _choice_items(field: forms.BoundField) -> list[dict[str, Any]]:
    """A field's options as radio or checkbox items, without Django's "---------" radio."""
    return [
        {
            "value": choice.data["value"],
            "text": choice.choice_label,
            "id": choice.id_for_label,
            "checked": choice.data["selected"],
        }
        for choice in field
        if isinstance(field.field.widget, forms.CheckboxSelectMultiple)
        or choice.data["value"] != ""
        or choice.choice_label != _BLANK_LABEL
    ]


@register.inclusion_tag("web/components/field.html")
def govuk_field(
    field: forms.BoundField, hint: str = "", classes: str = "", autocomplete: str = ""
) -> dict[str, Any]:
    """A form field with its label, hint and error message, in GOV.UK markup."""
    widget = field.field.widget
    input_type = _input_type(widget)
    kind = _kind(widget)
    return {
        "items": _choice_items(field) if kind in ("checkboxes", "radios") else [],
        "field": field,
        "kind": kind,
        "classes": "govuk-checkboxes--small" if kind == "checkboxes" else classes,
        "input_type": input_type,
        "hint": hint or field.help_text,
        "autocomplete": autocomplete,
        "value": _input_value(field.value(), input_type),
    }


def _first_input_id(bound: forms.BoundField) -> str:
    """Radios and checkboxes are linked to by their first option, as the Design System does."""
    if isinstance(bound.field.widget, forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    if isinstance(bound.field.widget, forms.RadioSelect):  # the blank "---------" is not shown
        shown = (c for c in bound if c.data["value"] != "" or c.choice_label != _BLANK_LABEL)
        return next((c.id_for_label for c in shown), f"{bound.auto_id}_0")
    return bound.id_for_label or str(bound.auto_id)


@register.inclusion_tag("web/components/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm) -> dict[str, Any]:
    """The error summary: every error, linked to its field, shown first on the page."""
    items = []
    for form in forms_:
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS:
                items += [{"text": e, "href": ""} for e in errors]
                continue
            items += [{"text": e, "href": f"#{_first_input_id(form[name])}"} for e in errors]
    return {"items": items}


@register.inclusion_tag("web/components/pagination.html", takes_context=True)
def govuk_pagination(context: dict[str, Any], page: Page[Any]) -> dict[str, Any]:
    """Previous/next links and numbered pages, keeping the current filters."""
    query: QueryDict = context["request"].GET.copy()

    def href(number: int) -> str:
        query["page"] = str(number)
        return "?" + query.urlencode()

    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "page": page,
        "items": [
            {
                "number": n,
                "href": href(n) if isinstance(n, int) else "",
                "current": n == page.number,
            }
            for n in numbers
        ],
        "previous": href(page.previous_page_number()) if page.has_previous() else "",
        "next": href(page.next_page_number()) if page.has_next() else "",
    }


@register.inclusion_tag("web/components/language_note.html")
def govuk_language_note(obj: Any, name: str) -> dict[str, Any]:
    """A note, when ``obj.<name>`` is shown in the other language for want of this one's."""
    return {"language": bilingual.fallback_language(obj, name)}


@register.filter
def govuk_date(value: date | None) -> str:
    """``{{ d|govuk_date }}``: 16 December 2026 (see ``commonground.core.dates``)."""
    return dates.long_date(value) if value else ""


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    """``{{ dt|govuk_datetime }}``: 16 December 2026 at 1:07pm."""
    return dates.long_datetime(value) if value else ""


@register.filter
def govuk_time(value: datetime | time | None) -> str:
    """``{{ dt|govuk_time }}``: 1:07pm."""
    return dates.time_of_day(value) if value else ""
