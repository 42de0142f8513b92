"""Count sheets in the reader's language, drawn from the stored result.

The count stores its result as JSON (``Election.result``); the sheet is drawn from it on
each request, so the Welsh page reads in Welsh and the English in English, with the
counting rule named in words and the seat named in the reader's language.
"""

import dataclasses

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from commonground.representation.models import Election
from commonground.voting import Action, Result, sheet


def _action_line(action: Action, names: list[str]) -> str:
    """A step of the count from its kind: the rule's own message is in English."""
    listed = ", ".join(names)
    lines = {
        "begin": _("First preferences counted"),
        "elect": _("Elected: %(names)s") % {"names": listed},
        "defeat": _("Excluded: %(names)s") % {"names": listed},
        "transfer": _("Votes transferred from: %(names)s") % {"names": listed},
        "tie": _("Tie broken by lot between: %(names)s") % {"names": listed},
        "defer": _("Transfer of the surplus deferred"),
        "end": _("Count complete"),
    }
    return lines.get(action.kind, action.message)


def _seats(count: int) -> str:
    return ngettext("%(count)d seat", "%(count)d seats", count) % {"count": count}


def words() -> sheet.Words:
    """The sheet's words in the active language."""
    return sheet.Words(
        candidate=_("Candidate"),
        result=_("Result"),
        round=_("Round %(number)s") % {"number": "{number}"},
        non_transferable=_("Non-transferable"),
        loss_to_rounding=_("Loss to rounding"),
        total=_("Total"),
        elected=_("elected"),
        excluded=_("excluded"),
        withdrawn=_("withdrawn"),
        election=_("Election"),
        rule=_("Rule"),
        seats_label=_("Seats"),
        valid_ballots=_("Valid ballots"),
        quota=_("Quota"),
        elected_label=_("Elected"),
        note=_("Note"),
        caption=_("Count sheet: %(title)s — %(rule)s, %(seats)s, quota %(quota)s")
        % {"title": "{title}", "rule": "{rule}", "seats": "{seats}", "quota": "{quota}"},
        rule_names={str(value): str(label) for value, label in Election.Method.choices},
        seats=_seats,
        action=None if (get_language() or "en").startswith("en") else _action_line,
    )


def _result(election: Election) -> Result | None:
    if not election.result:
        return None
    result = Result.from_dict(election.result)
    return dataclasses.replace(result, title=str(election.vacancy.seat))


def html(election: Election) -> str:
    """The count sheet as an escaped table fragment, or "" before the count."""
    result = _result(election)
    return sheet.html_sheet(result, words()) if result else ""


def text(election: Election) -> str:
    """The count sheet as fixed-width text, or "" before the count."""
    result = _result(election)
    return sheet.text_sheet(result, words()) if result else ""
