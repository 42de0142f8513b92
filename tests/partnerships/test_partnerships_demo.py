"""The demo area's partnerships: a PSB with eight sub-groups and three forums, and a liaison log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commonground.core.demo.loader import load_demo as load_core_demo
from commonground.core.models import Area
from commonground.partnerships import queries
from commonground.partnerships.demo import LIAISON_SLUG, PSB_SLUG, load_demo
from commonground.partnerships.models import Meeting, PartnershipBody, Seat, SeatHolding


@pytest.mark.django_db
def test_demo_partnerships(area: Area) -> None:
    load_core_demo()
    load_demo()
    load_demo()  # idempotent
    psb = PartnershipBody.objects.get(slug=PSB_SLUG)
    children = psb.children.all()
    assert sum(1 for c in children if c.kind != "forum") == 8
    assert sum(1 for c in children if c.kind == "forum") == 3

    today = timezone.localdate()
    sector = Seat.objects.filter(kind=Seat.Kind.SECTOR)
    filled = [s for s in sector if s.current_holding()]
    vacant = [s for s in sector if not s.current_holding()]
    assert filled and vacant
    assert any(s.body == psb for s in vacant), "a vacant PSB sector seat for the vacancy demo"
    expiring = [s for s in filled if s.current_holding().ends_on <= today + timedelta(days=90)]  # type: ignore[union-attr]
    assert len(expiring) >= 2
    assert any(s.holdings.filter(role=SeatHolding.Role.HOLDER).count() >= 3 for s in sector)

    held = Meeting.objects.filter(body=psb, status=Meeting.Status.HELD)
    assert held.count() >= 3 and all(
        m.decisions.exists() and m.actions.exists() and m.minutes_en for m in held
    )
    assert queries.next_meeting(psb) is not None
    overdue = queries.overdue_liaison_issues(area)
    assert overdue.count() >= 1 and all(i.body.slug == LIAISON_SLUG for i in overdue)
