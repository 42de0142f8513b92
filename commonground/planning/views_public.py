"""Pages anyone may read: published plans with their priorities and actions, report cards
with each measure's chart, data table and turn-the-curve story, and a body's scorecard,
which gathers its sub-groups' report cards. Staff see drafts too."""

from datetime import date

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from commonground.partnerships.models import PartnershipBody
from commonground.planning import curves, export, queries
from commonground.planning.models import Action, Measure, Plan, ReportCard


def _today(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


def index(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.filter(status=Plan.Status.PUBLISHED).select_related("body")
    bodies = (
        PartnershipBody.objects.filter(
            Q(plans__status=Plan.Status.PUBLISHED) | Q(report_cards__published=True)
        )
        .distinct()
        .order_by("name_en")
    )
    return render(request, "planning/index.html", {"plans": plans, "bodies": bodies})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("body"), pk=pk)
    if not request.user.has_perm("planning.view_plan", plan):
        raise Http404
    on = _today(request)
    priorities = plan.priorities.prefetch_related(
        "outcomes",
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("owner", "lead").prefetch_related("partners"),
        ),
    )
    actions = [a for p in priorities for a in p.actions.all()]
    fmt = request.GET.get("download")
    if fmt in export.FORMATS:
        header, rows = export.action_table(actions, on)
        return export.download(fmt, f"plan-{plan.pk}-actions", header, rows)
    manage = request.user.has_perm("planning.manage_plans", plan)
    return render(
        request,
        "planning/plan.html",
        {
            "plan": plan,
            "priorities": priorities,
            "on": on,
            "manage": manage,
            "candidates": plan.candidates.all() if manage else [],
            "overdue": {a.pk for a in actions if a.is_overdue(on)},
        },
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.select_related("priority__plan__body", "owner", "lead"), pk=pk
    )
    if not request.user.has_perm("planning.view_plan", action.priority.plan):
        raise Http404
    return render(
        request,
        "planning/action.html",
        {
            "action": action,
            "on": _today(request),
            "updates": action.updates.all(),
            "update": request.user.has_perm("planning.update_action", action),
            "manage": request.user.has_perm("planning.manage_plans", action),
        },
    )


def _card_page(request: HttpRequest, card: ReportCard, template: str) -> HttpResponse:
    on = _today(request)
    summary = queries.card_summary(
        ReportCard.objects.prefetch_related(
            Prefetch(
                "measures", queryset=Measure.objects.prefetch_related("values", "plan_actions")
            )
        ).get(pk=card.pk),
        on,
    )
    fmt = request.GET.get("download")
    if fmt in export.FORMATS:
        return export.download(
            fmt, f"report-card-{card.pk}", export.VALUE_HEADER, export.value_rows([summary])
        )
    return render(
        request,
        template,
        {
            "card": card,
            "summary": summary,
            "on": on,
            "manage": request.user.has_perm("planning.manage_cards", card),
        },
    )


def card_detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(ReportCard.objects.select_related("body"), pk=pk)
    if not request.user.has_perm("planning.view_card", card):
        raise Http404
    return _card_page(request, card, "planning/card.html")


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("card__body"), pk=pk)
    if not request.user.has_perm("planning.view_card", measure.card):
        raise Http404
    on = _today(request)
    return render(
        request,
        "planning/measure.html",
        {
            "measure": measure,
            "summary": queries.measure_summary(measure, on),
            "all_values": measure.values.all(),
            "on": on,
            "manage": request.user.has_perm("planning.manage_cards", measure.card),
        },
    )


def body_scorecard(request: HttpRequest, slug: str) -> HttpResponse:
    """The body's plans and report cards, and its sub-groups' report cards beside them."""
    body = get_object_or_404(PartnershipBody, slug=slug)
    on = _today(request)
    manage = request.user.has_perm("planning.manage_plans", body)
    cards_manage = request.user.has_perm("planning.manage_cards", body)
    scorecard = queries.scorecard(body, on, published_only=not (manage or cards_manage))
    fmt = request.GET.get("download")
    if fmt in export.FORMATS:
        return export.download(
            fmt, f"scorecard-{body.slug}", export.VALUE_HEADER, export.value_rows(scorecard.cards)
        )
    plans = body.plans.all()
    if not manage:
        plans = plans.filter(status=Plan.Status.PUBLISHED)
    # A body with nothing published yet shows its empty lists: partnerships links every body here.
    return render(
        request,
        "planning/body.html",
        {
            "body": body,
            "plans": plans,
            "scorecard": scorecard,
            "on_track": scorecard.count(curves.Status.ON_TRACK),
            "off_track": scorecard.count(curves.Status.OFF_TRACK),
            "no_data": scorecard.count(curves.Status.NO_DATA),
            "on": on,
            "manage": manage,
            "cards_manage": cards_manage,
        },
    )
