"""The journey from vacancy to report-back, through actions (no HTTP)."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import DomainEvent
from commonground.partnerships.models import SeatHolding
from commonground.representation import actions, queries
from commonground.representation.models import Election, Nomination, ReportBack, Vacancy
from tests.representation.conftest import Scene, end_nominations, held_meeting, run_to_election

pytestmark = pytest.mark.django_db


def _close(election: Election) -> Election:
    """Close voting; the count task runs when the transaction commits, so run it here."""
    election.closes_at = timezone.now() - timedelta(seconds=1)
    election.save()
    actions.close_voting(None, election)
    actions.record_result(election)
    election.refresh_from_db()
    return election


def test_advertising_emails_eligible_organisations_in_their_language(
    scene: Scene, django_capture_on_commit_callbacks: Any
) -> None:
    scene.admins[0].preferred_language = "cy"
    scene.admins[0].save()
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = scene.advertise()
    assert vacancy.closes_on - vacancy.opens_on == timedelta(days=21)
    recipients = {m.to[0]: m for m in mail.outbox}
    assert set(recipients) == {u.email for u in scene.admins}
    assert "Swydd wag" in recipients[scene.admins[0].email].subject
    assert "Vacancy" in recipients[scene.admins[1].email].subject
    assert DomainEvent.objects.of_type("vacancy.advertised").filter(area=scene.area).count() == 1


def test_only_staff_advertise_and_only_sector_seats(scene: Scene) -> None:
    with pytest.raises(PermissionDenied):
        actions.advertise_vacancy(scene.admins[0], scene.seat, role_description_en="x")
    scene.seat.kind = "ex_officio"
    scene.seat.save()
    with pytest.raises(ValidationError):
        scene.advertise()
    assert not Vacancy.objects.exists()


def test_one_valid_nominee_is_appointed_unopposed(scene: Scene) -> None:
    vacancy = scene.advertise()
    nomination = scene.nominate(vacancy, 0)
    actions.validate_nomination(scene.staff, nomination, accept=True)
    end_nominations(vacancy)
    actions.close_nominations(scene.staff, vacancy)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    holding = SeatHolding.objects.get(seat=scene.seat)
    assert (holding.person, holding.route) == (nomination.nominee, SeatHolding.Route.UNOPPOSED)
    assert DomainEvent.objects.of_type("representative.appointed").count() == 1


def test_no_valid_nominee_leaves_the_seat_to_advertise_again(scene: Scene) -> None:
    vacancy = scene.advertise()
    nomination = scene.nominate(vacancy, 0)
    actions.validate_nomination(
        scene.staff, nomination, accept=False, reason="Not a member long enough."
    )
    end_nominations(vacancy)
    actions.close_nominations(scene.staff, vacancy)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.NO_NOMINEES
    assert scene.advertise().status == Vacancy.Status.OPEN


def test_rejection_needs_a_reason_that_the_nominee_sees(scene: Scene) -> None:
    vacancy = scene.advertise()
    nomination = scene.nominate(vacancy, 0)
    with pytest.raises(ValidationError):
        actions.validate_nomination(scene.staff, nomination, accept=False, reason="  ")
    actions.validate_nomination(
        scene.staff, nomination, accept=False, reason="Statement is off topic."
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.rejection_reason) == (
        "rejected",
        "Statement is off topic.",
    )


def test_nominations_cannot_close_early_without_a_reason(scene: Scene) -> None:
    vacancy = scene.advertise()
    with pytest.raises(ValidationError, match="reason"):
        actions.close_nominations(scene.staff, vacancy)


def test_election_counts_ballots_and_fills_the_seat(scene: Scene) -> None:
    election = run_to_election(scene, nominees=3)
    assert election.electorate_size == 12
    candidates = {c.position: c for c in election.candidates.all()}
    # 7 rank candidate 1 first; 5 rank candidate 2 first then 1.  1 has a majority.
    for voter in range(12):
        prefs = [1, 3] if voter < 7 else [2, 1]
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], prefs)
    election = _close(election)
    assert election.status == Election.Status.COUNTED
    assert election.ballots_cast == 12
    winner = candidates[1].nomination
    assert SeatHolding.objects.get(seat=scene.seat, route="elected").person == winner.nominee
    candidates[1].refresh_from_db()
    candidates[2].refresh_from_db()
    assert candidates[1].elected and candidates[2].runner_up
    assert election.result["quota"] == "7.00000"  # floor(12 / 2) + 1
    assert election.blt.splitlines()[0] == "3 1"
    assert DomainEvent.objects.of_type("representative.elected").count() == 1
    holding = actions.accept_substitute(scene.admins[1], candidates[2])
    assert holding.role == SeatHolding.Role.SUBSTITUTE


def test_voiding_keeps_everything_and_ends_the_term(scene: Scene) -> None:
    election = run_to_election(scene, nominees=2)
    for voter in range(3):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], [1])
    election = _close(election)
    with pytest.raises(ValidationError):
        actions.void_election(scene.staff, election, "")
    actions.void_election(scene.staff, election, "A candidate was found ineligible.")
    election.refresh_from_db()
    assert election.status == Election.Status.VOID
    assert election.ballots.count() == 3 and election.blt
    assert SeatHolding.objects.get(seat=scene.seat, route="elected").ended_on is not None


def test_report_back_only_by_the_holder_and_only_once(scene: Scene) -> None:
    vacancy = scene.advertise()
    nomination = scene.nominate(vacancy, 0)
    actions.validate_nomination(scene.staff, nomination, accept=True)
    end_nominations(vacancy)
    actions.close_nominations(scene.staff, vacancy)
    holding = SeatHolding.objects.get(seat=scene.seat)
    holding.starts_on = timezone.localdate() - timedelta(days=60)
    holding.save()
    meeting = held_meeting(scene.body, days_ago=30)
    fields: dict[str, Any] = {
        "title_en": "Board agrees new funding timetable",
        "decided_en": "Grants will be decided by March.",
        "meaning_en": "Organisations hear earlier.",
        "ask_en": "Tell us if March is too late.",
    }
    assert [m.pk for m in queries.overdue_meetings(holding, 14, timezone.localdate())] == [
        meeting.pk
    ]
    with pytest.raises(PermissionDenied):
        actions.post_report_back(scene.admins[1], holding, meeting, fields)
    report_back = actions.post_report_back(scene.admins[0], holding, meeting, fields)
    assert queries.overdue_meetings(holding, 14, timezone.localdate()) == []
    assert queries.latest_report_back(scene.body) == report_back
    with pytest.raises(ValidationError):
        actions.post_report_back(scene.admins[0], holding, meeting, fields)
    assert ReportBack.objects.count() == 1
    event = DomainEvent.objects.of_type("reportback.published").get()
    assert event.payload["title_en"] == fields["title_en"] and event.area == scene.area


def test_nomination_status_is_kept_in_history(scene: Scene) -> None:
    vacancy = scene.advertise()
    nomination = scene.nominate(vacancy, 0)
    actions.validate_nomination(scene.staff, nomination, accept=True)
    statuses = list(
        Nomination.history.filter(id=nomination.pk)
        .order_by("history_date")
        .values_list("status", flat=True)
    )  # type: ignore[attr-defined]
    assert statuses == ["submitted", "valid"]
