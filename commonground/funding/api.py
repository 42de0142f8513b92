"""JSON endpoints: agreements, funding flows, and the 360Giving package.

Agreements are those the client may see (published ones for everyone); flows count
published agreements. ``/360giving/grants.json`` is a 360Giving JSON package of published
grants, with the same filters as ``manage.py export_360giving``.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from commonground.api.auth import READ_AUTH, WRITE_AUTH
from commonground.api.errors import ERROR_RESPONSES, ApiError
from commonground.api.pagination import Page, PageParams, paginate
from commonground.core.models import Area, Organisation
from commonground.funding import actions, queries
from commonground.funding.models import Agreement, Instalment
from commonground.funding.threesixty import agreement_to_grant, published_agreements
from commonground.interop.threesixty import package_json

router = Router(tags=["funding"])


class InstalmentOut(Schema):
    due_on: date
    amount_pence: int
    timing: str


class AgreementOut(Schema):
    id: int
    identifier: str = Field(..., description="The 360Giving grant identifier.")
    title: str
    funder: str = Field(..., description="Slug of the funding organisation.")
    recipient: str | None = Field(None, description="Slug of the recipient organisation.")
    mode: Agreement.Mode
    status: Agreement.Status
    amount_pence: int
    currency: str
    award_date: date
    planned_start: str
    planned_end: str
    notice_days: int | None
    fcr_allowed: bool | None
    area: str | None = Field(None, description="ONS code of the area.")
    instalments: list[InstalmentOut]

    @staticmethod
    def resolve_funder(obj: Agreement) -> str:
        return obj.funder.slug

    @staticmethod
    def resolve_recipient(obj: Agreement) -> str | None:
        return obj.recipient.slug if obj.recipient else None

    @staticmethod
    def resolve_area(obj: Agreement) -> str | None:
        return obj.area.code if obj.area else None

    @staticmethod
    def resolve_instalments(obj: Agreement) -> list[Any]:
        return list(obj.instalments.all())


class RowOut(Schema):
    key: str
    label: str
    count: int
    pence: int


class FlowsOut(Schema):
    area: str | None = Field(None, description="Slug of the area; null for all areas.")
    total_pence: int
    count: int
    by_financial_year: list[RowOut]
    by_funder: list[RowOut]
    by_directorate: list[RowOut]
    by_mode: list[RowOut]
    by_area: list[RowOut]
    by_theme: list[RowOut]
    multi_year_pence: int
    advance_pence: int
    scheduled_pence: int
    fcr_allowed_pence: int
    fcr_recorded_pence: int


class GrantFilters(Schema):
    funder: str = Field("", description="The funder's org-id, e.g. GB-PLA-CGN.")
    date_from: date | None = Field(None, alias="from", description="Awarded on or after.")
    date_to: date | None = Field(None, alias="to", description="Awarded on or before.")


@router.get(
    "/funding/agreements",
    response={200: Page[AgreementOut], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="List funding agreements",
)
def list_agreements(request: HttpRequest, paging: Query[PageParams]) -> Any:
    qs = queries.visible_agreements(request.user).prefetch_related("instalments").order_by("pk")
    return paginate(qs, paging)


@router.get(
    "/funding/agreements/{agreement_id}",
    response={200: AgreementOut, **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="Get a funding agreement",
)
def get_agreement(request: HttpRequest, agreement_id: int) -> Any:
    return get_object_or_404(queries.visible_agreements(request.user), pk=agreement_id)


@router.get(
    "/funding/flows",
    response={200: FlowsOut, **ERROR_RESPONSES},
    summary="Funding flows of an area, or of all areas",
)
def get_flows(request: HttpRequest, area: str = "") -> Any:
    place = None
    if area:
        place = Area.objects.filter(slug=area).first()
        if place is None:
            raise ApiError(404, "There is no such area.", [{"field": "area", "message": area[:60]}])
    flows = queries.funding_flows(place)
    g = flows.groupings
    return {
        "area": area or None,
        "total_pence": flows.total_pence,
        "count": flows.count,
        "by_financial_year": flows.years,
        "by_funder": g["funder"],
        "by_directorate": g["directorate"],
        "by_mode": g["mode"],
        "by_area": g["area"],
        "by_theme": g["theme"],
        "multi_year_pence": flows.multi_year_pence,
        "advance_pence": flows.advance_pence,
        "scheduled_pence": flows.scheduled_pence,
        "fcr_allowed_pence": flows.fcr_pence,
        "fcr_recorded_pence": flows.fcr_known_pence,
    }


@router.get(
    "/360giving/grants.json",
    response={200: Any, **ERROR_RESPONSES},
    summary="Published grants as a 360Giving JSON package",
    url_name="threesixty_grants",
)
def threesixty_grants(request: HttpRequest, filters: Query[GrantFilters]) -> HttpResponse:
    agreements = published_agreements(filters.funder, filters.date_from, filters.date_to)
    grants = [agreement_to_grant(a) for a in agreements]
    if not grants:
        # A 360Giving package must hold at least one grant, so an empty one would be invalid.
        raise ApiError(404, _("No published grants match; a 360Giving package needs at least one."))
    body = package_json(grants)
    return HttpResponse(body, content_type="application/json")


class InstalmentIn(Schema):
    due_on: date
    amount_pence: int
    timing: Instalment.Timing


class AgreementIn(Schema):
    """An agreement another system records, as the funder's officer (C7 reads it)."""

    funder: str = Field(..., description="Slug of the funding organisation.")
    recipient: str = Field(..., description="Slug of the recipient organisation.")
    reference: str
    title: str
    description: str = ""
    mode: Agreement.Mode = Agreement.Mode.GRANT
    amount_pence: int
    award_date: date
    planned_start: str = ""
    planned_end: str = ""
    notice_days: int | None = None
    fcr_allowed: bool | None = None
    monitoring_frequency: Agreement.Frequency | None = None
    area: str | None = Field(None, description="ONS code of the area.")
    published: bool = False
    instalments: list[InstalmentIn] = []


@router.post(
    "/funding/agreements",
    response={201: AgreementOut, **ERROR_RESPONSES},
    auth=WRITE_AUTH,
    summary="Record a funding agreement as offered (bearer token)",
)
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Any:
    def organisation(slug: str, field: str) -> Organisation:
        found = Organisation.objects.filter(slug=slug).first()
        if found is None:
            raise ApiError(
                400,
                _("The request has invalid fields."),
                [{"field": field, "message": _("No organisation has that slug.")}],
            )
        return found

    area = None
    if payload.area:
        area = Area.objects.filter(code=payload.area).first()
        if area is None:
            raise ApiError(
                400,
                _("The request has invalid fields."),
                [{"field": "area", "message": _("No area has that code.")}],
            )
    data = payload.dict(exclude={"instalments", "funder", "recipient", "area"})
    data["monitoring_frequency"] = data["monitoring_frequency"] or ""
    data.update(
        funder=organisation(payload.funder, "funder"),
        recipient=organisation(payload.recipient, "recipient"),
        area=area,
    )
    payments = [
        actions.PlannedPayment(i.due_on, i.amount_pence, i.timing) for i in payload.instalments
    ]
    return Status(201, actions.offer_agreement(request.user, data, payments))  # type: ignore[arg-type]
