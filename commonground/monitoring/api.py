"""JSON endpoints: programmes with their logic models, evidence records, and reports.

Monitoring data is for staff and national viewers (a token or a session); anyone else gets
403. The report's shape is fixed by issue 17: ``{"programme", "from", "to", "rows": [...]}``.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from commonground.api.auth import READ_AUTH
from commonground.api.errors import ERROR_RESPONSES, ApiError
from commonground.api.pagination import Page, PageParams, paginate
from commonground.monitoring import logic_model, queries
from commonground.monitoring.models import Evidence, Programme

router = Router(tags=["monitoring"])


def _programme(request: HttpRequest, slug: str) -> Programme:
    if not request.user.has_perm("monitoring.view_programmes"):
        raise ApiError(403, "Monitoring data is for staff and national viewers.")
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise ApiError(404, "There is no such programme.")
    return programme


class ProgrammeOut(Schema):
    slug: str
    title_en: str
    title_cy: str
    period_start: date
    period_end: date


class EvidenceOut(Schema):
    id: int
    indicator: str
    date: date
    area: str | None = Field(None, description="ONS code.")
    delivery_partner: str | None = Field(None, description="Org id (slug).")
    organisation: str = Field("", description="Org id as recorded.")
    person_ref: str
    quantity: int
    status: Evidence.Status
    reason: str
    source: str = Field(..., description='"event", "entered" or "imported".')
    source_ref: str

    @staticmethod
    def resolve_indicator(obj: Evidence) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_area(obj: Evidence) -> str | None:
        return obj.area.code if obj.area else None

    @staticmethod
    def resolve_delivery_partner(obj: Evidence) -> str | None:
        return obj.delivery_partner.slug if obj.delivery_partner else None

    @staticmethod
    def resolve_organisation(obj: Evidence) -> str:
        return obj.organisation_ref

    @staticmethod
    def resolve_source(obj: Evidence) -> str:
        return "event" if obj.source_event_id else "imported" if obj.imported else "entered"


class ReportRowOut(Schema):
    indicator: str
    area: str | None
    delivery_partner: str | None
    target: float | None
    eligible: int
    pipeline: int
    not_eligible: int


class ReportOut(Schema):
    programme: str
    date_from: date = Field(..., alias="from")
    date_to: date = Field(..., alias="to")
    rows: list[ReportRowOut]


class ReportFilters(Schema):
    by: str = Field("", description="area, partner or area,partner; empty for whole indicators.")
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")


@router.get(
    "/programmes",
    response={200: list[ProgrammeOut], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="List programmes",
)
def list_programmes(request: HttpRequest) -> Any:
    if not request.user.has_perm("monitoring.view_programmes"):
        raise ApiError(403, "Monitoring data is for staff and national viewers.")
    return list(queries.programmes())


@router.get(
    "/programmes/{slug}/logic-model",
    response={200: dict[str, Any], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="A programme's logic model, in the import format",
)
def get_logic_model(request: HttpRequest, slug: str) -> Any:
    return logic_model.export(_programme(request, slug))


@router.get(
    "/programmes/{slug}/evidence",
    response={200: Page[EvidenceOut], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="A programme's evidence records",
)
def list_evidence(
    request: HttpRequest, slug: str, paging: Query[PageParams], status: str = ""
) -> Any:
    programme = _programme(request, slug)
    if status and status not in Evidence.Status.values:
        raise ApiError(400, "Unknown status.", [{"field": "status", "message": status[:40]}])
    return paginate(queries.evidence(programme, status).order_by("pk"), paging)


@router.get(
    "/programmes/{slug}/report",
    response={200: ReportOut, **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="Targets against eligible, pipeline and not-eligible values",
    by_alias=True,
)
def get_report(request: HttpRequest, slug: str, filters: Query[ReportFilters]) -> Any:
    programme = _programme(request, slug)
    if filters.by not in queries.GROUPINGS:
        raise ApiError(
            400,
            "by must be area, partner or area,partner.",
            [{"field": "by", "message": filters.by[:40]}],
        )
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise ApiError(
            400, "to must be on or after from.", [{"field": "to", "message": str(filters.date_to)}]
        )
    return queries.report(programme, filters.by, filters.date_from, filters.date_to).as_json()
