"""Template tags that render GOV.UK Frontend components from Django forms.

Parameter names follow the Design System's macros (label, hint, classes), so templates read
like its documentation.
"""

from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Page
from django.http import QueryDict

register = template.Library()

_INPUT_TYPES = {
    forms.EmailInput: "email",
    forms.URLInput: "url",
    forms.NumberInput: "number",
    forms.PasswordInput: "password",
    forms.DateInput: "date",
}


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


@register.inclusion_tag("web/components/field.html")
def govuk_field(
    field: forms.BoundField, hint: str = "", classes: str = "", autocomplete: str = ""
) -> dict[str, Any]:
    """A form field with its label, hint and error message, in GOV.UK markup."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "text")
    return {
        "field": field,
        "kind": _kind(widget),
        "input_type": input_type,
        "hint": hint or field.help_text,
        "classes": classes,
        "autocomplete": autocomplete,
        "value": field.value() if field.value() is not None else "",
        "selected": {str(v) for v in (field.value() or [])}
        if isinstance(widget, forms.CheckboxSelectMultiple)
        else {str(field.value())},
    }


def _first_input_id(bound: forms.BoundField) -> str:
    """Radios and checkboxes are linked to by their first option, as the Design System does."""
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
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
