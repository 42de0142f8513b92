"""JSON endpoints: plans with their priorities and actions, report cards with every period's
values and each measure's status, and a body's exception report.

Everyone sees published plans and report cards; a client whose token belongs to someone who
manages a body also sees its drafts and may read its exception report.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from commonground.api.auth import READ_AUTH
from commonground.api.errors import ERROR_RESPONSES, ApiError
from commonground.api.pagination import Page, PageParams, paginate
from commonground.partnerships.models import PartnershipBody
from commonground.planning import queries
from commonground.planning.models import Action, Measure, Plan, ReportCard

router = Router(tags=["planning"])


class ActionOut(Schema):
    id: int
    title: str = Field(..., alias="title_en")
    title_cy: str
    owner: str = Field(..., description="Slug of the owner organisation.")
    lead: str | None = Field(None, description="Name of the lead person.")
    due_on: date
    status: Action.Status
    delivery: Action.Delivery
    partners: list[str] = Field(..., description="Slugs of the partner organisations.")
    overdue: bool

    @staticmethod
    def resolve_owner(obj: Action) -> str:
        return obj.owner.slug

    @staticmethod
    def resolve_lead(obj: Action) -> str | None:
        return str(obj.lead) if obj.lead else None

    @staticmethod
    def resolve_partners(obj: Action) -> list[str]:
        return [p.slug for p in obj.partners.all()]

    @staticmethod
    def resolve_overdue(obj: Action) -> bool:
        return obj.is_overdue(timezone.localdate())


class PriorityOut(Schema):
    id: int
    title: str = Field(..., alias="title_en")
    title_cy: str
    outcomes: list[str] = Field(..., description="Codes of the well-being goals or outcomes.")
    actions: list[ActionOut]

    @staticmethod
    def resolve_outcomes(obj: Any) -> list[str]:
        return [o.code for o in obj.outcomes.all()]

    @staticmethod
    def resolve_actions(obj: Any) -> list[Any]:
        return list(obj.actions.all())


class PlanOut(Schema):
    id: int
    body: str = Field(..., description="Slug of the partnership body.")
    kind: Plan.Kind
    title: str = Field(..., alias="title_en")
    title_cy: str
    starts_on: date
    ends_on: date
    version: int
    status: Plan.Status
    published_on: date | None

    @staticmethod
    def resolve_body(obj: Plan) -> str:
        return obj.body.slug


class PlanDetailOut(PlanOut):
    priorities: list[PriorityOut]

    @staticmethod
    def resolve_priorities(obj: Plan) -> list[Any]:
        return list(
            obj.priorities.prefetch_related(
                "outcomes", "actions__owner", "actions__lead", "actions__partners"
            )
        )


class ValueOut(Schema):
    period: str
    actual: Decimal | None
    target: Decimal | None
    forecast: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


class MeasureOut(Schema):
    id: int
    question: Measure.Question
    title: str
    title_cy: str
    unit: str
    is_percentage: bool
    polarity: Measure.Polarity
    frequency: Measure.Frequency
    baseline_period: str
    baseline_value: Decimal
    data_source: str
    latest_due_period: str
    status: str = Field(
        ..., description="on_track, off_track or no_data, for the latest due period."
    )
    trend_previous: str
    trend_baseline: str
    story_behind_the_curve: str
    partners: str
    what_works: str
    action_plan: list[int] = Field(..., description="Ids of the plan actions that turn the curve.")
    values: list[ValueOut]


class CardOut(Schema):
    id: int
    body: str
    kind: ReportCard.Kind
    title: str
    title_cy: str
    population: str
    published: bool
    measures: list[MeasureOut]


def _measure(s: queries.MeasureSummary) -> dict[str, Any]:
    m = s.measure
    return {
        "id": m.pk,
        "question": m.question,
        "title": m.title_en,
        "title_cy": m.title_cy,
        "unit": m.unit,
        "is_percentage": m.is_percentage,
        "polarity": m.polarity,
        "frequency": m.frequency,
        "baseline_period": m.baseline_period,
        "baseline_value": m.baseline_value,
        "data_source": m.data_source,
        "latest_due_period": str(s.period),
        "status": s.status.value,
        "trend_previous": s.trend_previous.value,
        "trend_baseline": s.trend_baseline.value,
        "story_behind_the_curve": m.story_en,
        "partners": m.partners_en,
        "what_works": m.what_works_en,
        "action_plan": [a.pk for a in m.plan_actions.all()],
        "values": list(m.values.all()),
    }


def _card(card: ReportCard) -> dict[str, Any]:
    summary = queries.card_summary(card, timezone.localdate())
    return {
        "id": card.pk,
        "body": card.body.slug,
        "kind": card.kind,
        "title": card.title_en,
        "title_cy": card.title_cy,
        "population": card.population_en,
        "published": card.published,
        "measures": [_measure(s) for s in summary.measures],
    }


def _managed_bodies(request: HttpRequest) -> list[int]:
    user = request.user
    if not user.is_authenticated:
        return []
    return [
        b.pk for b in PartnershipBody.objects.all() if user.has_perm("planning.manage_plans", b)
    ]


def _plans(request: HttpRequest) -> QuerySet[Plan]:
    return Plan.objects.filter(
        Q(status=Plan.Status.PUBLISHED) | Q(body_id__in=_managed_bodies(request))
    ).select_related("body")


def _cards(request: HttpRequest) -> QuerySet[ReportCard]:
    return ReportCard.objects.filter(
        Q(published=True) | Q(body_id__in=_managed_bodies(request))
    ).select_related("body")


@router.get(
    "/planning/plans",
    response={200: Page[PlanOut], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="List plans",
)
def list_plans(request: HttpRequest, paging: Query[PageParams]) -> Any:
    return paginate(_plans(request).order_by("pk"), paging)


@router.get(
    "/planning/plans/{plan_id}",
    response={200: PlanDetailOut, **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="Get a plan with its priorities and actions",
)
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    return get_object_or_404(_plans(request), pk=plan_id)


@router.get(
    "/planning/report-cards",
    response={200: Page[CardOut], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="List report cards with every period's values",
)
def list_cards(request: HttpRequest, paging: Query[PageParams], body: str = "") -> Any:
    cards = _cards(request).order_by("pk")
    if body:
        cards = cards.filter(body__slug=body)
    page = paginate(cards.prefetch_related("measures__values", "measures__plan_actions"), paging)
    page["items"] = [_card(c) for c in page["items"]]
    return page


@router.get(
    "/planning/report-cards/{card_id}",
    response={200: CardOut, **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="Get a report card with every period's values",
)
def get_card(request: HttpRequest, card_id: int) -> Any:
    return _card(get_object_or_404(_cards(request), pk=card_id))


class ExceptionItem(Schema):
    kind: str
    id: int
    title: str
    body: str
    due_or_period: str


class ExceptionReportOut(Schema):
    body: str
    on: date
    exceptions: list[ExceptionItem]
    actions_on_track: int
    measures_on_track: int
    requests_in_time: int


class ReportParams(Schema):
    on: date | None = Field(None, description="The date of the report; today if empty.")


@router.get(
    "/planning/bodies/{slug}/exceptions",
    response={200: ExceptionReportOut, **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="A body's exception report, for those who manage it",
)
def get_exceptions(request: HttpRequest, slug: str, params: Query[ReportParams]) -> Any:
    body = get_object_or_404(PartnershipBody, slug=slug)
    if not request.user.has_perm("planning.manage_plans", body):
        raise ApiError(403, _("Only those who manage this body may read its exception report."))
    report = queries.exception_report(body, params.on or timezone.localdate())
    items = [
        *(
            {
                "kind": "overdue_action",
                "id": a.pk,
                "title": a.title_en,
                "body": a.priority.plan.body.slug,
                "due_or_period": a.due_on.isoformat(),
            }
            for a in report.overdue_actions
        ),
        *(
            {
                "kind": f"{a.status}_action",
                "id": a.pk,
                "title": a.title_en,
                "body": a.priority.plan.body.slug,
                "due_or_period": a.due_on.isoformat(),
            }
            for a in report.off_track_actions
        ),
        *(
            {
                "kind": "off_track_measure",
                "id": s.measure.pk,
                "title": s.measure.title_en,
                "body": s.measure.card.body.slug,
                "due_or_period": str(s.period),
            }
            for s in report.off_track_measures
        ),
        *(
            {
                "kind": "no_data_measure",
                "id": s.measure.pk,
                "title": s.measure.title_en,
                "body": s.measure.card.body.slug,
                "due_or_period": str(s.period),
            }
            for s in report.no_data_measures
        ),
        *(
            {
                "kind": "overdue_request",
                "id": r.pk,
                "title": r.title,
                "body": r.body.slug,
                "due_or_period": r.due_on.isoformat(),
            }
            for r in report.overdue_requests
        ),
    ]
    return {
        "body": body.slug,
        "on": report.on,
        "exceptions": items,
        "actions_on_track": report.actions_on_track,
        "measures_on_track": report.measures_on_track,
        "requests_in_time": report.requests_open,
    }
