"""Schemathesis fuzzes both published APIs in-process: no server error, no schema violation.

Each operation gets a few generated requests (derandomised, so a failure repeats), sent
anonymously and with the tokens of an organisation admin and an area admin, against real
records: organisations, a counted election and a report-back. ``/oruk/openapi.json`` bundles
the ORUK response schemas, so the check runs offline as any client's would.
"""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from commonground.api.models import ApiToken
from commonground.partnerships.models import SeatHolding
from commonground.representation import actions
from commonground.representation.models import Election
from tests.representation.conftest import build_scene, held_meeting, run_to_election

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
FUZZ = settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)

app = get_wsgi_application()


def _oruk_schema() -> Any:
    described = Client().get("/oruk/openapi.json").json()
    described["servers"] = [{"url": "/oruk"}]
    schema = schemathesis.openapi.from_dict(described)
    schema.app = app
    return schema


api_schema = schemathesis.openapi.from_wsgi("/api/schema", app)
oruk_schema = _oruk_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """Django closes the connection after each request; the test client stops that, and so must
    the WSGI client that schemathesis uses, or the test's transaction would end."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def tokens(db: None, area: Any, make_organisation: Any, make_user: Any) -> list[dict[str, str]]:
    """No token, an organisation admin's and an area admin's, with records to find."""
    scene = build_scene(area, make_organisation, make_user)
    election = run_to_election(scene, nominees=2)
    for voter in range(3):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], [1])
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    actions.record_result(actions.close_voting(scene.staff, election))
    holding = SeatHolding.objects.get(seat=scene.seat, ended_on__isnull=True)
    actions.post_report_back(
        scene.admins[0],
        holding,
        held_meeting(scene.body, days_ago=2),
        {"title_en": "Budget", "decided_en": "Agreed", "meaning_en": "More", "ask_en": "Tell us"},
    )
    org_admin = ApiToken.issue(scene.admins[0], "fuzz")[1]
    area_admin = ApiToken.issue(make_user(role=("area_admin", area)), "fuzz")[1]
    return [{}, *({"Authorization": f"Bearer {t}"} for t in (org_admin, area_admin))]


def _fuzz_operation(operation: Any, headers: list[dict[str, str]], checks: list[Any]) -> None:
    @FUZZ
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        for extra in headers:
            case.call_and_validate(headers=extra, checks=checks)

    run()


def _fuzz(
    schema: Any, headers: list[dict[str, str]], unchecked: frozenset[str] = frozenset()
) -> None:
    # One test for every operation, so the records are made once; a failure names the
    # operation and the request that failed.
    for result in schema.get_all_operations():
        operation = result.ok()
        checks = [not_a_server_error] if operation.path in unchecked else CHECKS
        _fuzz_operation(operation, headers, checks)


@pytest.mark.django_db
def test_api_never_errs_and_keeps_to_its_schema(tokens: list[dict[str, str]]) -> None:
    _fuzz(api_schema, tokens)


@pytest.mark.django_db
def test_oruk_api_never_errs_and_keeps_to_its_schema(tokens: list[dict[str, str]]) -> None:
    # Upstream's organization_list.json (ORUK validator, commit in ../shared SOURCE.txt)
    # describes one organization, not a page of them, so no list can match it: that
    # operation is checked for server errors only.
    _fuzz(oruk_schema, [{}], unchecked=frozenset({"/organizations"}))
