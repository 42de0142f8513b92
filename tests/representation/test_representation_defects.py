"""Issue 11: the representation defects, each with the test that would have caught it."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from commonground.core.models import DomainEvent
from commonground.representation import actions
from commonground.representation.models import Election, Vacancy
from tests.representation.conftest import Scene, run_to_election

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "month"), [("en", "December"), ("cy", "Rhagfyr")])
def test_messages_give_dates_in_govuk_style(scene: Scene, language: str, month: str) -> None:
    """Defect 4: a refusal names its dates as "23 December 2026", not "Dec. 23, 2026"."""
    vacancy = scene.advertise()
    Vacancy.objects.filter(pk=vacancy.pk).update(
        opens_on=date(2025, 12, 2), closes_on=date(2025, 12, 23)
    )
    vacancy.refresh_from_db()
    with translation.override(language), pytest.raises(ValidationError) as caught:
        scene.nominate(vacancy, 0)
    message = " ".join(caught.value.messages)
    assert f"23 {month} 2025" in message
    assert "Dec." not in message


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_nominations_close_early_only_with_a_reason_kept_in_history(scene: Scene) -> None:
    """Defect 3: before the deadline, closing needs a reason; the reason is in the record."""
    vacancy = scene.advertise()
    for index in (0, 1):
        actions.validate_nomination(scene.staff, scene.nominate(vacancy, index), accept=True)
    advertised = vacancy.closes_on
    with pytest.raises(ValidationError) as caught:
        actions.close_nominations(scene.staff, vacancy)
    assert caught.value.message_dict == {
        "reason": ["Give the reason for closing nominations before the closing date."]
    }
    actions.close_nominations(
        scene.staff, vacancy, early_reason="Every eligible organisation has answered."
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.ELECTION
    assert vacancy.closes_on == timezone.localdate() < advertised
    reasons = set(vacancy.history.values_list("history_change_reason", flat=True))
    assert "Every eligible organisation has answered." in reasons
    event = DomainEvent.objects.get(type="nominations.closed_early")
    assert event.payload["reason"] == "Every eligible organisation has answered."
    assert event.payload["advertised_close"] == advertised.isoformat()


def test_nominations_can_be_extended_to_a_later_date(scene: Scene) -> None:
    vacancy = scene.advertise()
    advertised = vacancy.closes_on
    with pytest.raises(ValidationError) as caught:
        actions.extend_nominations(scene.staff, vacancy, advertised, "No reason")
    assert "closes_on" in caught.value.message_dict
    with pytest.raises(ValidationError):
        actions.extend_nominations(scene.staff, vacancy, advertised + timedelta(days=7), " ")
    actions.extend_nominations(
        scene.staff, vacancy, advertised + timedelta(days=7), "Few nominations so far."
    )
    vacancy.refresh_from_db()
    assert vacancy.closes_on == advertised + timedelta(days=7)
    assert vacancy.term_starts_on > vacancy.closes_on
    assert DomainEvent.objects.filter(type="nominations.extended").count() == 1


def test_voting_closes_early_once_every_elector_has_voted(scene: Scene) -> None:
    election = run_to_election(scene, nominees=2, method=Election.Method.FPTP)
    reason = "Every member organisation has voted."
    with pytest.raises(ValidationError) as caught:
        actions.close_voting(scene.staff, election, early_reason=reason)
    assert caught.value.messages == ["Voting can close early only once every elector has voted."]
    staff = _client(scene.staff)
    page = staff.get(election.get_absolute_url()).content.decode()
    assert "Close voting and count" not in page, "no button that would be refused"
    assert "Close voting early and count" not in page
    for elector in election.electors.select_related("organisation"):
        index = scene.organisations.index(elector.organisation)  # type: ignore[arg-type]
        actions.cast_ballot(scene.admins[index], election, elector.organisation, [1])  # type: ignore[arg-type]
    assert "Close voting early and count" in staff.get(election.get_absolute_url()).content.decode()
    staff.post(f"/representation/elections/{election.pk}/close/", {"reason": reason})
    election.refresh_from_db()
    assert election.status in (Election.Status.CLOSED, Election.Status.COUNTED)
    assert reason in set(election.history.values_list("history_change_reason", flat=True))
    assert DomainEvent.objects.filter(type="voting.closed_early").count() == 1


def test_voting_can_be_extended(scene: Scene) -> None:
    election = run_to_election(scene, nominees=2)
    later = election.closes_at + timedelta(days=3)
    staff = _client(scene.staff)
    form = staff.get(f"/representation/elections/{election.pk}/extend/").content.decode()
    local = timezone.localtime(election.closes_at).strftime("%Y-%m-%dT%H:%M")
    assert f'type="datetime-local" value="{local}"' in form
    response = staff.post(
        f"/representation/elections/{election.pk}/extend/",
        {
            "closes_at": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"),
            "reason": "A member asked for more time.",
        },
    )
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.closes_at == later.replace(second=0, microsecond=0)
    assert DomainEvent.objects.filter(type="voting.extended").count() == 1


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_vacancy_page_offers_only_what_works_before_the_deadline(scene: Scene, prefix: str) -> None:
    vacancy = scene.advertise()
    staff = _client(scene.staff)
    language = "cy" if prefix else "en"
    page = unescape(staff.get(f"{prefix}{vacancy.get_absolute_url()}").content.decode())
    with translation.override(language):
        assert gettext("Close nominations early") in page
        assert gettext("Reason for closing early") in page
        assert gettext("Change the closing date") in page
    response = staff.post(
        f"{prefix}/representation/vacancies/{vacancy.pk}/close/", {"method": "scottish"}
    )
    page = unescape(_follow(staff, response))
    with translation.override(language):
        assert gettext("Give the reason for closing nominations before the closing date.") in page
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN


def _follow(client: Client, response: object) -> str:
    return client.get(response["Location"]).content.decode()  # type: ignore[index]


def test_nomination_form_is_not_offered_once_the_organisation_has_nominated(
    scene: Scene,
) -> None:
    """Defect 5: after nominating (or being rejected) the form that would fail is not shown."""
    vacancy = scene.advertise()
    admin = _client(scene.admins[0])
    assert 'name="statement"' in admin.get(vacancy.get_absolute_url()).content.decode()
    nomination = scene.nominate(vacancy, 0)
    actions.validate_nomination(scene.staff, nomination, accept=False, reason="Not a member.")
    page = admin.get(vacancy.get_absolute_url()).content.decode()
    assert 'name="statement"' not in page
    assert "Not a member." in page, "the organisation still sees its own nomination"


def test_vacant_seat_links_to_its_vacancy_and_is_not_advertised_twice(scene: Scene) -> None:
    staff = _client(scene.staff)
    body = staff.get(f"/partnerships/{scene.body.slug}/").content.decode()
    assert f"/representation/seats/{scene.seat.pk}/advertise/" in body
    vacancy = scene.advertise()
    body = staff.get(f"/partnerships/{scene.body.slug}/").content.decode()
    assert f"/representation/seats/{scene.seat.pk}/advertise/" not in body
    assert vacancy.get_absolute_url() in body
    seat = staff.get(f"/partnerships/{scene.body.slug}/seats/{scene.seat.pk}/").content.decode()
    assert vacancy.get_absolute_url() in seat
    coverage = staff.get(f"/representation/coverage/{scene.area.slug}/").content.decode()
    assert f"/representation/seats/{scene.seat.pk}/advertise/" not in coverage


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_review_error_keeps_the_form_and_the_language_switch_works(
    scene: Scene, prefix: str
) -> None:
    vacancy = scene.advertise()
    nomination = scene.nominate(vacancy, 0)
    staff = _client(scene.staff)
    url = f"{prefix}/representation/nominations/{nomination.pk}/review/"
    response = staff.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    for href in re.findall(r'class="govuk-error-summary__list".*?</ul>', html, re.S):
        for target in re.findall(r'href="#([^"]+)"', href):
            assert f'id="{target}"' in html, f"the error link #{target} points at its field"
    assert 'name="reason"' in html and 'name="decision"' in html
    # The language switch links to the same address in the other language: a GET.
    other = "/cy" if not prefix else ""
    switched = staff.get(f"{other}/representation/nominations/{nomination.pk}/review/")
    assert switched.status_code == 200
    assert 'name="decision"' in switched.content.decode()


def test_a_report_back_in_welsh_alone_is_published_and_shown_with_a_note(scene: Scene) -> None:
    """Defect 6: either language alone is accepted; the other page falls back, and says so."""
    from commonground.partnerships.models import SeatHolding
    from tests.representation.conftest import end_nominations, held_meeting

    vacancy = scene.advertise()
    actions.validate_nomination(scene.staff, scene.nominate(vacancy, 0), accept=True)
    end_nominations(vacancy)
    actions.close_nominations(scene.staff, vacancy)
    holding = SeatHolding.objects.get(seat=scene.seat)
    holding.starts_on = timezone.localdate() - timedelta(days=60)
    holding.save()
    meeting = held_meeting(scene.body, days_ago=30)
    with pytest.raises(ValidationError) as empty:
        actions.post_report_back(scene.admins[0], holding, meeting, {"ask_en": "Anything?"})
    assert set(empty.value.message_dict) == {"title_en", "decided_en", "meaning_en"}
    report_back = actions.post_report_back(
        scene.admins[0],
        holding,
        meeting,
        {
            "title_cy": "Y bwrdd yn cytuno ar amserlen",
            "decided_cy": "Penderfynir ar grantiau erbyn mis Mawrth.",
            "meaning_cy": "Bydd mudiadau’n clywed yn gynt.",
        },
    )
    english = Client().get(report_back.get_absolute_url()).content.decode()
    assert "Y bwrdd yn cytuno ar amserlen" in english
    assert "This is only available in Welsh." in english
    welsh = Client().get(f"/cy{report_back.get_absolute_url()}").content.decode()
    assert "Y bwrdd yn cytuno ar amserlen" in welsh and "cg-language-note" not in welsh


def test_area_phrases_take_the_welsh_mutation(scene: Scene) -> None:
    """Defect 6: "Cwmpas yng Ngheredigion", not "Cwmpas yn Ceredigion"."""
    from commonground.core.models import Area

    area = Area.objects.get(code="W06000008")
    page = Client().get(f"/cy/representation/coverage/{area.slug}/").content.decode()
    assert "Cwmpas yng Ngheredigion" in page and "yn Ceredigion" not in page
    english = Client().get(f"/representation/coverage/{area.slug}/").content.decode()
    assert "Coverage in Ceredigion" in english
    with translation.override("cy"):
        places = {a.code: a.in_name for a in Area.objects.in_wales()}
    assert places["W06000023"] == "ym Mhowys" and places["W06000020"] == "yn Nhor-faen"
    assert len(places) == 22 and all(p.startswith(("yn ", "yng ", "ym ")) for p in places.values())
    # The Welsh feed of the area's opportunities is titled the same way.
    feed = Client().get(f"/cy/commissioning/area/{area.slug}/feed.atom").content.decode()
    assert "Cyfleoedd comisiynu yng Ngheredigion" in feed
