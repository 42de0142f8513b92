"""The national view: every area's figures side by side, read from each app's queries."""

import csv
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.models import Area, Organisation
from commonground.engagement import queries as engagement
from commonground.partnerships import queries as partnerships
from commonground.representation import queries as representation

HELD = {
    representation.Status.FILLED,
    representation.Status.EXPIRING,
    representation.Status.REPORT_BACK_OVERDUE,
}


@dataclass
class AreaFigures:
    area: Area
    organisations: int
    bodies: int
    seats_filled: int
    seats_vacant: int
    seats_overdue: int
    consultations_open: int
    consultations_meeting_compact: int
    digests_sent: int


def figures(area: Area) -> AreaFigures:
    today = timezone.localdate()
    rows = [r for r in representation.coverage(area, today) if r.seat is not None]
    open_now, meeting = engagement.consultations_open_in(area, today)
    return AreaFigures(
        area=area,
        organisations=Organisation.objects.filter(area=area, public_listing=True).count(),
        bodies=partnerships.bodies_in(area).count(),
        seats_filled=sum(1 for r in rows if r.status in HELD),
        seats_vacant=sum(1 for r in rows if r.status == representation.Status.VACANT),
        seats_overdue=sum(1 for r in rows if r.status == representation.Status.REPORT_BACK_OVERDUE),
        consultations_open=open_now,
        consultations_meeting_compact=meeting,
        digests_sent=engagement.digests_sent_in(area),
    )


def all_areas() -> list[AreaFigures]:
    areas = Area.objects.in_wales().select_related("region").order_by("region__name_en", "name_en")
    return [figures(area) for area in areas]


def table(rows: list[AreaFigures]) -> list[list[str | int]]:
    """A header and one row per area, for the CSV and XLSX downloads."""
    header: list[str | int] = [
        _("Area"),
        _("Organisations listed"),
        _("Partnership bodies"),
        _("Sector seats filled"),
        _("Sector seats vacant"),
        _("Report-backs overdue"),
        _("Consultations open"),
        _("Open consultations meeting the compact window"),
        _("Digests sent"),
    ]
    body: list[list[str | int]] = [
        [
            str(r.area.name),
            r.organisations,
            r.bodies,
            r.seats_filled,
            r.seats_vacant,
            r.seats_overdue,
            r.consultations_open,
            r.consultations_meeting_compact,
            r.digests_sent,
        ]
        for r in rows
    ]
    return [header, *body]


def as_csv(rows: list[list[str | int]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def as_xlsx(rows: list[list[str | int]], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
