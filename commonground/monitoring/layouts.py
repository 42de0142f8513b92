"""The seeds' own tables as report layouts, filled from raw evidence records.

A layout is data: its columns, and rows whose cells are either text (a label, or the
seed's own "Not available") or a figure: the value of some indicators over some areas, of
some status, for the layout's period. Figures are counted like every report: distinct
organisations or people, not records. Programmes are matched by slug, so a layout shows
only for the programme it was drawn for (the demo's, ``demo.py``).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from commonground.monitoring import reporting
from commonground.monitoring.models import Evidence, Programme

MTC = "making-the-connections"
NPTSC = "national-programme-third-sector-commissioning"

# The seed does not name its five case-study areas; the demo's are five MtC areas.
CASE_STUDY_AREAS = ("W06000008", "W06000010", "W06000009", "W06000002", "W06000016")


@dataclass(frozen=True)
class Figure:
    indicators: tuple[str, ...]
    areas: tuple[str, ...] | None = None
    status: str = "eligible"
    target: bool = False  # the indicators' programme-wide target, not a count


@dataclass(frozen=True)
class Layout:
    slug: str
    programme: str
    title: Any
    source: Any
    period: tuple[date, date]
    columns: tuple[Any, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: tuple[Any, ...] = field(default=())


def _t7_row(label: Any, strand: Any, code: str) -> tuple[Any, ...]:
    return (
        label,
        strand,
        Figure((code,), target=True),
        Figure((code,)),
        Figure((code,), CASE_STUDY_AREAS),
        Figure((code,), CASE_STUDY_AREAS, status="pipeline"),
    )


RI, SP, SD, CV = (
    _("Representation and information"),
    _("Input into service planning"),
    _("Input into service delivery"),
    _("Citizen voice"),
)

LAYOUTS = [
    Layout(
        "t7",
        MTC,
        _("Monitoring outputs: targets against recorded"),
        _("Table T7 of the Making the Connections evaluation (WCVA monitoring system)"),
        (date(2012, 6, 1), date(2014, 7, 31)),
        (
            _("Output indicator"),
            _("Strand"),
            _("Project target"),
            _("Recorded, whole project"),
            _("Recorded, 5 case-study areas"),
            _("In the pipeline, 5 case-study areas"),
        ),
        (
            _t7_row(_("Dissemination initiatives and products"), RI, "ri-dissemination"),
            _t7_row(_("Initiatives to support LSB development"), RI, "ri-lsb-development"),
            _t7_row(
                _("Collaborative agreements between public sector and third sector"),
                SP,
                "sp-agreements",
            ),
            _t7_row(_("Secondments between third sector and public sector"), SP, "sp-secondments"),
            _t7_row(_("Organisations trained in service planning"), SP, "sp-trained"),
            _t7_row(
                _("Organisations trained or supported to meet procurement standards"),
                SD,
                "sd-procurement",
            ),
            _t7_row(_("Collaborative agreements within the third sector"), SD, "sd-agreements"),
            _t7_row(_("Consultation events organised or attended"), CV, "cv-consultation"),
            _t7_row(_("Organisations trained in service user engagement"), CV, "cv-trained"),
        ),
    ),
    Layout(
        "table-2-1",
        NPTSC,
        _("Programme outputs"),
        _("Table 2.1 of the NPTSC legacy report (phase two participant spreadsheet)"),
        (date(2009, 4, 1), date(2011, 3, 31)),
        (
            _("Project"),
            _("Delivery partner"),
            _("Outputs (number of participants)"),
            _("Outputs (number of organisations)"),
        ),
        (
            (_("Training courses for commissioners"), "CIPFA", Figure(("cipfa-participants",)), ""),
            (
                _("Social return on investment training"),
                "SROI-UK",
                Figure(("sroi-participants",)),
                "",
            ),
            (
                _("Pilot training for councillors and NHS non-executive directors"),
                "London Councils",
                Figure(("councillors-participants",)),
                "",
            ),
            (
                _("Area-based support and subsequent shared learning"),
                "IVAR",
                Figure(("ivar-participants",)),
                "",
            ),
            (
                _("Bursary scheme"),
                _("Five universities"),
                Figure(("bursary-participants",)),
                _("Not available"),
            ),
            (
                _("Adapting to individual budget seminars"),
                "ACEVO",
                Figure(("budgets-participants",)),
                "",
            ),
            (
                _("Direct in-depth support to tendering and bidding"),
                "ACEVO",
                Figure(("tendering-participants",)),
                Figure(("tendering-organisations",)),
            ),
            (
                _("Good practice in co-design action research"),
                "bassac",
                Figure(
                    ("brokerage-individuals", "collaboration-individuals", "codesign-individuals")
                ),
                Figure(
                    (
                        "brokerage-organisations",
                        "collaboration-organisations",
                        "codesign-organisations",
                    )
                ),
            ),
            (
                _("Direct consultancy support in tendering and bidding"),
                "NAVCA",
                "",
                Figure(("navca-organisations",)),
            ),
            (_("Research into stimulating new markets"), "SEC", _("n/a"), _("n/a")),
        ),
    ),
    Layout(
        "table-4-2",
        NPTSC,
        _("IVAR number of attendees"),
        _("Table 4.2 of the NPTSC legacy report (interview with the IVAR project manager)"),
        (date(2009, 4, 1), date(2011, 3, 31)),
        (_("Local authority"), _("Number of attendees")),
        tuple(
            (name, Figure(("ivar-participants",), (code,)))
            for name, code in (
                ("Dacorum", "E07000096"),
                ("Gateshead", "E08000037"),
                ("York", "E06000014"),
                ("Devon", "E10000008"),
                ("Staffordshire", "E10000028"),
            )
        ),
        (_("Total"), Figure(("ivar-participants",))),
    ),
    Layout(
        "table-5-3",
        NPTSC,
        _("Good practice in co-design and bidding capacity: outline of project delivery"),
        _("Table 5.3 of the NPTSC legacy report (bassac and LG Improvement and Development)"),
        (date(2009, 4, 1), date(2011, 3, 31)),
        (
            _("Approach"),
            _("Action learning set location"),
            _("Individuals engaged"),
            _("Organisations engaged"),
        ),
        tuple(
            (
                approach,
                place,
                Figure((f"{code}-individuals",), areas),
                Figure((f"{code}-organisations",), areas),
            )
            for approach, code, place, areas in (
                (_("Community brokerage"), "brokerage", _("Doncaster"), ("E08000017",)),
                (_("Community brokerage"), "brokerage", _("Bristol"), ("E06000023",)),
                (_("Collaboration"), "collaboration", _("Plymouth"), ("E06000026",)),
                (_("Collaboration"), "collaboration", _("Bristol"), ("E06000023",)),
                (
                    _("Co-design"),
                    "codesign",
                    _("Northumberland and Newcastle"),
                    ("E06000057", "E08000021"),
                ),
                (_("Co-design"), "codesign", _("Plymouth"), ("E06000026",)),
                (_("Co-design"), "codesign", _("London Borough of Southwark"), ("E09000028",)),
            )
        ),
        (
            _("Total"),
            "",
            Figure(("brokerage-individuals", "collaboration-individuals", "codesign-individuals")),
            Figure(
                ("brokerage-organisations", "collaboration-organisations", "codesign-organisations")
            ),
        ),
    ),
]


def layouts_for(programme: Programme) -> list[Layout]:
    return [layout for layout in LAYOUTS if layout.programme == programme.slug]


def find(programme: Programme, slug: str) -> Layout | None:
    return next((lay for lay in layouts_for(programme) if lay.slug == slug), None)


def figure(programme: Programme, layout: Layout, cell: Figure) -> int | None:
    """One cell's value; ``None`` for a target no one set."""
    units = dict(programme.indicators.filter(code__in=cell.indicators).values_list("code", "unit"))
    if cell.target:
        values = [
            t.value
            for code in cell.indicators
            for t in programme.indicators.get(code=code).targets.filter(
                area=None, delivery_partner=None
            )
        ]
        return int(sum(values)) if values else None
    start, end = layout.period
    found = Evidence.objects.filter(
        programme=programme,
        indicator__code__in=cell.indicators,
        status=cell.status,
        date__gte=start,
        date__lte=end,
    )
    if cell.areas is not None:
        found = found.filter(area__code__in=cell.areas)
    unit = next(iter(units.values()), reporting.COUNT)
    return reporting.value_of(
        [
            reporting.Record(code, cell.status, q, organisation=o, person=p, key=str(pk))
            for pk, code, q, o, p in found.values_list(
                "pk", "indicator__code", "quantity", "organisation_ref", "person_ref"
            )
        ],
        unit,
    )


def fill(programme: Programme, layout: Layout) -> list[list[Any]]:
    """The layout's rows (and total row) with every figure counted."""

    def cells(row: Sequence[Any]) -> list[Any]:
        return [figure(programme, layout, c) if isinstance(c, Figure) else c for c in row]

    rows = [cells(row) for row in layout.rows]
    if layout.total:
        rows.append(cells(layout.total))
    return rows
