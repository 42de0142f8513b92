"""Reads: a measure's status and trend, a body's scorecard (its own report cards and its
sub-groups', read where they are), and the exception report for any body and date."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from commonground.partnerships.models import PartnershipBody
from commonground.planning import curves
from commonground.planning.models import (
    Action,
    GovernmentRequest,
    Measure,
    MeasureValue,
    Plan,
    ReportCard,
)

OPEN = [
    Action.Status.NOT_STARTED,
    Action.Status.ON_TRACK,
    Action.Status.AT_RISK,
    Action.Status.OFF_TRACK,
]


def body_panel(body: PartnershipBody) -> dict[str, str]:
    """The link on a body's page (partnerships' panel ``planning``) to its plans and
    scorecard."""
    return {
        "href": reverse("planning:body", args=[body.slug]),
        "text": str(_("Plans, report cards and scorecard")),
    }


def family(body: PartnershipBody) -> list[PartnershipBody]:
    """The body and every body below it (sub-groups, their sub-groups), top first."""
    found = [body]
    frontier = [body.pk]
    while frontier:
        children = list(
            PartnershipBody.objects.filter(parent_id__in=frontier).exclude(
                pk__in=[b.pk for b in found]
            )
        )
        found.extend(children)
        frontier = [c.pk for c in children]
    return found


@dataclass
class MeasureSummary:
    measure: Measure
    period: curves.Period
    value: MeasureValue | None
    status: curves.Status
    trend_previous: curves.Trend
    trend_baseline: curves.Trend
    values: list[MeasureValue] = field(default_factory=list)

    @property
    def latest_actual(self) -> Decimal | None:
        return self.value.actual if self.value else None


def measure_summary(measure: Measure, on: date) -> MeasureSummary:
    """The status of the measure's latest due period on ``on``, and its trend against the
    previous period's actual and the baseline (rules in ``curves``)."""
    values = sorted(measure.values.all(), key=lambda v: v.position)
    period = curves.latest_due_period(measure.frequency, on)
    by_position = {v.position: v for v in values}
    value = by_position.get(period.index)
    previous = by_position.get(period.previous().index)
    actual = value.actual if value else None
    return MeasureSummary(
        measure=measure,
        period=period,
        value=value,
        status=curves.status(
            measure.polarity,
            actual,
            value.target if value else None,
            value.forecast if value else None,
        ),
        trend_previous=curves.trend(
            measure.polarity, actual, previous.actual if previous else None
        ),
        trend_baseline=curves.trend(measure.polarity, actual, measure.baseline_value),
        values=[v for v in values if v.position <= period.index + 4],
    )


def _measures() -> Prefetch:
    return Prefetch(
        "measures",
        queryset=Measure.objects.prefetch_related("values", "plan_actions").order_by(
            "question", "pk"
        ),
    )


@dataclass
class CardSummary:
    card: ReportCard
    measures: list[MeasureSummary]


def cards_of(bodies: list[PartnershipBody], *, published_only: bool) -> QuerySet[ReportCard]:
    cards = ReportCard.objects.filter(body__in=bodies).select_related("body")
    if published_only:
        cards = cards.filter(published=True)
    return cards.prefetch_related(_measures()).order_by("body__name_en", "kind", "title_en")


QUESTION_ORDER = ["population", "how_much", "how_well", "better_off"]


def card_summary(card: ReportCard, on: date) -> CardSummary:
    """The card's measures in RBA's order: how much, how well, is anyone better off."""
    measures = sorted(card.measures.all(), key=lambda m: (QUESTION_ORDER.index(m.question), m.pk))
    return CardSummary(card, [measure_summary(m, on) for m in measures])


@dataclass
class Scorecard:
    body: PartnershipBody
    cards: list[CardSummary]

    def count(self, status: curves.Status) -> int:
        return sum(1 for c in self.cards for m in c.measures if m.status == status)


def scorecard(body: PartnershipBody, on: date, *, published_only: bool) -> Scorecard:
    """The body's report cards and its sub-groups', read live (never copied)."""
    return Scorecard(
        body,
        [card_summary(c, on) for c in cards_of(family(body), published_only=published_only)],
    )


def plans_of(bodies: list[PartnershipBody]) -> QuerySet[Plan]:
    return Plan.objects.filter(body__in=bodies).select_related("body")


def actions_of(bodies: list[PartnershipBody]) -> QuerySet[Action]:
    return Action.objects.filter(priority__plan__body__in=bodies).select_related(
        "priority__plan__body", "owner", "lead"
    )


def overdue_actions(bodies: list[PartnershipBody], on: date) -> QuerySet[Action]:
    return actions_of(bodies).filter(status__in=OPEN, due_on__lt=on)


def overdue_requests(bodies: list[PartnershipBody], on: date) -> QuerySet[GovernmentRequest]:
    return GovernmentRequest.objects.filter(
        body__in=bodies, status=GovernmentRequest.Status.OPEN, due_on__lt=on
    ).select_related("body", "owner")


@dataclass
class ExceptionReport:
    body: PartnershipBody
    on: date
    overdue_actions: list[Action]
    off_track_actions: list[Action]
    off_track_measures: list[MeasureSummary]
    no_data_measures: list[MeasureSummary]
    overdue_requests: list[GovernmentRequest]
    actions_on_track: int
    measures_on_track: int
    requests_open: int

    @property
    def exceptions(self) -> int:
        return (
            len(self.overdue_actions)
            + len(self.off_track_actions)
            + len(self.off_track_measures)
            + len(self.no_data_measures)
            + len(self.overdue_requests)
        )


def exception_report(body: PartnershipBody, on: date) -> ExceptionReport:
    """What the board must look at on ``on``, first; then only a count of what is on track.

    Overdue actions are open actions past their due date (whatever their status); off-track
    actions are the other open actions marked off track or at risk. Measures are judged for
    their latest due period. The body's sub-groups are included."""
    bodies = family(body)
    actions = list(actions_of(bodies).filter(status__in=OPEN))
    overdue = [a for a in actions if a.due_on < on]
    off_track = [
        a
        for a in actions
        if a.due_on >= on and a.status in (Action.Status.OFF_TRACK, Action.Status.AT_RISK)
    ]
    measures = [m for c in scorecard(body, on, published_only=False).cards for m in c.measures]
    requests = GovernmentRequest.objects.filter(body__in=bodies, status="open")
    late = list(overdue_requests(bodies, on))
    return ExceptionReport(
        body=body,
        on=on,
        overdue_actions=overdue,
        off_track_actions=off_track,
        off_track_measures=[m for m in measures if m.status == curves.Status.OFF_TRACK],
        no_data_measures=[m for m in measures if m.status == curves.Status.NO_DATA],
        overdue_requests=late,
        actions_on_track=len(actions) - len(overdue) - len(off_track),
        measures_on_track=sum(1 for m in measures if m.status == curves.Status.ON_TRACK),
        requests_open=requests.count() - len(late),
    )
