"""The demo: what the exception report, the scorecard and the browser tests need to find."""

import pytest
from django.utils import timezone

from commonground.core.demo.loader import load_demo as load_core_demo
from commonground.core.models import Area
from commonground.partnerships.demo import load_demo as load_partnerships_demo
from commonground.partnerships.models import PartnershipBody
from commonground.planning import curves, queries
from commonground.planning.demo import load_demo
from commonground.planning.models import (
    Action,
    GovernmentRequest,
    Measure,
    MeasureValue,
    Plan,
    ReportCard,
)


@pytest.mark.django_db
def test_demo_planning(area: Area) -> None:
    load_core_demo()
    load_partnerships_demo()
    load_demo()
    load_demo()  # idempotent
    today = timezone.localdate()
    [plan] = Plan.objects.all()
    assert plan.body.slug == "ceredigion-psb" and plan.published
    assert plan.priorities.count() == 4
    assert all(p.outcomes.exists() for p in plan.priorities.all())
    actions = Action.objects.filter(priority__plan=plan)
    assert actions.count() == 25
    assert set(actions.values_list("status", flat=True)) == set(Action.Status.values)
    assert ReportCard.objects.filter(kind="population").count() == 3
    performance = Measure.objects.exclude(question="population")
    assert performance.count() == 10
    for measure in performance:
        assert MeasureValue.objects.filter(measure=measure).count() == 12  # three years, quarterly
    psb = PartnershipBody.objects.get(slug="ceredigion-psb")
    board = queries.scorecard(psb, today, published_only=True)
    statuses = [s.status for c in board.cards for s in c.measures]
    assert statuses.count(curves.Status.NO_DATA) == 1
    assert (
        statuses.count(curves.Status.ON_TRACK) >= 3 and statuses.count(curves.Status.OFF_TRACK) >= 3
    )
    sub_groups = {c.card.body.slug for c in board.cards} - {"ceredigion-psb"}
    assert sub_groups == {"healthy-communities", "climate-and-nature"}
    report = queries.exception_report(psb, today)
    assert report.overdue_actions and report.off_track_actions
    assert len(report.overdue_requests) == 1
    assert GovernmentRequest.objects.filter(status="answered").exists()
