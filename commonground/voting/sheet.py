"""Count sheets: the published, human-readable form of a result.

One column per round (the votes at the end of that round), one row per
candidate, then the non-transferable votes, the loss to rounding and the
total, followed by what happened in each round.  The HTML is a bare
``<table>`` fragment using GOV.UK Frontend table classes, with every piece
of text escaped, so it can be embedded in a page as is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # result.py imports this module to draw a result's sheet
    from .result import Action, Result


def _english_seats(seats: int) -> str:
    return f"{seats} seat(s)"


@dataclass(frozen=True)
class Words:
    """Every word a sheet prints, English by default.

    An application passes its own (say, Welsh) so the sheet reads in its reader's language:
    ``rule_names`` gives each rule's name in words, ``seats`` the seat count with its
    plural, and ``action`` one line per step of the count from its kind and candidates'
    names (by default, the counting rule's own English message).
    """

    candidate: str = "Candidate"
    result: str = "Result"
    round: str = "Round {number}"
    non_transferable: str = "Non-transferable"
    loss_to_rounding: str = "Loss to rounding"
    total: str = "Total"
    elected: str = "elected"
    excluded: str = "excluded"
    withdrawn: str = "withdrawn"
    election: str = "Election"
    rule: str = "Rule"
    seats_label: str = "Seats"
    valid_ballots: str = "Valid ballots"
    quota: str = "Quota"
    elected_label: str = "Elected"
    note: str = "Note"
    caption: str = "Count sheet: {title} — {rule}, {seats}, quota {quota}"
    rule_names: Mapping[str, str] = field(default_factory=dict)
    seats: Callable[[int], str] = _english_seats
    action: Callable[[Action, list[str]], str] | None = None

    def rule_name(self, result: Result) -> str:
        return self.rule_names.get(result.rule, result.rule)

    def action_line(self, action: Action, result: Result) -> str:
        if self.action is None:
            return action.message
        return self.action(action, [result.candidates[i] for i in action.candidates])


ENGLISH = Words()


def _state_word(code: str, words: Words) -> str:
    return {
        "E": words.elected,
        "e": words.elected,
        "D": words.excluded,
        "W": words.withdrawn,
    }.get(code, "")


def _columns(result: Result, words: Words) -> list[tuple[str, list[str]]]:
    """Header and cells (candidates, NT, loss, total) for each round."""
    cols = []
    for rnd in result.rounds:
        last = rnd.last
        cells = [result.fmt(s.votes) for s in last.states]
        cells += [
            result.fmt(last.non_transferable),
            result.fmt(last.loss_to_rounding),
            result.fmt(last.total),
        ]
        cols.append((words.round.format(number=rnd.number), cells))
    return cols


def _row_labels(result: Result, words: Words) -> list[str]:
    return [*result.candidates, words.non_transferable, words.loss_to_rounding, words.total]


def _final_states(result: Result, words: Words) -> list[str]:
    return [_state_word(s.code, words) for s in result.rounds[-1].last.states]


def _header_lines(result: Result, words: Words) -> list[str]:
    return [
        f"{words.election}: {result.title}",
        f"{words.rule}: {words.rule_name(result)} {result.parameters}",
        f"{words.seats_label}: {result.seats}",
        f"{words.valid_ballots}: {result.fmt(result.valid_ballots)}",
        f"{words.quota}: {result.fmt(result.quota)}",
        f"{words.elected_label}: " + ", ".join(result.elected_names),
    ]


def text_sheet(result: Result, words: Words = ENGLISH) -> str:
    """Return the count sheet as fixed-width text."""
    labels = _row_labels(result, words)
    cols = _columns(result, words)
    states = [*_final_states(result, words), "", "", ""]
    width = max(len(x) for x in labels)
    lines = [*_header_lines(result, words), ""]
    widths = [max(len(h), *(len(c) for c in cells)) for h, cells in cols]
    lines.append(
        " " * width + "  " + "  ".join(h.rjust(w) for (h, _), w in zip(cols, widths, strict=True))
    )
    for i, label in enumerate(labels):
        row = "  ".join(cells[i].rjust(w) for (_, cells), w in zip(cols, widths, strict=True))
        lines.append(f"{label.ljust(width)}  {row}  {states[i]}".rstrip())
    lines.append("")
    for rnd in result.rounds:
        lines.append(words.round.format(number=rnd.number) + ":")
        lines.extend(
            f"  {words.action_line(a, result)}" for a in rnd.actions if a.kind != "iterate"
        )
    lines.extend(f"{words.note}: {n}" for n in result.notes)
    return "\n".join(lines) + "\n"


def html_sheet(result: Result, words: Words = ENGLISH) -> str:
    """Return the count sheet as an escaped ``<table>`` fragment."""
    cols = _columns(result, words)
    labels = _row_labels(result, words)
    states = [*_final_states(result, words), "", "", ""]
    caption = words.caption.format(
        title=result.title,
        rule=words.rule_name(result),
        seats=words.seats(result.seats),
        quota=result.fmt(result.quota),
    )
    out = [
        '<table class="govuk-table">',
        f'<caption class="govuk-table__caption govuk-table__caption--m">{escape(caption)}'
        "</caption>",
        '<thead class="govuk-table__head"><tr class="govuk-table__row">',
        f'<th scope="col" class="govuk-table__header">{escape(words.candidate)}</th>',
    ]
    out += [
        f'<th scope="col" class="govuk-table__header govuk-table__header--numeric">{escape(h)}</th>'
        for h, _ in cols
    ]
    out.append(
        f'<th scope="col" class="govuk-table__header">{escape(words.result)}</th></tr></thead>'
    )
    out.append('<tbody class="govuk-table__body">')
    for i, label in enumerate(labels):
        out.append(
            '<tr class="govuk-table__row">'
            f'<th scope="row" class="govuk-table__header">{escape(label)}</th>'
        )
        out += [
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{escape(cells[i])}</td>'
            for _, cells in cols
        ]
        out.append(f'<td class="govuk-table__cell">{escape(states[i])}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out) + "\n"
