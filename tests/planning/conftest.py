"""Fixtures for planning: a PSB with a sub-group, a plan with a priority, a report card
with a quarterly percentage measure, and the people who keep them."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commonground.core.models import Area, Organisation, User
from commonground.partnerships import actions as partnerships
from commonground.partnerships.models import Meeting, PartnershipBody
from commonground.planning import actions
from commonground.planning.models import Measure, Outcome, Plan, Priority, ReportCard
from commonground.planning.reference import load_goals


@pytest.fixture(autouse=True)
def _goals(db: None) -> None:
    load_goals(Outcome)


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion County Council",
        name_cy="Cyngor Sir Ceredigion",
        kind=Organisation.Kind.PUBLIC_BODY,
    )


@pytest.fixture
def staff(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("infrastructure_staff", area))


@pytest.fixture
def support(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("board_support_officer", area))


@pytest.fixture
def psb(staff: User, council: Organisation, area: Area) -> PartnershipBody:
    return partnerships.create_body(
        staff,
        {
            "name_en": "Ceredigion Public Services Board",
            "name_cy": "Bwrdd Gwasanaethau Cyhoeddus Ceredigion",
            "kind": PartnershipBody.Kind.PSB,
            "convenor": council,
        },
        [area],
    )


@pytest.fixture
def sub_group(
    staff: User, council: Organisation, area: Area, psb: PartnershipBody
) -> PartnershipBody:
    return partnerships.create_body(
        staff,
        {
            "name_en": "Healthy Communities Sub-group",
            "name_cy": "Is-grŵp Cymunedau Iach",
            "kind": PartnershipBody.Kind.SUB_GROUP,
            "parent": psb,
            "convenor": council,
        },
        [area],
    )


@pytest.fixture
def plan(support: User, psb: PartnershipBody) -> Plan:
    return actions.create_plan(
        support,
        psb,
        {
            "kind": Plan.Kind.WELLBEING,
            "title_en": "Ceredigion Well-being Plan 2023 to 2028",
            "starts_on": date(2023, 5, 1),
            "ends_on": date(2028, 4, 30),
        },
    )


@pytest.fixture
def priority(support: User, plan: Plan) -> Priority:
    return actions.add_priority(
        support,
        plan,
        {"title_en": "Healthy communities"},
        Outcome.objects.filter(code="healthier"),
    )


@pytest.fixture
def card(support: User, sub_group: PartnershipBody) -> ReportCard:
    return actions.create_card(
        support,
        sub_group,
        {"kind": ReportCard.Kind.PERFORMANCE, "title_en": "Walking groups", "published": True},
    )


@pytest.fixture
def measure(support: User, card: ReportCard) -> Measure:
    return actions.add_measure(
        support,
        card,
        {
            "question": Measure.Question.BETTER_OFF,
            "title_en": "Walkers who feel fitter",
            "title_cy": "Cerddwyr sy’n teimlo’n fwy heini",
            "unit": "%",
            "is_percentage": True,
            "polarity": Measure.Polarity.HIGHER,
            "frequency": Measure.Frequency.QUARTERLY,
            "baseline_period": "2024-Q1",
            "baseline_value": Decimal("50"),
            "data_source": "Walking group survey",
        },
    )


@pytest.fixture
def meeting(support: User, psb: PartnershipBody) -> Meeting:
    starts = timezone.now() + timedelta(days=20)
    return partnerships.schedule_meeting(
        support,
        psb,
        {"starts_at": starts, "ends_at": starts + timedelta(hours=2), "venue": "Aberaeron"},
    )
