"""The new capabilities are reachable from the home page of the people who use them."""

from collections.abc import Callable

import pytest
from django.test import Client

from commonground.core.models import Area, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "scoped", "link"),
    [
        ("infrastructure_staff", True, "/monitoring/"),
        ("infrastructure_staff", True, "/compacts/"),
        ("national_viewer", False, "/monitoring/"),
        ("national_viewer", False, "/compacts/health/"),
        ("board_support_officer", True, "/planning/"),
    ],
)
def test_each_role_finds_its_capability_from_home_and_it_opens(
    make_user: Callable[..., User], area: Area, role: str, scoped: bool, link: str
) -> None:
    client = Client()
    client.force_login(make_user(role=(role, area if scoped else None)))
    for prefix in ("", "/cy"):
        home = client.get(f"{prefix}/").content.decode()
        assert f'href="{prefix}{link}"' in home
        assert client.get(f"{prefix}{link}").status_code == 200
