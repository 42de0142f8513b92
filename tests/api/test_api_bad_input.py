"""Issue 19, finding 5: input found by fuzzing gets a clear 4xx, never a server error."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from commonground.api.models import ApiToken
from commonground.core.models import Organisation
from commonground.partnerships.models import SeatHolding
from commonground.representation import actions
from commonground.representation.models import Election
from tests.representation.conftest import build_scene, held_meeting, run_to_election

pytestmark = pytest.mark.django_db

PAGINATED = [
    "/api/organisations",
    "/api/representation/vacancies",
    "/api/representation/report-backs",
]


@pytest.fixture
def client(client: Client) -> Client:
    client.raise_request_exception = False  # a server error is a 500 response, as users see it
    return client


def _error(response: Any, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["message"]
    return body


def test_report_backs_and_elections_are_served(
    client: Client, area: Any, make_organisation: Any, make_user: Any
) -> None:
    scene = build_scene(area, make_organisation, make_user)
    election = run_to_election(scene, nominees=2)
    for voter in range(3):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], [1])
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    actions.record_result(actions.close_voting(scene.staff, election))
    holding = SeatHolding.objects.get(seat=scene.seat, ended_on__isnull=True)
    holder = scene.admins[0]
    actions.post_report_back(
        holder,
        holding,
        held_meeting(scene.body, days_ago=2),
        {"title_en": "Budget", "decided_en": "Agreed", "meaning_en": "More", "ask_en": "Tell us"},
    )

    response = client.get(f"/api/representation/elections/{election.pk}")
    assert response.status_code == 200, response.content
    names = {c["name"] for c in response.json()["candidates"]}
    assert str(holder.person) in names
    response = client.get("/api/representation/report-backs")
    assert response.status_code == 200, response.content
    assert response.json()["items"][0]["representative"] == str(holder.person)


@pytest.mark.parametrize("path", PAGINATED)
def test_a_huge_page_number_is_a_clear_400(client: Client, path: str) -> None:
    body = _error(client.get(path, {"page": "1000000000000000000"}))
    assert {e["field"] for e in body["errors"]} == {"page"}


@pytest.mark.parametrize(
    "query", ["?area=%00", "?kind=%00", "?area=a%00b&page=1", "?%00=1"], ids=str
)
def test_a_null_character_in_a_filter_is_a_clear_400(client: Client, query: str) -> None:
    body = _error(client.get(f"/api/organisations{query}"))
    assert "null character" in body["message"]


def test_a_null_character_in_a_page_filter_is_a_clear_400(client: Client) -> None:
    response = client.get("/directory/?q=%00")
    assert response.status_code == 400
    assert "Sorry, there is a problem with that request" in response.content.decode()


def test_a_lone_surrogate_in_json_is_a_clear_400_and_writes_nothing(
    client: Client, make_organisation: Any, make_user: Any
) -> None:
    organisation = make_organisation(name_en="Tregaron Pantry")
    token = ApiToken.issue(make_user(admin_of=organisation), "test")[1]
    response = client.patch(
        f"/api/organisations/{organisation.slug}",
        data='{"name_en": "a\\ud800b", "description_en": {"x": ["\\udfff"]}}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    body = _error(response)
    assert {e["field"] for e in body["errors"]} == {"name_en", "description_en.x.0"}
    organisation.refresh_from_db()
    assert organisation.name_en == "Tregaron Pantry"
    # A proper surrogate pair (an emoji) is fine.
    response = client.patch(
        f"/api/organisations/{organisation.slug}",
        data='{"name_en": "Pantry \\ud83c\\udf5e"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    assert Organisation.objects.get(pk=organisation.pk).name_en == "Pantry \U0001f35e"


def test_messages_follow_the_readers_language(client: Client) -> None:
    english = _error(client.get("/api/organisations?area=%00"))["message"]
    welsh = _error(client.get("/api/organisations?area=%00", HTTP_ACCEPT_LANGUAGE="cy"))
    assert welsh["message"] != english
