"""Responses as CSV and XLSX for analysis, with rating counts, percentages and base (n).

Headers and labels follow the active language; answers are as respondents wrote them.
"""

import io
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from commonground.core.exports import append_row, write_csv
from commonground.engagement import queries
from commonground.engagement.models import Answer, Consultation, Question


def _answer_text(question: Question, answer: Answer | None) -> str:
    if answer is None:
        return ""
    if question.kind == Question.Kind.FREE_TEXT:
        return answer.text
    if question.kind == Question.Kind.RATING:
        return "" if answer.rating is None else str(answer.rating)
    choices = question.choice_list()
    return "; ".join(choices[i] for i in answer.choices if 0 <= i < len(choices))


def response_table(consultation: Consultation) -> tuple[list[str], list[list[str]]]:
    questions = list(consultation.questions.all())
    header = [
        _("Reference"),
        _("Submitted"),
        _("Responding for"),
        _("Publish"),
        *[f"Q{q.number}. {q.text}" for q in questions],
    ]
    rows = []
    for response in queries.submitted_responses(consultation):
        answers = {a.question_id: a for a in response.answers.all()}
        rows.append(
            [
                response.reference,
                formats.date_format(response.submitted_at, "Y-m-d H:i")
                if response.submitted_at
                else "",
                str(response.organisation) if response.organisation else _("Individual"),
                _("Yes") if response.publish else _("No"),
                *[_answer_text(q, answers.get(q.pk)) for q in questions],
            ]
        )
    return header, rows


def rating_table(consultation: Consultation) -> tuple[list[str], list[list[Any]]]:
    header = [_("Question"), _("Rating"), _("Count"), _("Percentage"), _("Base (n)")]
    rows: list[list[Any]] = []
    for summary in queries.rating_summaries(consultation):
        for row in summary.rows:
            rows.append(
                [
                    f"Q{summary.question.number}. {summary.question.text}",
                    row.value,
                    row.count,
                    row.percent,
                    summary.base,
                ]
            )
    return header, rows


def as_csv(consultation: Consultation) -> str:
    out = io.StringIO()
    header, rows = response_table(consultation)
    write_csv(out, [header, *rows])
    rating_header, rating_rows = rating_table(consultation)
    if rating_rows:
        write_csv(out, [[], rating_header, *rating_rows])
    return "\ufeff" + out.getvalue()


def as_xlsx(consultation: Consultation) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    sheet = book.active
    sheet.title = _("Responses")[:31]
    header, rows = response_table(consultation)
    append_row(sheet, header)
    for values in rows:
        append_row(sheet, values)
    ratings = book.create_sheet(_("Ratings")[:31])
    rating_header, _rows = rating_table(consultation)
    append_row(ratings, rating_header)
    line = 2
    for summary in queries.rating_summaries(consultation):
        first = line
        for row in summary.rows:
            append_row(
                ratings,
                [
                    f"Q{summary.question.number}. {summary.question.text}",
                    row.value,
                    row.count,
                    row.percent,
                    summary.base,
                ],
            )
            line += 1
        chart = BarChart()
        chart.title = f"Q{summary.question.number} (n={summary.base})"
        chart.y_axis.title = _("Count")
        chart.x_axis.title = _("Rating")
        chart.add_data(Reference(ratings, min_col=3, min_row=first, max_row=line - 1))
        chart.set_categories(Reference(ratings, min_col=2, min_row=first, max_row=line - 1))
        chart.legend = None
        ratings.add_chart(chart, f"G{first}")
        ratings.append([])
        line += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
