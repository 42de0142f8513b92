"""Count sheets: the published, human-readable form of a result.

One column per round (the votes at the end of that round), one row per
candidate, then the non-transferable votes, the loss to rounding and the
total, followed by what happened in each round.  The HTML is a bare
``<table>`` fragment using GOV.UK Frontend table classes, with every piece
of text escaped, so it can be embedded in a page as is.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # result.py imports this module to draw a result's sheet
    from .result import Result

_STATE_WORD = {"E": "elected", "e": "elected", "D": "excluded", "W": "withdrawn", "H": ""}


def _columns(result: Result) -> list[tuple[str, list[str]]]:
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
        cols.append((f"Round {rnd.number}", cells))
    return cols


def _row_labels(result: Result) -> list[str]:
    return [*result.candidates, "Non-transferable", "Loss to rounding", "Total"]


def _final_states(result: Result) -> list[str]:
    return [_STATE_WORD[s.code] for s in result.rounds[-1].last.states]


def _header_lines(result: Result) -> list[str]:
    return [
        f"Election: {result.title}",
        f"Rule: {result.rule} {result.parameters}",
        f"Seats: {result.seats}",
        f"Valid ballots: {result.fmt(result.valid_ballots)}",
        f"Quota: {result.fmt(result.quota)}",
        "Elected: " + ", ".join(result.elected_names),
    ]


def text_sheet(result: Result) -> str:
    """Return the count sheet as fixed-width text."""
    labels = _row_labels(result)
    cols = _columns(result)
    states = [*_final_states(result), "", "", ""]
    width = max(len(x) for x in labels)
    lines = [*_header_lines(result), ""]
    widths = [max(len(h), *(len(c) for c in cells)) for h, cells in cols]
    lines.append(
        " " * width + "  " + "  ".join(h.rjust(w) for (h, _), w in zip(cols, widths, strict=True))
    )
    for i, label in enumerate(labels):
        row = "  ".join(cells[i].rjust(w) for (_, cells), w in zip(cols, widths, strict=True))
        lines.append(f"{label.ljust(width)}  {row}  {states[i]}".rstrip())
    lines.append("")
    for rnd in result.rounds:
        lines.append(f"Round {rnd.number}:")
        lines.extend(f"  {a.message}" for a in rnd.actions if a.kind != "iterate")
    lines.extend(f"Note: {n}" for n in result.notes)
    return "\n".join(lines) + "\n"


def html_sheet(result: Result) -> str:
    """Return the count sheet as an escaped ``<table>`` fragment."""
    cols = _columns(result)
    labels = _row_labels(result)
    states = [*_final_states(result), "", "", ""]
    caption = (
        f"Count sheet: {result.title} — {result.rule}, {result.seats} seat(s), "
        f"quota {result.fmt(result.quota)}"
    )
    out = [
        '<table class="govuk-table">',
        f'<caption class="govuk-table__caption govuk-table__caption--m">{escape(caption)}'
        "</caption>",
        '<thead class="govuk-table__head"><tr class="govuk-table__row">',
        '<th scope="col" class="govuk-table__header">Candidate</th>',
    ]
    out += [
        f'<th scope="col" class="govuk-table__header govuk-table__header--numeric">{escape(h)}</th>'
        for h, _ in cols
    ]
    out.append('<th scope="col" class="govuk-table__header">Result</th></tr></thead>')
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
