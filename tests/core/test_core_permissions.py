"""Who may see, change, and audit an organisation: the matrix of roles and permissions.

The table below is written from PRODUCT.md §4 (roles, object-level rules) and the intent
documented in ``core/permissions.py``:

- anyone may see an organisation that consents to a public listing; an unlisted one is seen
  only by its own people, the staff of its area and national viewers;
- an organisation's admins (not ordinary members) and the staff of its area may edit it;
- only staff of its area (infrastructure staff, area admin) may see its history and restore
  earlier versions ("Staff can see the history and restore an earlier version");
- staff roles are per area: in another area they count as the public;
- a national viewer sees every area but changes nothing;
- public-body and board support officers get nothing extra on organisation entries in this
  issue (their object rules are about consultations and boards);
- a superuser may do everything.

Every organisation in these tests has its home in ``area`` (Ceredigion).
"""

import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from commonground.core import queries
from commonground.core.models import Organisation

Y, N = True, False

PERMS = [
    "core.view_organisation",
    "core.change_organisation",
    "core.view_organisation_history",
    "core.restore_organisation",
]

# subject: (view listed, view unlisted, change, view history, restore)
# change / history / restore are expected to be the same for listed and unlisted entries.
MATRIX: dict[str, tuple[bool, bool, bool, bool, bool]] = {
    "public (anonymous)": (Y, N, N, N, N),
    "signed in, no role": (Y, N, N, N, N),
    "organisation member": (Y, Y, N, N, N),
    "organisation admin, own organisation": (Y, Y, Y, N, N),
    "organisation admin, another organisation": (Y, N, N, N, N),
    "organisation member, another organisation": (Y, N, N, N, N),
    "infrastructure staff, own area": (Y, Y, Y, Y, Y),
    "infrastructure staff, other area": (Y, N, N, N, N),
    "area admin, own area": (Y, Y, Y, Y, Y),
    "area admin, other area": (Y, N, N, N, N),
    "national viewer": (Y, Y, N, N, N),
    "public-body officer, own area": (Y, N, N, N, N),
    "public-body officer for this body": (Y, N, N, N, N),
    "board support officer, own area": (Y, N, N, N, N),
    "superuser": (Y, Y, Y, Y, Y),
}


def _subject(name: str, target: Organisation, fx: dict[str, Any]) -> Any:
    make_user: Callable[..., Any] = fx["make_user"]
    area, other_area, other_org = fx["area"], fx["other_area"], fx["other_org"]
    builders: dict[str, Callable[[], Any]] = {
        "public (anonymous)": AnonymousUser,
        "signed in, no role": lambda: make_user(),
        "organisation member": lambda: make_user(member_of=target),
        "organisation admin, own organisation": lambda: make_user(admin_of=target),
        "organisation admin, another organisation": lambda: make_user(admin_of=other_org),
        "organisation member, another organisation": lambda: make_user(member_of=other_org),
        "infrastructure staff, own area": lambda: make_user(role=("infrastructure_staff", area)),
        "infrastructure staff, other area": lambda: make_user(
            role=("infrastructure_staff", other_area)
        ),
        "area admin, own area": lambda: make_user(role=("area_admin", area)),
        "area admin, other area": lambda: make_user(role=("area_admin", other_area)),
        "national viewer": lambda: make_user(role=("national_viewer", None)),
        "public-body officer, own area": lambda: make_user(role=("public_body_officer", area)),
        "public-body officer for this body": lambda: make_user(
            role=("public_body_officer", area), role_organisation=target
        ),
        "board support officer, own area": lambda: make_user(role=("board_support_officer", area)),
        "superuser": lambda: make_user(is_superuser=True, is_staff=True),
    }
    return builders[name]()


def _expected(subject: str, perm: str, listed: bool) -> bool:
    view_listed, view_unlisted, change, history, restore = MATRIX[subject]
    return {
        "core.view_organisation": view_listed if listed else view_unlisted,
        "core.change_organisation": change,
        "core.view_organisation_history": history,
        "core.restore_organisation": restore,
    }[perm]


@pytest.fixture
def fx(area, other_area, make_user, make_organisation) -> dict[str, Any]:
    return {
        "area": area,
        "other_area": other_area,
        "make_user": make_user,
        "make_organisation": make_organisation,
        # another organisation in the same area, so "another organisation" is not about area
        "other_org": make_organisation(public_listing=True),
    }


@pytest.mark.parametrize("subject", list(MATRIX))
def test_permission_matrix(subject: str, fx: dict[str, Any]) -> None:
    """One row of the table: every permission, on a listed and an unlisted organisation."""
    wrong = []
    for listed in (True, False):
        target = fx["make_organisation"](
            public_listing=listed, kind=Organisation.Kind.PUBLIC_BODY, legal_form="statutory"
        )
        user = _subject(subject, target, fx)
        for perm in PERMS:
            expected = _expected(subject, perm, listed)
            if user.has_perm(perm, target) is not expected:
                entry = "listed" if listed else "unlisted"
                wrong.append(f"{perm} on {entry} organisation: expected {expected}")
    assert not wrong, f"{subject}: " + "; ".join(wrong)


@pytest.mark.parametrize("subject", list(MATRIX))
def test_listing_query_agrees_with_view_permission(subject: str, fx: dict[str, Any]) -> None:
    """The list pages and API use ``visible_organisations``; it must match the rule."""
    make_organisation = fx["make_organisation"]
    listed = make_organisation(public_listing=True)
    unlisted = make_organisation(public_listing=False)
    # A member/admin subject belongs to the unlisted organisation, which is the case that matters.
    user = _subject(subject, unlisted, fx)
    elsewhere = make_organisation(public_listing=False, area=fx["other_area"])
    visible = set(queries.visible_organisations(user))
    for organisation in (listed, unlisted, elsewhere, fx["other_org"]):
        assert (organisation in visible) is user.has_perm("core.view_organisation", organisation), (
            organisation
        )


def test_staff_role_without_area_grants_nothing_on_area_records(fx: dict[str, Any]) -> None:
    """An area-scoped role saved without an area must not act as a national grant."""
    target = fx["make_organisation"](public_listing=False)
    user = fx["make_user"](role=("infrastructure_staff", None))
    for perm in PERMS:
        assert not user.has_perm(perm, target), perm


def test_losing_a_role_takes_the_permission_away(fx: dict[str, Any]) -> None:
    target = fx["make_organisation"](public_listing=False)
    user = fx["make_user"](role=("infrastructure_staff", fx["area"]))
    assert user.has_perm("core.change_organisation", target)
    user.role_assignments.all().delete()
    assert not user.has_perm("core.change_organisation", target)
    assert not user.has_perm("core.view_organisation", target)


def test_member_becoming_admin_may_then_edit(fx: dict[str, Any]) -> None:
    target = fx["make_organisation"]()
    user = fx["make_user"](member_of=target)
    assert not user.has_perm("core.change_organisation", target)
    target.affiliations.filter(person=user.person).update(is_admin=True)
    assert user.has_perm("core.change_organisation", target)


def test_staff_pages_are_for_staff_roles_only(fx: dict[str, Any]) -> None:
    make_user, area = fx["make_user"], fx["area"]
    target = fx["make_organisation"]()
    assert make_user(role=("infrastructure_staff", area)).has_perm("core.view_staff_pages")
    assert make_user(role=("area_admin", area)).has_perm("core.view_staff_pages")
    assert make_user(is_superuser=True).has_perm("core.view_staff_pages")
    assert not make_user(admin_of=target).has_perm("core.view_staff_pages")
    assert not make_user(role=("national_viewer", None)).has_perm("core.view_staff_pages")
    assert not AnonymousUser().has_perm("core.view_staff_pages")


_CHECK_RULES = """
import sys
import commonground.settings as settings
if sys.argv[1] == "foundation":
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS
        if not app.startswith("commonground.")
        or app in ("commonground.core", "commonground.web", "commonground.api")
    ]
import django
django.setup()
import rules
from commonground.core import actions
missing = [p for p in sys.argv[2:] if not rules.perm_exists(p)]
print(missing)
raise SystemExit(1 if missing else 0)
"""


def _rules_registered_after_setup(apps: str) -> tuple[bool, str]:
    """In a fresh interpreter, after django.setup() only: are the core rules there?"""
    result = subprocess.run(
        [sys.executable, "-c", _CHECK_RULES, apps, *PERMS],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "commonground.settings"},
        check=False,
    )
    return result.returncode == 0, result.stdout + result.stderr


def test_rules_are_registered_as_soon_as_django_starts() -> None:
    ok, output = _rules_registered_after_setup("all")
    assert ok, output


def test_foundation_apps_alone_register_the_core_rules() -> None:
    ok, output = _rules_registered_after_setup("foundation")
    assert ok, output
