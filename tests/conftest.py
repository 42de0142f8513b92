"""Shared fixtures: reference data comes from migrations; these build people and organisations."""

import itertools
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from commonground.core.models import (
    Affiliation,
    Area,
    Organisation,
    Person,
    RoleAssignment,
    User,
)
from commonground.core.reference import load_reference_data

PASSWORD = "a-long-test-password"
_counter = itertools.count(1)
TEST_SECRET_KEY = "tests-only-secret-key-never-used-by-a-deployment-0123456789"


def pytest_configure(config: pytest.Config) -> None:
    """Tests run with production settings (DEBUG off), which refuse to work without a secret
    key and serve only HTTPS. The test client and the live server speak plain HTTP, so tests
    get a key of their own and HTTPS off; tests/core/test_core_production.py checks the real
    production settings in a fresh process. Subprocesses inherit the key through the
    environment."""
    from django.conf import settings

    os.environ.setdefault("DJANGO_SECRET_KEY", TEST_SECRET_KEY)
    settings.SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # Production names its hosts; the live server and in-process API clients use these.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1", "testserver"]


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    """Background tasks run in the test's own thread, so their effects can be asserted;
    passwords use a fast hash, since tests create many accounts."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Each test starts in English, whatever language an earlier test left active."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def area(db: None) -> Area:
    # Migrations load the reference data, but transactional tests flush it: put it back.
    load_reference_data()
    return Area.objects.get(code="W06000008")  # Ceredigion


@pytest.fixture
def other_area(db: None) -> Area:
    return Area.objects.get(code="W06000023")  # Powys


@pytest.fixture
def make_organisation(area: Area) -> Callable[..., Organisation]:
    def make(**fields: Any) -> Organisation:
        n = next(_counter)
        values: dict[str, Any] = {
            "name_en": f"Test Organisation {n}",
            "slug": f"test-organisation-{n}",
            "kind": Organisation.Kind.THIRD_SECTOR,
            "legal_form": Organisation.LegalForm.CIO,
            "area": area,
            "public_listing": True,
        }
        values.update(fields)
        return Organisation.objects.create(**values)

    return make


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """``make_user(admin_of=org, member_of=org, role=("infrastructure_staff", area))``."""

    def make(
        *,
        admin_of: Organisation | None = None,
        member_of: Organisation | None = None,
        role: tuple[str, Area | None] | None = None,
        role_organisation: Organisation | None = None,
        language: str = "en",
        **extra: Any,
    ) -> User:
        n = next(_counter)
        person = Person.objects.create(given_name="Test", family_name=f"Person {n}")
        user = User.objects.create_user(
            f"user{n}@example.org", PASSWORD, person=person, preferred_language=language, **extra
        )
        if admin_of is not None:
            Affiliation.objects.create(
                person=person, organisation=admin_of, role="staff", is_admin=True
            )
        if member_of is not None:
            Affiliation.objects.create(person=person, organisation=member_of, role="volunteer")
        if role is not None:
            RoleAssignment.objects.create(
                user=user, role=role[0], area=role[1], organisation=role_organisation
            )
        return user

    return make
