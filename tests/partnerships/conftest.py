"""Fixtures for the partnerships register: a body with seats, meetings and staff."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from commonground.core.models import Area, Organisation, Person, User
from commonground.partnerships import actions
from commonground.partnerships.models import Meeting, PartnershipBody, Seat


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion County Council",
        name_cy="Cyngor Sir Ceredigion",
        kind=Organisation.Kind.PUBLIC_BODY,
    )


@pytest.fixture
def charity(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(name_en="Aberystwyth Food Bank", name_cy="Banc Bwyd Aberystwyth")


@pytest.fixture
def staff(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("infrastructure_staff", area))


@pytest.fixture
def support(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("board_support_officer", area))


@pytest.fixture
def psb(staff: User, council: Organisation, area: Area) -> PartnershipBody:
    return actions.create_body(
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
def sector_seat(staff: User, psb: PartnershipBody) -> Seat:
    return actions.add_seat(
        staff,
        psb,
        {
            "name_en": "Third sector seat",
            "name_cy": "Sedd y trydydd sector",
            "kind": Seat.Kind.SECTOR,
        },
    )


@pytest.fixture
def person() -> Person:
    return Person.objects.create(given_name="Mari", family_name="Lewis")


@pytest.fixture
def make_meeting(support: User, psb: PartnershipBody) -> Callable[..., Meeting]:
    def make(days: int, body: PartnershipBody | None = None, **fields: Any) -> Meeting:
        starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
        data = {
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "venue": "Aberaeron",
            **fields,
        }
        return actions.schedule_meeting(support, body or psb, data)

    return make
