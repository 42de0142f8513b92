"""Every planning table as CSV or XLSX, written through core's formula guard."""

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from commonground.core.exports import append_row, write_csv
from commonground.planning.models import Action, GovernmentRequest
from commonground.planning.queries import CardSummary, ExceptionReport, MeasureSummary

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(
    fmt: str, filename: str, header: Sequence[str], rows: Sequence[Sequence[Any]]
) -> HttpResponse:
    if fmt == "csv":
        out = io.StringIO()
        write_csv(out, [header, *rows])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        append_row(sheet, header)
        for row in rows:
            append_row(sheet, row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def action_table(actions: Sequence[Action], on: date) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Priority"),
        _("Action"),
        _("Owner organisation"),
        _("Lead person"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Delivered"),
        _("Partners"),
    ]
    rows = [
        [
            str(a.priority.title),
            str(a.title),
            str(a.owner),
            str(a.lead or ""),
            _iso(a.due_on),
            a.get_status_display(),
            _("Yes") if a.is_overdue(on) else _("No"),
            a.get_delivery_display(),
            "; ".join(str(p) for p in a.partners.all()),
        ]
        for a in actions
    ]
    return header, rows


VALUE_HEADER = ["indicator", "period", "actual", "target", "forecast", "numerator", "denominator"]


def value_rows(cards: Sequence[CardSummary]) -> list[list[Any]]:
    """Every period's values, in the import's own columns (a file exported imports again)."""
    return [
        [
            s.measure.title_en,
            v.period,
            v.actual,
            v.target,
            v.forecast,
            v.numerator,
            v.denominator,
        ]
        for c in cards
        for s in c.measures
        for v in s.measure.values.all()
    ]


def request_table(
    requests: Sequence[GovernmentRequest], on: date
) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Subject"),
        _("Kind of request"),
        _("Sender"),
        _("Date received"),
        _("Owner"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Answered on"),
        _("Response"),
    ]
    rows = [
        [
            r.title,
            r.get_kind_display(),
            r.sender,
            _iso(r.received_on),
            str(r.owner),
            _iso(r.due_on),
            r.get_status_display(),
            _("Yes") if r.status == "open" and r.due_on < on else _("No"),
            _iso(r.answered_on),
            r.response,
        ]
        for r in requests
    ]
    return header, rows


def _measure_row(kind: str, s: MeasureSummary) -> list[Any]:
    return [
        kind,
        str(s.measure.card.body),
        str(s.measure.title),
        str(s.period),
        s.latest_actual,
        "",
    ]


def exception_table(report: ExceptionReport) -> tuple[list[str], list[list[Any]]]:
    header = [_("Exception"), _("Body"), _("Item"), _("Due or period"), _("Actual"), _("Owner")]
    rows: list[list[Any]] = []
    for a in report.overdue_actions:
        rows.append(
            [
                _("Overdue action"),
                str(a.priority.plan.body),
                str(a.title),
                _iso(a.due_on),
                "",
                str(a.owner),
            ]
        )
    for a in report.off_track_actions:
        rows.append(
            [
                a.get_status_display(),
                str(a.priority.plan.body),
                str(a.title),
                _iso(a.due_on),
                "",
                str(a.owner),
            ]
        )
    rows += [_measure_row(_("Measure off track"), s) for s in report.off_track_measures]
    rows += [_measure_row(_("Measure with no data"), s) for s in report.no_data_measures]
    for r in report.overdue_requests:
        rows.append(
            [
                _("Government request overdue"),
                str(r.body),
                r.title,
                _iso(r.due_on),
                "",
                str(r.owner),
            ]
        )
    return header, rows
