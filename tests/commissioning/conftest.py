"""Fixtures for commissioning: Ceredigion's council and health board, a charity, and staff."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from commonground.commissioning import actions
from commonground.commissioning.models import Opportunity
from commonground.core.models import Area, Organisation, Theme, User

REPO_ROOT = Path(__file__).resolve().parents[2]
OCDS = REPO_ROOT.parent / "shared" / "standards" / "ocds"
CHANGE_HISTORY = OCDS / "docs" / "examples" / "change_history"
# The standard's examples, oldest first.
EXAMPLES = ["tender", "tenderUpdate", "award", "contract", "implementation", "contractAmendment"]


def example(name: str) -> bytes:
    return (CHANGE_HISTORY / f"{name}.json").read_bytes()


def expected_record(name: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((CHANGE_HISTORY / "records" / f"{name}.json").read_text())[
        "records"
    ][0]
    return record


def package(*releases: dict[str, Any]) -> bytes:
    return json.dumps({"version": "1.1", "releases": list(releases)}).encode()


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion County Council",
        name_cy="Cyngor Sir Ceredigion",
        kind=Organisation.Kind.PUBLIC_BODY,
        legal_form=Organisation.LegalForm.STATUTORY,
        identifier="GB-PLA-CGN",
    )


@pytest.fixture
def health_board(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Hywel Dda University Health Board",
        name_cy="Bwrdd Iechyd Prifysgol Hywel Dda",
        kind=Organisation.Kind.PUBLIC_BODY,
        legal_form=Organisation.LegalForm.STATUTORY,
        identifier="GB-NHS-7A2",
    )


@pytest.fixture
def charity(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Aberystwyth Food Bank",
        name_cy="Banc Bwyd Aberystwyth",
        identifier="GB-CHC-1234567",
        income_band=Organisation.IncomeBand.SMALL,
    )


@pytest.fixture
def staff(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("infrastructure_staff", area))


@pytest.fixture
def officer(make_user: Callable[..., User], area: Area, council: Organisation) -> User:
    """A public-body officer of the council."""
    return make_user(role=("public_body_officer", area), role_organisation=council)


@pytest.fixture
def food(db: None) -> Theme:
    return Theme.objects.order_by("pk").first()  # type: ignore[return-value]


@pytest.fixture
def hubs(officer: User, council: Organisation, area: Area, food: Theme) -> Opportunity:
    o = actions.create_opportunity(
        officer,
        {"buyer": council, "title_en": "Food hubs", "route": "contract", "estimated_value_pence": 150_000_00},
        [area],
        [food],
    )
    actions.add_lot(officer, o, {"reference": "1", "title_en": "Aberystwyth", "value_pence": 20_000_00})
    return actions.change_stage(officer, o, Opportunity.Stage.OPEN)
