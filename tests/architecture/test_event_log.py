"""The event log sees every elected holder, substitute, imported and edited organisation,
with its subject and area: programme monitoring counts evidence from it (PRODUCT.md C9)."""

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from commonground.core import actions as core_actions
from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.directory import imports
from commonground.partnerships.models import SeatHolding
from commonground.representation import actions
from tests.representation.conftest import build_scene, run_to_election

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "standards" / "oruk" / "examples"


def _events(kind: str) -> list[DomainEvent]:
    return list(DomainEvent.objects.of_type(kind).order_by("pk"))


def test_a_whole_election_leaves_its_holders_in_the_log(
    area: Area, make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> None:
    scene = build_scene(area, make_organisation, make_user)
    election = run_to_election(scene, nominees=3)
    # Seven voters put candidate 1 first, five candidate 2: 1 is elected, 2 is runner-up.
    for voter in range(12):
        preferences = [1, 3] if voter < 7 else [2, 1]
        actions.cast_ballot(
            scene.admins[voter], election, scene.organisations[voter], preferences
        )
    election.closes_at = timezone.now() - timedelta(seconds=1)
    election.save()
    actions.close_voting(None, election)
    actions.record_result(election)
    runner_up = election.candidates.get(runner_up=True)
    actions.accept_substitute(scene.admins[runner_up.position - 1], runner_up)

    assert [len(_events(k)) for k in ("nomination.received", "nomination.validated")] == [3, 3]
    assert len(_events("election.voting_opened")) == len(_events("election.voting_closed")) == 1
    elected = _events("representative.elected")
    assert len(elected) == 1 and elected[0].area == area
    started = _events("seat_holding.started")
    holdings = SeatHolding.objects.filter(seat=scene.seat).order_by("pk")
    assert [(e.subject_type, e.subject_id) for e in started] == [
        ("partnerships.seatholding", str(h.pk)) for h in holdings
    ]
    assert [h.role for h in holdings] == [SeatHolding.Role.HOLDER, SeatHolding.Role.SUBSTITUTE]
    assert all(e.area == area for e in started)
    # The holder's term is the seat's rule: three years less a day.
    holder = holdings[0]
    assert holder.ends_on == holder.starts_on.replace(year=holder.starts_on.year + 3) - timedelta(
        days=1
    )
    # Twelve ballots went in, and none of them is in the log.
    assert election.ballots.count() == 12
    assert not DomainEvent.objects.filter(type__startswith="ballot").exists()


def test_an_import_and_an_edit_leave_each_organisation_in_the_log(
    area: Area, make_user: Callable[..., User]
) -> None:
    document = json.loads((EXAMPLES / "service_full.json").read_text())
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "first.json")
    organisation = Organisation.objects.get(directory_profile__pk=document["organization"]["id"])
    created = _events("organisation.created")
    assert [(e.subject_type, e.subject_id, e.area, e.organisation) for e in created] == [
        ("core.organisation", str(organisation.pk), area, organisation)
    ]
    assert created[0].actor_kind == "system"

    document["organization"]["name"] = "Renamed by the second import"
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "second.json")
    updated = _events("organisation.updated")
    assert [(e.subject_id, e.payload["changed_fields"]) for e in updated] == [
        (str(organisation.pk), ["name_en"])
    ]

    staff = make_user(role=("infrastructure_staff", area))
    core_actions.update_organisation(staff, organisation, {"phone": "01970 000000"})
    edit = _events("organisation.updated")[-1]
    assert (edit.subject_id, edit.actor_kind, edit.area) == (str(organisation.pk), "person", area)
