"""Fixtures for monitoring: a small programme with a logic model, staff, and the seed programmes."""

from collections.abc import Callable
from typing import Any

import pytest

from commonground.core.models import Area, Organisation, User
from commonground.monitoring import actions, demo, logic_model
from commonground.monitoring.models import Programme
from tests.commissioning.conftest import charity, council, food, hubs, officer  # noqa: F401


@pytest.fixture
def staff(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("infrastructure_staff", area))


@pytest.fixture
def viewer(make_user: Callable[..., User], area: Area) -> User:
    """A national viewer, as Meera at WCVA is."""
    return make_user(role=("national_viewer", None))


@pytest.fixture
def cvc(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion CVC", slug="ceredigion-cvc", kind=Organisation.Kind.INFRASTRUCTURE
    )


def small_model(partner: str) -> dict[str, Any]:
    return {
        "slug": "test-programme",
        "title_en": "Test programme",
        "title_cy": "Rhaglen brawf",
        "period_start": "2020-01-01",
        "period_end": "2030-12-31",
        "areas": ["W06000008", "W06000023"],
        "delivery_partners": [partner],
        "inputs": ["Two officers"],
        "strands": [
            {
                "code": "info",
                "title_en": "Representation and information",
                "activities": ["Send digests"],
                "results": ["The sector is better informed"],
                "impacts": ["A more sustainable third sector"],
                "indicators": [
                    {
                        "code": "dissemination",
                        "title_en": "Dissemination initiatives and products",
                        "kind": "output",
                        "unit": "count",
                        "targets": [
                            {"period_start": "2020-01-01", "period_end": "2030-12-31", "value": 15},
                            {
                                "period_start": "2020-01-01",
                                "period_end": "2030-12-31",
                                "area": "W06000008",
                                "value": 5,
                            },
                        ],
                    },
                    {
                        "code": "trained",
                        "title_en": "Organisations trained",
                        "kind": "output",
                        "unit": "organisations",
                    },
                    {
                        "code": "agreements",
                        "title_en": "Collaborative agreements within the third sector",
                        "kind": "output",
                        "unit": "count",
                    },
                    {
                        "code": "people",
                        "title_en": "People attending",
                        "kind": "output",
                        "unit": "participants",
                    },
                    {
                        "code": "plans",
                        "title_en": "People with an action plan",
                        "kind": "result",
                        "unit": "participants",
                    },
                    {
                        "code": "plans-share",
                        "title_en": "Share with an action plan",
                        "kind": "result",
                        "unit": "percentage",
                        "numerator": "plans",
                        "denominator": "people",
                    },
                ],
            }
        ],
    }


@pytest.fixture
def programme(cvc: Organisation, area: Area) -> Programme:
    area.infrastructure_body = cvc
    area.save()
    return actions.load_logic_model(None, logic_model.parse(small_model(cvc.slug)))


@pytest.fixture
def nptsc(area: Area, make_user: Callable[..., User]) -> Programme:
    """003's programme with its ten delivery partners, and no evidence yet."""
    return demo.nptsc_programme(make_user(is_superuser=True))
