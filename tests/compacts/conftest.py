"""Fixtures for compacts: a Ceredigion compact following the model local compact, and the
records its rules read (a consultation, an agreement, a liaison issue)."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from commonground.compacts import actions
from commonground.compacts.models import Compact
from commonground.core.models import Area, Organisation, User
from commonground.engagement.models import Consultation
from commonground.funding.models import Agreement, Instalment
from commonground.partnerships.models import LiaisonIssue, Meeting, PartnershipBody

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion County Council",
        kind=Organisation.Kind.PUBLIC_BODY,
        legal_form=Organisation.LegalForm.STATUTORY,
    )


@pytest.fixture
def charity(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(name_en="Aberystwyth Food Bank")


@pytest.fixture
def staff(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("infrastructure_staff", area))


@pytest.fixture
def liaison_body(council: Organisation, area: Area) -> PartnershipBody:
    body = PartnershipBody.objects.create(
        slug="ceredigion-liaison",
        name_en="Ceredigion Compact Liaison Committee",
        kind=PartnershipBody.Kind.LIAISON,
        convenor=council,
    )
    body.areas.add(area)
    return body


@pytest.fixture
def compact(
    staff: User, area: Area, council: Organisation, charity: Organisation, liaison_body: Any
) -> Compact:
    return actions.register_compact(
        staff,
        area,
        slug="ceredigion-compact",
        title_en="Ceredigion Compact",
        title_cy="Compact Ceredigion",
        kind=Compact.Kind.BIPARTITE,
        scope=Compact.Scope.LOCAL,
        adopted_on=date(2019, 6, 1),
        last_reviewed_on=date(2026, 6, 1),
        codes=["funding", "consultation", "disputes"],
        liaison_body=liaison_body,
        parties=[(council, date(2019, 6, 1)), (charity, None)],
        packs=["model-local-compact"],
    )


@pytest.fixture
def make_consultation(council: Organisation, area: Area) -> Callable[..., Consultation]:
    def make(**fields: Any) -> Consultation:
        values: dict[str, Any] = {
            "owner": council,
            "area": area,
            "title_en": "Library opening hours",
            "opens_on": date(2026, 1, 5),
            "closes_on": date(2026, 3, 29),
            "feedback_due_on": date(2026, 6, 1),
            "status": Consultation.Status.PUBLISHED,
        }
        values.update(fields)
        return Consultation.objects.create(**values)

    return make


@pytest.fixture
def make_agreement(
    council: Organisation, charity: Organisation, area: Area
) -> Callable[..., Agreement]:
    counter = iter(range(1, 1000))

    def make(arrears: int = 0, **fields: Any) -> Agreement:
        n = next(counter)
        values: dict[str, Any] = {
            "identifier": f"360G-CGN-{n}",
            "reference": f"CGN-{n}",
            "title": f"Advice service {n}",
            "funder": council,
            "recipient": charity,
            "amount_pence": 3_000_000,
            "award_date": date(2026, 3, 1),
            "starts_on": date(2026, 4, 1),
            "ends_on": date(2029, 3, 31),
            "area": area,
            "status": Agreement.Status.RUNNING,
            "fcr_allowed": True,
            "monitoring_frequency": Agreement.Frequency.ANNUAL,
        }
        values.update(fields)
        agreement = Agreement.objects.create(**values)
        for i in range(arrears):
            Instalment.objects.create(
                agreement=agreement,
                due_on=date(2026, 7 + i, 1),
                amount_pence=1000,
                timing=Instalment.Timing.ARREARS,
            )
        return agreement

    return make


def at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def make_issue(liaison_body: PartnershipBody, charity: Organisation) -> Callable[..., LiaisonIssue]:
    def make(raised_on: date, next_on: date | None, **fields: Any) -> LiaisonIssue:
        raised = Meeting.objects.create(
            body=liaison_body, starts_at=at(raised_on), ends_at=at(raised_on, 20)
        )
        if next_on is not None:
            Meeting.objects.create(
                body=liaison_body, starts_at=at(next_on), ends_at=at(next_on, 20)
            )
        return LiaisonIssue.objects.create(
            body=liaison_body,
            raised_at=raised,
            raised_by=charity,
            title_en="Parking at the community centre",
            **fields,
        )

    return make
