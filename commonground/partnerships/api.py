"""JSON endpoints for the partnerships register: bodies, seats, holders, meetings, issues.

Everything here is public, as on the register's pages. People appear by name only.
"""

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from commonground.api.errors import ERROR_RESPONSES
from commonground.api.pagination import Page, PageParams, paginate
from commonground.partnerships import queries
from commonground.partnerships.models import (
    LiaisonIssue,
    Meeting,
    MeetingAction,
    PartnershipBody,
    Seat,
    SeatHolding,
)

router = Router(tags=["partnerships"])


class HoldingOut(Schema):
    id: int
    role: SeatHolding.Role
    person: str
    organisation: str | None = Field(None, description="Slug of the organisation represented.")
    route: SeatHolding.Route
    starts_on: date
    ends_on: date
    ended_on: date | None
    is_current: bool

    @staticmethod
    def resolve_person(obj: SeatHolding) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_organisation(obj: SeatHolding) -> str | None:
        return obj.organisation.slug if obj.organisation else None


class SeatOut(Schema):
    id: int
    body: str = Field(..., description="Slug of the body.")
    name_en: str
    name_cy: str
    kind: Seat.Kind
    reserved_for: str
    term_months: int
    max_consecutive_terms: int
    has_substitute: bool
    holder: HoldingOut | None = Field(None, description="Today's holder; null when vacant.")

    @staticmethod
    def resolve_body(obj: Seat) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_holder(obj: Seat) -> SeatHolding | None:
        return obj.current_holding()


class BodyOut(Schema):
    slug: str
    name_en: str
    name_cy: str
    kind: PartnershipBody.Kind
    parent: str | None = Field(None, description="Slug of the body it reports to.")
    convenor: str = Field(..., description="Slug of the convening organisation.")
    areas: list[str] = Field(..., description="ONS codes.")
    meeting_frequency: PartnershipBody.Frequency
    status: PartnershipBody.Status
    url: str

    @staticmethod
    def resolve_parent(obj: PartnershipBody) -> str | None:
        return obj.parent.slug if obj.parent else None

    @staticmethod
    def resolve_convenor(obj: PartnershipBody) -> str:
        return obj.convenor.slug

    @staticmethod
    def resolve_areas(obj: PartnershipBody) -> list[str]:
        return [a.code for a in obj.areas.all()]

    @staticmethod
    def resolve_url(obj: PartnershipBody) -> str:
        return obj.get_absolute_url()


class MeetingOut(Schema):
    id: int
    body: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    online_link: str
    status: Meeting.Status
    url: str

    @staticmethod
    def resolve_body(obj: Meeting) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_url(obj: Meeting) -> str:
        return obj.get_absolute_url()


class BodyDetailOut(BodyOut):
    terms_of_reference_en: str
    terms_of_reference_cy: str
    children: list[str]
    seats: list[SeatOut]
    next_meeting: MeetingOut | None

    @staticmethod
    def resolve_children(obj: PartnershipBody) -> list[str]:
        return [c.slug for c in obj.children.all()]

    @staticmethod
    def resolve_seats(obj: PartnershipBody) -> list[Seat]:
        return list(obj.seats.select_related("body"))

    @staticmethod
    def resolve_next_meeting(obj: PartnershipBody) -> Meeting | None:
        return queries.next_meeting(obj)


class PaperOut(Schema):
    title: str
    url: str
    size: int

    @staticmethod
    def resolve_url(obj: Any) -> str:
        meeting = obj.meeting
        return reverse("partnerships:paper", args=[meeting.body.slug, meeting.pk, obj.pk])

    @staticmethod
    def resolve_size(obj: Any) -> int:
        try:
            return int(obj.file.size)
        except (FileNotFoundError, ValueError):
            return 0


class DecisionOut(Schema):
    text_en: str
    text_cy: str


class ActionOut(Schema):
    id: int
    description_en: str
    description_cy: str
    owner: str
    due_on: date
    status: MeetingAction.Status

    @staticmethod
    def resolve_owner(obj: MeetingAction) -> str:
        return obj.owner.slug


class AttendanceOut(Schema):
    person: str
    organisation: str | None
    status: str

    @staticmethod
    def resolve_person(obj: Any) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return obj.organisation.slug if obj.organisation else None


class MeetingDetailOut(MeetingOut):
    agenda_en: str
    agenda_cy: str
    minutes_en: str
    minutes_cy: str
    papers: list[PaperOut]
    decisions: list[DecisionOut]
    actions: list[ActionOut]
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_papers(obj: Meeting) -> list[Any]:
        return list(obj.papers.select_related("meeting__body"))

    @staticmethod
    def resolve_decisions(obj: Meeting) -> list[Any]:
        return list(obj.decisions.all())

    @staticmethod
    def resolve_actions(obj: Meeting) -> list[Any]:
        return list(obj.actions.select_related("owner"))

    @staticmethod
    def resolve_attendance(obj: Meeting) -> list[Any]:
        return list(obj.attendance.select_related("person", "organisation"))


class LiaisonIssueOut(Schema):
    id: int
    title: str
    description: str
    raised_by: str
    raised_at: int = Field(..., description="Id of the meeting where it was raised.")
    status: LiaisonIssue.Status
    response: str
    responded_on: date | None
    officer_attending: str
    is_overdue: bool

    @staticmethod
    def resolve_raised_by(obj: LiaisonIssue) -> str:
        return obj.raised_by.slug

    @staticmethod
    def resolve_raised_at(obj: LiaisonIssue) -> int:
        return obj.raised_at_id


class BodyFilters(Schema):
    area: str | None = Field(None, description="ONS code of an area.")
    kind: PartnershipBody.Kind | None = None
    status: PartnershipBody.Status | None = None


def _bodies() -> QuerySet[PartnershipBody]:
    return PartnershipBody.objects.select_related("parent", "convenor").prefetch_related("areas")


@router.get(
    "/partnerships/bodies",
    response={200: Page[BodyOut], **ERROR_RESPONSES},
    summary="List partnership bodies",
)
def list_bodies(
    request: HttpRequest, filters: Query[BodyFilters], paging: Query[PageParams]
) -> Any:
    qs = _bodies()
    if filters.area:
        qs = qs.filter(areas__code=filters.area)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return paginate(qs.distinct().order_by("name_en", "pk"), paging)


@router.get(
    "/partnerships/bodies/{slug}",
    response={200: BodyDetailOut, **ERROR_RESPONSES},
    summary="Get a partnership body",
)
def get_body(request: HttpRequest, slug: str) -> Any:
    return get_object_or_404(_bodies(), slug=slug)


@router.get(
    "/partnerships/bodies/{slug}/seats",
    response={200: list[SeatOut], **ERROR_RESPONSES},
    summary="List a body's seats",
)
def list_seats(request: HttpRequest, slug: str) -> Any:
    body = get_object_or_404(PartnershipBody, slug=slug)
    return list(body.seats.select_related("body"))


@router.get(
    "/partnerships/seats/{seat_id}/holdings",
    response={200: list[HoldingOut], **ERROR_RESPONSES},
    summary="A seat's holder history",
)
def list_holdings(request: HttpRequest, seat_id: int) -> Any:
    seat = get_object_or_404(Seat, pk=seat_id)
    return list(queries.holder_history(seat))


@router.get(
    "/partnerships/bodies/{slug}/meetings",
    response={200: Page[MeetingOut], **ERROR_RESPONSES},
    summary="List a body's meetings",
)
def list_meetings(request: HttpRequest, slug: str, paging: Query[PageParams]) -> Any:
    body = get_object_or_404(PartnershipBody, slug=slug)
    return paginate(body.meetings.select_related("body").order_by("-starts_at", "pk"), paging)


@router.get(
    "/partnerships/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **ERROR_RESPONSES},
    summary="Get a meeting",
)
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    return get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_id)


@router.get(
    "/partnerships/bodies/{slug}/liaison-issues",
    response={200: list[LiaisonIssueOut], **ERROR_RESPONSES},
    summary="A body's liaison issues log, overdue first",
)
def list_liaison_issues(request: HttpRequest, slug: str) -> Any:
    body = get_object_or_404(PartnershipBody, slug=slug)
    return queries.liaison_log(body)
