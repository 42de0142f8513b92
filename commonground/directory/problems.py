"""Import problems (from ``commonground.interop``) in the reader's language."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from commonground.interop.oruk import Problem

MESSAGES: dict[str, StrOrPromise] = {
    "malformed": _("The file could not be read: %(detail)s."),
    "required": _("This field is required."),
    "not_string": _("Must be text."),
    "not_number": _("Must be a number."),
    "not_integer": _("Must be a whole number."),
    "not_object": _("Must be an object."),
    "not_list": _("Must be a list."),
    "bad_uuid": _("Must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2."),
    "bad_date": _("Must be a date, like 2024-03-27."),
    "bad_time": _("Must be a time, like 09:30:00."),
    "bad_datetime": _("Must be a date and time, like 2024-03-27T09:30:00Z."),
    "bad_uri": _("Must be a web address starting http:// or https://."),
    "bad_email": _("Must be an email address, like name@example.org."),
    "bad_choice": _("Must be one of: %(detail)s."),
    "bad_byday": _("Must be days of the week like MO,WE,FR."),
    "negative": _("Must not be negative."),
    "age_order": _("The minimum age must not be more than the maximum age."),
    "duplicate_id": _("The id %(detail)s appears more than once."),
    "unknown_reference": _("No %(detail)s has this id."),
    "unknown_taxonomy_term": _("Unknown taxonomy term %(detail)s."),
    "unknown_column": _("Unknown column %(detail)s."),
    "bad_postcode": _("Not a UK postcode: %(detail)s."),
    "too_long": _("Must be %(detail)s characters or fewer."),
    "too_large_unzipped": _("Unzipped, the file is bigger than %(detail)s. Nothing was unzipped."),
    "too_many_rows": _("The file has more than %(detail)s rows. Split it into smaller files."),
}


def message(problem: Problem) -> str:
    template = MESSAGES.get(problem.code)
    if template is None:
        return problem.message
    return gettext(str(template)) % {"detail": problem.detail}


def as_rows(problems: list[Problem]) -> list[dict[str, str]]:
    return [{"where": p.where, "field": p.field, "message": message(p)} for p in problems]
