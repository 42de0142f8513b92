"""The representation pages: bad input gets a clear message in the user's language, never a 500."""

from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from commonground.core.models import Membership
from commonground.partnerships.models import SeatHolding
from commonground.representation.models import Election, HeldBallot, Nomination, ReportBack
from tests.representation.conftest import Scene, held_meeting, run_to_election

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_ineligible_organisation_is_told_which_rule_failed(scene: Scene, prefix: str) -> None:
    vacancy = scene.advertise()
    Membership.objects.filter(organisation=scene.organisations[0]).update(
        engagement_level="information"
    )
    response = _client(scene.admins[0]).post(
        f"{prefix}/representation/vacancies/{vacancy.pk}/",
        {"organisation": scene.organisations[0].pk, "statement": "I will report back."},
    )
    assert response.status_code == 200
    language = "cy" if prefix else "en"
    with translation.override(language):
        expected = gettext("There is a problem")
        rule = gettext(
            "The organisation must be a member of the infrastructure body at the “eligible to represent” level."
        )
    page = unescape(response.content.decode())
    assert expected in page and rule in page
    assert not Nomination.objects.exists()


def test_statement_over_the_word_limit_and_second_nomination(scene: Scene) -> None:
    vacancy = scene.advertise(word_limit=20)
    client = _client(scene.admins[0])
    url = f"/representation/vacancies/{vacancy.pk}/"
    long = " ".join(["word"] * 21)
    response = client.post(url, {"organisation": scene.organisations[0].pk, "statement": long})
    assert "Your statement has 21 words. It must be 20 words or fewer." in response.content.decode()
    assert not Nomination.objects.exists()
    assert (
        client.post(
            url, {"organisation": scene.organisations[0].pk, "statement": "Short."}
        ).status_code
        == 302
    )
    response = client.post(url, {"organisation": scene.organisations[0].pk, "statement": "Again."})
    assert "has already made a nomination for this seat" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_tampered_organisation_choice_is_refused(scene: Scene) -> None:
    vacancy = scene.advertise()
    response = _client(scene.admins[0]).post(
        f"/representation/vacancies/{vacancy.pk}/",
        {"organisation": scene.organisations[1].pk, "statement": "Hi."},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Nomination.objects.exists()


def test_ranked_ballot_page_records_one_vote_and_refuses_bad_forms(scene: Scene) -> None:
    election = run_to_election(scene, nominees=3)
    client = _client(scene.admins[0])
    url = f"/representation/elections/{election.pk}/"
    page = client.get(url).content.decode()
    assert 'name="rank-1"' in page and 'name="rank-3"' in page
    elector = election.electors.get(organisation=scene.organisations[0])
    for bad in (
        {"voter": elector.pk, "rank-1": "1", "rank-2": "1"},  # repeated preference
        {"voter": elector.pk, "rank-1": "2"},  # no first preference
        {"voter": elector.pk, "rank-1": "1", "rank-9": "2"},  # unknown candidate
        {"voter": elector.pk, "rank-1": "7"},  # tampered rank value
        {"voter": 999999, "rank-1": "1"},  # someone else's roll entry
    ):
        response = client.post(url, bad)
        assert response.status_code == 200, bad
        assert "govuk-error-summary" in response.content.decode(), bad
    assert not HeldBallot.objects.exists()
    assert client.post(url, {"voter": elector.pk, "rank-2": "1", "rank-1": "2"}).status_code == 302
    assert list(HeldBallot.objects.values_list("preferences", flat=True)) == [[2, 1]]
    response = client.post(url, {"voter": elector.pk, "rank-1": "1"})
    assert "govuk-error-summary" in response.content.decode()
    assert HeldBallot.objects.count() == 1


def test_voting_outside_the_window_is_refused_with_the_times(scene: Scene) -> None:
    election = run_to_election(scene, nominees=2)
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    elector = election.electors.get(organisation=scene.organisations[0])
    response = _client(scene.admins[0]).post(
        f"/representation/elections/{election.pk}/", {"voter": elector.pk, "rank-1": "1"}
    )
    assert response.status_code == 200
    assert not HeldBallot.objects.exists()


def test_report_back_by_someone_else_is_forbidden(scene: Scene) -> None:
    holding = SeatHolding.objects.create(
        seat=scene.seat,
        person=scene.admins[0].person,
        organisation=scene.organisations[0],
        route="appointed",
        starts_on=timezone.localdate() - timedelta(days=90),
        ends_on=timezone.localdate() + timedelta(days=600),
    )
    meeting = held_meeting(scene.body, days_ago=20)
    data = {"meeting": meeting.pk, "title_en": "T", "decided_en": "D", "meaning_en": "M"}
    assert (
        _client(scene.admins[1])
        .post(f"/representation/seats/holding/{holding.pk}/report-back/", data)
        .status_code
        == 403
    )
    assert not ReportBack.objects.exists()
    response = _client(scene.admins[0]).post(
        f"/representation/seats/holding/{holding.pk}/report-back/", data
    )
    assert response.status_code == 302
    assert ReportBack.objects.count() == 1


def test_coverage_is_public_and_exports_are_for_staff(scene: Scene) -> None:
    """000 Recommendation 2: anyone sees which seats are vacant; only staff act or export."""
    coverage = f"/representation/coverage/{scene.area.slug}/"
    for visitor in (Client(), _client(scene.admins[0])):
        page = visitor.get(coverage).content.decode()
        assert 'data-status="vacant"' in page
        assert "/advertise/" not in page and "export.csv" not in page
        assert visitor.get(f"{coverage}export.csv").status_code in (302, 403)
    client = _client(scene.staff)
    page = client.get(coverage).content.decode()
    assert 'data-status="vacant"' in page
    assert "/advertise/" in page and "export.csv" in page
    csv = client.get(f"/representation/coverage/{scene.area.slug}/export.csv")
    assert csv["Content-Type"].startswith("text/csv") and b"Third sector seat" in csv.content
    xlsx = client.get(f"/representation/coverage/{scene.area.slug}/export.xlsx")
    assert xlsx.content[:2] == b"PK"
    assert client.get(f"/representation/coverage/{scene.area.slug}/export.pdf").status_code == 404


def test_coverage_puts_gaps_first(scene: Scene) -> None:
    from commonground.partnerships.models import Seat
    from commonground.representation import queries

    filled = Seat.objects.create(body=scene.body, name_en="Second seat", kind="sector")
    SeatHolding.objects.create(
        seat=filled,
        person=scene.admins[2].person,
        route="elected",
        starts_on=timezone.localdate() - timedelta(days=10),
        ends_on=timezone.localdate() + timedelta(days=700),
    )
    rows = queries.coverage(scene.area)
    assert [r.status for r in rows] == ["vacant", "filled"]
    with translation.override("en"):
        assert str(rows[0].label) == "Vacant"
    queries.policy_for(scene.area)
