"""OCDS import problems in words, in the reader's language."""

from django.utils.translation import gettext_lazy as _

from commonground.interop.ocds.package import Problem

_MESSAGES = {
    "not_json": _("The file is not valid JSON (line and column %(detail)s)."),
    "not_utf8": _("The file is not UTF-8 text (byte %(detail)s)."),
    "not_release_package": _("The file is not an OCDS release package: it has no list of releases."),
    "not_object": _("Release %(release)s is not a JSON object."),
    "missing": _("Release %(release)s has no %(field)s."),
    "wrong_type": _("Release %(release)s: %(field)s must be of type %(detail)s."),
    "not_datetime": _("Release %(release)s: %(field)s “%(detail)s” is not a date and time."),
    "non_finite_number": _("Release %(release)s: %(field)s has the number %(detail)s, which is too large to be a real value."),
    "merge_failed": _("The releases of %(release)s could not be merged: %(detail)s"),
}


def describe(problem: Problem, file_name: str = "") -> str:
    template = _MESSAGES.get(problem.code, _("Release %(release)s: %(field)s is not valid."))
    text = str(template) % {
        "release": problem.release or "?",
        "field": problem.field,
        "detail": problem.detail,
    }
    return f"{file_name}: {text}" if file_name else text
