"""Reads for representation: electorates, report-backs due, and the coverage review."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area, Membership, Organisation, Person
from commonground.partnerships.models import Meeting, PartnershipBody, Seat, SeatHolding
from commonground.partnerships.queries import body_area
from commonground.representation.models import (
    AreaPolicy,
    Election,
    Elector,
    Nomination,
    ReportBack,
    Vacancy,
)

VOTING_LEVELS = [Membership.EngagementLevel.CONSULTATION, Membership.EngagementLevel.REPRESENT]


def area_of(obj: Seat | PartnershipBody) -> Area:
    """The area a seat's body belongs to (a joint body's first area)."""
    body = obj.body if isinstance(obj, Seat) else obj
    area = body_area(body)
    if area is None:
        raise ValueError(f"{body} has no area")
    return area


def voters_for(area: Area, *, individual: bool) -> list[Any]:
    """Who votes: members of the area's infrastructure body at consultation level or above.

    Information-only members receive news but do not vote. With an individual electorate,
    every person with an account at such a member organisation votes once.
    """
    members = Organisation.objects.filter(
        memberships__infrastructure_body_id=area.infrastructure_body_id,
        memberships__engagement_level__in=VOTING_LEVELS,
    ).distinct()
    if not individual:
        return list(members.order_by("pk"))
    return list(
        Person.objects.filter(affiliations__organisation__in=members, user__isnull=False)
        .distinct()
        .order_by("pk")
    )


def eligible_to_stand(area: Area) -> QuerySet[Organisation]:
    """Organisations to tell about a vacancy: members at the "eligible to represent" level."""
    return Organisation.objects.filter(
        memberships__infrastructure_body_id=area.infrastructure_body_id,
        memberships__engagement_level=Membership.EngagementLevel.REPRESENT,
    ).distinct()


def open_vacancy_by_seat(body: PartnershipBody) -> dict[int, Vacancy]:
    """The body's seats that have a vacancy in progress (nominations or an election)."""
    vacancies = Vacancy.objects.filter(
        seat__body=body, status__in=[Vacancy.Status.OPEN, Vacancy.Status.ELECTION]
    )
    return {v.seat_id: v for v in vacancies}


def latest_report_back(body: PartnershipBody) -> ReportBack | None:
    return (
        ReportBack.objects.filter(meeting__body=body)
        .select_related("holding__person", "holding__organisation", "meeting")
        .order_by("-published_at")
        .first()
    )


def overdue_meetings(holding: SeatHolding, due_days: int, today: date) -> list[Meeting]:
    """Meetings held while this person held the seat, with no report-back after ``due_days``."""
    cutoff = timezone.make_aware(datetime.combine(today - timedelta(days=due_days), time.min))
    meetings = Meeting.objects.filter(
        body_id=holding.seat.body_id,
        status=Meeting.Status.HELD,
        starts_at__date__gte=holding.starts_on,
        starts_at__lt=cutoff,
    ).exclude(report_backs__holding=holding)
    if holding.ended_on:
        meetings = meetings.filter(starts_at__date__lt=holding.ended_on)
    return list(meetings.order_by("starts_at"))


class Status:
    """Seat states in the coverage review, gaps first."""

    NO_SECTOR_SEAT = "no_sector_seat"
    VACANT = "vacant"
    REPORT_BACK_OVERDUE = "report_back_overdue"
    EXPIRING = "expiring"
    FILLED = "filled"

    ORDER = [NO_SECTOR_SEAT, VACANT, REPORT_BACK_OVERDUE, EXPIRING, FILLED]
    LABELS: dict[str, Promise] = {
        NO_SECTOR_SEAT: _("No sector seat"),
        VACANT: _("Vacant"),
        REPORT_BACK_OVERDUE: _("Report-back overdue"),
        EXPIRING: _("Term expiring"),
        FILLED: _("Filled"),
    }
    TAGS = {
        NO_SECTOR_SEAT: "govuk-tag--red",
        VACANT: "govuk-tag--red",
        REPORT_BACK_OVERDUE: "govuk-tag--orange",
        EXPIRING: "govuk-tag--yellow",
        FILLED: "govuk-tag--green",
    }


@dataclass
class CoverageRow:
    body: PartnershipBody
    seat: Seat | None
    status: str
    holding: SeatHolding | None = None
    open_vacancy: Vacancy | None = None
    overdue: list[Meeting] = field(default_factory=list)

    @property
    def label(self) -> Promise:
        return Status.LABELS[self.status]

    @property
    def tag(self) -> str:
        return Status.TAGS[self.status]


def _seat_status(seat: Seat, policy: AreaPolicy, today: date) -> CoverageRow:
    holding = seat.current_holding(today)
    vacancy = seat.vacancies.filter(
        status__in=[Vacancy.Status.OPEN, Vacancy.Status.ELECTION]
    ).first()
    if holding is None:
        return CoverageRow(seat.body, seat, Status.VACANT, open_vacancy=vacancy)
    overdue = overdue_meetings(holding, policy.report_back_due_days, today)
    if overdue:
        status = Status.REPORT_BACK_OVERDUE
    elif holding.ends_on <= today + timedelta(days=policy.expiring_within_days):
        status = Status.EXPIRING
    else:
        status = Status.FILLED
    return CoverageRow(
        seat.body, seat, status, holding=holding, open_vacancy=vacancy, overdue=overdue
    )


def coverage(area: Area, today: date | None = None) -> list[CoverageRow]:
    """Every active body in the area against its sector seats, gaps first (000 Rec 2)."""
    today = today or timezone.localdate()
    policy = policy_for(area)
    rows = []
    bodies = PartnershipBody.objects.filter(areas=area).exclude(status=PartnershipBody.Status.ENDED)
    for body in bodies.prefetch_related("seats").order_by("name_en"):
        sector = [s for s in body.seats.all() if s.kind == Seat.Kind.SECTOR]
        if not sector:
            rows.append(CoverageRow(body, None, Status.NO_SECTOR_SEAT))
        rows += [_seat_status(seat, policy, today) for seat in sector]
    return sorted(rows, key=lambda r: Status.ORDER.index(r.status))


def summary(rows: list[CoverageRow]) -> list[tuple[str, Promise, int]]:
    """How many seats are in each state, for the chart beside the table."""
    return [(s, Status.LABELS[s], sum(1 for r in rows if r.status == s)) for s in Status.ORDER]


def open_vacancies(area: Area | None = None) -> QuerySet[Vacancy]:
    qs = Vacancy.objects.filter(
        status__in=[Vacancy.Status.OPEN, Vacancy.Status.ELECTION]
    ).select_related("seat__body")
    return qs.filter(seat__body__areas=area).distinct() if area else qs


def holdings_of(person: Person) -> QuerySet[SeatHolding]:
    today = timezone.localdate()
    return (
        SeatHolding.objects.filter(person=person)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("seat__body")
    )


def ballots_for(person: Person) -> QuerySet[Elector]:
    """Open elections this person votes in, for an organisation they administer or as
    themselves, with whether that vote has been cast (the receipt: never the ballot)."""
    return (
        Elector.objects.filter(election__status=Election.Status.OPEN)
        .filter(
            Q(person=person)
            | Q(
                organisation__affiliations__person=person,
                organisation__affiliations__is_admin=True,
            )
        )
        .select_related("election__vacancy__seat__body", "organisation")
        .distinct()
        .order_by("election__closes_at", "pk")
    )


def vacancies_open_to(organisations: QuerySet[Organisation]) -> QuerySet[Vacancy]:
    """Open vacancies in areas where one of ``organisations`` is eligible to represent."""
    return (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN,
            seat__body__areas__infrastructure_body__members__organisation__in=organisations,
            seat__body__areas__infrastructure_body__members__engagement_level=(
                Membership.EngagementLevel.REPRESENT
            ),
        )
        .select_related("seat__body")
        .distinct()
        .order_by("closes_on", "pk")
    )


def nominations_to_validate(areas: QuerySet[Area]) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(
            status=Nomination.Status.SUBMITTED, vacancy__seat__body__areas__in=areas
        )
        .select_related("organisation", "vacancy__seat__body")
        .distinct()
        .order_by("submitted_at", "pk")
    )
def policy_for(area: Area) -> AreaPolicy:
    """The area's election policy: its stored row, or the model's defaults (a read never
    writes, so no row is created here)."""
    return AreaPolicy.objects.filter(area=area).first() or AreaPolicy(area=area)
