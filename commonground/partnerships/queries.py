"""Reusable reads of the partnerships register."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from commonground.core.bilingual import localised_order
from commonground.core.models import Area
from commonground.partnerships import panels
from commonground.partnerships.models import (
    LiaisonIssue,
    Meeting,
    PartnershipBody,
    Seat,
    SeatHolding,
)


def body_area(body: PartnershipBody) -> Area | None:
    """The area a body belongs to: a joint body's first area, the one its events, vacancies
    and election policy count towards. None only for a body recorded without areas."""
    return body.areas.order_by("pk").first()



def bodies_in(area: Area) -> QuerySet[PartnershipBody]:
    return PartnershipBody.objects.filter(areas=area).select_related("convenor", "parent")


@dataclass
class Node:
    """A body in the hierarchy, with the bodies that report to it."""

    body: PartnershipBody
    children: list["Node"] = field(default_factory=list)


def hierarchy(area: Area) -> list[Node]:
    """The area's bodies as trees: top-level bodies first, each with its sub-bodies.

    A body whose parent is outside the area (or missing) is shown at the top level.
    """
    bodies = list(bodies_in(area).order_by(localised_order("name"), "pk"))
    nodes = {b.pk: Node(b) for b in bodies}
    roots = []
    for body in bodies:
        parent = nodes.get(body.parent_id) if body.parent_id else None
        if parent is not None and parent is not nodes[body.pk]:
            parent.children.append(nodes[body.pk])
        else:
            roots.append(nodes[body.pk])
    top = {PartnershipBody.Kind.PSB.value, PartnershipBody.Kind.LSB.value}
    roots.sort(key=lambda n: 0 if n.body.kind in top else 1)  # stable: keeps name order within
    return roots


def next_meeting(body: PartnershipBody, now: datetime | None = None) -> Meeting | None:
    """The body's next scheduled meeting that has not yet started."""
    return (
        body.meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=now or timezone.now())
        .order_by("starts_at")
        .first()
    )


def past_meetings(body: PartnershipBody, now: datetime | None = None) -> QuerySet[Meeting]:
    return body.meetings.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at")


def upcoming_meetings(body: PartnershipBody, now: datetime | None = None) -> QuerySet[Meeting]:
    return body.meetings.filter(
        starts_at__gte=now or timezone.now(), status=Meeting.Status.SCHEDULED
    ).order_by("starts_at")


@dataclass
class SeatRow:
    seat: Seat
    holding: SeatHolding | None
    substitute: SeatHolding | None
    open_vacancy: Any = None

    @property
    def vacant(self) -> bool:
        return self.holding is None


def seats_with_holders(body: PartnershipBody) -> list[SeatRow]:
    """Each seat of the body with today's holder and substitute (``None`` when vacant)."""
    today = timezone.localdate()
    current = (
        SeatHolding.objects.filter(starts_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("person", "organisation")
        .order_by("-starts_on")
    )
    seats = body.seats.prefetch_related(Prefetch("holdings", queryset=current, to_attr="current"))
    vacancies = open_vacancy_by_seat(body)
    rows = []
    for seat in seats:
        held: list[SeatHolding] = seat.current
        holder = next((h for h in held if h.role == SeatHolding.Role.HOLDER), None)
        substitute = next((h for h in held if h.role == SeatHolding.Role.SUBSTITUTE), None)
        rows.append(SeatRow(seat, holder, substitute, vacancies.get(seat.pk)))
    return rows


def holder_history(seat: Seat) -> QuerySet[SeatHolding]:
    return seat.holdings.select_related("person", "organisation").order_by("-starts_on", "-pk")


def _later_meeting_held(now: datetime) -> Exists:
    """A later meeting of the same body has already taken place."""
    return Exists(
        Meeting.objects.filter(
            body_id=OuterRef("body_id"),
            starts_at__gt=OuterRef("raised_at__starts_at"),
            starts_at__lte=now,
        ).exclude(status=Meeting.Status.CANCELLED)
    )


def liaison_issues(body_or_area: Any, now: datetime | None = None) -> QuerySet[LiaisonIssue]:
    """Issues of a body (or of every body in an area), each annotated with ``is_overdue``.

    Overdue: still awaiting a response, and a later meeting of the same body has taken
    place (004 L352: a written response, or an officer at the next meeting).
    """
    now = now or timezone.now()
    qs = LiaisonIssue.objects.select_related("raised_at", "raised_by", "body")
    if isinstance(body_or_area, Area):
        qs = qs.filter(body__areas=body_or_area)
    else:
        qs = qs.filter(body=body_or_area)
    overdue = Q(status=LiaisonIssue.Status.OPEN) & _later_meeting_held(now)
    return qs.annotate(is_overdue=ExpressionWrapper(overdue, output_field=BooleanField()))


def liaison_log(body: PartnershipBody, now: datetime | None = None) -> list[LiaisonIssue]:
    """The body's issues log: overdue first, then awaiting a response, then the rest."""
    rank: dict[str, int] = {
        LiaisonIssue.Status.OPEN.value: 1,
        LiaisonIssue.Status.OFFICER_ATTENDING.value: 2,
        LiaisonIssue.Status.ANSWERED.value: 3,
        LiaisonIssue.Status.CLOSED.value: 4,
    }
    issues = list(liaison_issues(body, now).order_by("-raised_at__starts_at", "-pk"))
    issues.sort(key=lambda i: 0 if getattr(i, "is_overdue", False) else rank.get(i.status, 5))
    return issues


def overdue_liaison_issues(area: Area, now: datetime | None = None) -> QuerySet[LiaisonIssue]:
    """Open issues in the area whose body has met since, with no response."""
    now = now or timezone.now()
    return (
        LiaisonIssue.objects.filter(body__areas=area, status=LiaisonIssue.Status.OPEN)
        .filter(_later_meeting_held(now))
        .select_related("raised_at", "raised_by", "body")
        .distinct()
        .order_by("raised_at__starts_at", "pk")
    )


def area_meetings(area: Area) -> QuerySet[Meeting]:
    """Every meeting of every body in the area, for the area's calendar."""
    return (
        Meeting.objects.filter(body__areas=area)
        .select_related("body")
        .distinct()
        .order_by("starts_at", "pk")
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def term_end(seat: Seat, starts_on: date) -> date:
    """The day a term starting on ``starts_on`` ends, from the seat's term length."""
    return add_months(starts_on, seat.term_months) - timedelta(days=1)


def handover_note_for(seat: Seat, role: str = SeatHolding.Role.HOLDER) -> str:
    """The note the last holder who left the seat wrote for whoever comes next."""
    last = (
        seat.holdings.filter(role=role)
        .exclude(handover_note="")
        .order_by("-starts_on")
        .values_list("handover_note", flat=True)
        .first()
    )
    return last or ""


def open_vacancy_by_seat(body: PartnershipBody) -> dict[int, Any]:
    """Seats with a vacancy in progress, from the capability that registered the panel."""
    return panels.value("open_vacancy_by_seat", body) or {}
