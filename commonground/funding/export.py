"""Tables (the calculator's breakdown, funding flows) as CSV and XLSX downloads."""

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from commonground.funding.fcr import Breakdown
from commonground.funding.queries import Flows

Table = tuple[str, list[str], list[list[Any]]]  # sheet title, header, rows


def pounds(pence: int) -> str:
    """Pence as pounds with two decimal places, for tables (no float on the way)."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def _safe(value: Any) -> Any:
    """Stop a spreadsheet reading typed text as a formula (CSV injection)."""
    if (
        isinstance(value, str)
        and value[:1] in ("=", "+", "-", "@", "\t", "\r")
        and not _number(value)
    ):
        return "'" + value
    return value


def _number(value: str) -> bool:
    return value[:1] == "-" and value[1:].replace(".", "", 1).isdigit()


def as_csv(tables: Sequence[Table], filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    for n, (title, header, rows) in enumerate(tables):
        if n:
            writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows([[_safe(v) for v in row] for row in rows])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def as_xlsx(tables: Sequence[Table], filename: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in tables:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def breakdown_tables(breakdown: Breakdown) -> list[Table]:
    basis = basis_labels()
    rows: list[list[Any]] = [
        [d.name, _("Direct cost"), "", "", "", pounds(d.pence)] for d in breakdown.direct
    ]
    for line in breakdown.overheads:
        o = line.overhead
        rows.append(
            [
                o.name,
                str(basis[o.basis]),
                f"{o.project_quantity} / {o.total_quantity}",
                f"{100 * line.share:.2f}%",
                pounds(o.pence),
                pounds(line.pence),
            ]
        )
    rows += [
        [_("Total direct costs"), "", "", "", "", pounds(breakdown.direct_pence)],
        [_("Total overheads"), "", "", "", "", pounds(breakdown.overhead_pence)],
        [_("Full cost"), "", "", "", "", pounds(breakdown.full_cost_pence)],
        [
            _("Overheads as a share of the full cost"),
            "",
            "",
            f"{breakdown.overhead_percent}%",
            "",
            "",
        ],
    ]
    header = [
        _("Cost"),
        _("Basis"),
        _("Quantity (this work / organisation)"),
        _("Share"),
        _("Annual overhead (£)"),
        _("Cost to this work (£)"),
    ]
    return [(_("Full cost recovery"), header, rows)]


def basis_labels() -> dict[str, str]:
    from commonground.funding.forms import BASIS_CHOICES

    return {key: str(label) for key, label in BASIS_CHOICES}


def flow_tables(flows: Flows, titles: dict[str, str]) -> list[Table]:
    header = [_("Group"), _("Agreements"), _("Amount (£)"), _("Share of total (%)")]
    tables: list[Table] = []
    for key, rows in [("year", flows.years), *flows.groupings.items()]:
        tables.append(
            (
                titles[key],
                header,
                [
                    [
                        r.label or _("Not recorded"),
                        r.count,
                        pounds(r.pence),
                        r.percent_of(flows.total_pence),
                    ]
                    for r in rows
                ],
            )
        )
    tables.append(
        (
            _("What the codes ask for"),
            [_("Measure"), _("Amount (£)"), _("Out of (£)"), _("Share (%)")],
            [
                [
                    _("Multi-year (longer than a year)"),
                    pounds(flows.multi_year_pence),
                    pounds(flows.total_pence),
                    flows.share(flows.multi_year_pence, flows.total_pence),
                ],
                [
                    _("Paid in advance (of scheduled instalments)"),
                    pounds(flows.advance_pence),
                    pounds(flows.scheduled_pence),
                    flows.share(flows.advance_pence, flows.scheduled_pence),
                ],
                [
                    _("Full cost recovery allowed (where recorded)"),
                    pounds(flows.fcr_pence),
                    pounds(flows.fcr_known_pence),
                    flows.share(flows.fcr_pence, flows.fcr_known_pence),
                ],
            ],
        )
    )
    return tables
