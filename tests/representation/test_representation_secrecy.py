"""Secret ballots and one vote per elector, proven on the stored data."""

import json
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test import Client
from django.utils import timezone

from commonground.core.models import DomainEvent
from commonground.representation import actions
from commonground.representation.models import Ballot, Election, Elector, HeldBallot
from tests.representation.conftest import Scene, add_members, run_to_election

ROOT = Path(__file__).resolve().parents[2]


def _cast(election: Election) -> int:
    """Ballots cast so far, held or in the box."""
    return (
        HeldBallot.objects.filter(election=election).count()
        + Ballot.objects.filter(election=election).count()
    )


def _vote_and_count(scene: Scene, ballots: list[list[int]]) -> Election:
    election = run_to_election(scene, nominees=3)
    for voter, prefs in enumerate(ballots):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], prefs)
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    actions.close_voting(scene.staff, election)
    return actions.record_result(election)


@pytest.mark.django_db
def test_no_stored_record_links_a_ballot_to_its_voter(scene: Scene) -> None:
    election = run_to_election(scene, nominees=3)
    events_before = DomainEvent.objects.count()
    for voter, prefs in enumerate([[1, 2], [2, 1], [3], [1, 3, 2], [2]]):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], prefs)
    # Voting writes no domain event (which would carry an actor and a time).
    assert DomainEvent.objects.count() == events_before

    # Holding and the box hold the election and the preferences, under a random key.
    for model in (HeldBallot, Ballot):
        ballot_fields = {f.name: f for f in model._meta.concrete_fields}
        assert set(ballot_fields) == {"id", "election", "preferences"}
        assert isinstance(ballot_fields["id"], models.UUIDField)
        assert ballot_fields["id"].default is uuid.uuid4
    # The roll records only whether an elector has voted: no time, no link to a ballot.
    elector_fields = {f.name for f in Elector._meta.concrete_fields}
    assert elector_fields == {"id", "election", "organisation", "person", "has_voted"}
    for model in (HeldBallot, Ballot, Elector):
        assert not any(
            isinstance(f, models.DateField | models.DateTimeField)
            for f in model._meta.concrete_fields
        )

    # No model keeps history of, or points at, ballots or electors.
    for model in apps.get_models():
        assert model.__name__ not in {
            "HistoricalBallot",
            "HistoricalHeldBallot",
            "HistoricalElector",
        }
        for field in model._meta.concrete_fields:
            if field.is_relation and model not in (Ballot, HeldBallot):
                assert (
                    field.related_model not in (Ballot, HeldBallot, Elector) or model is Elector
                ), (
                    model,
                    field,
                )

    # Closing seals the box; no column of any table, read as text, contains a ballot's key.
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    actions.close_voting(scene.staff, election)
    assert not HeldBallot.objects.exists()
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("id", flat=True)}
    assert len(ballot_ids) == 5
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == Ballot._meta.db_table:
                continue
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = " ".join(str(v) for v in row)
                assert not any(b in text for b in ballot_ids), (table, columns)


@pytest.mark.django_db
def test_ballot_rules_refuse_bad_ballots_and_second_votes(scene: Scene) -> None:
    election = run_to_election(scene, nominees=3)
    voter, org = scene.admins[0], scene.organisations[0]
    for bad in ([], [4], [1, 1], [0]):
        with pytest.raises(ValidationError):
            actions.cast_ballot(voter, election, org, bad)
    actions.cast_ballot(voter, election, org, [1])
    with pytest.raises(ValidationError, match="already been cast"):
        actions.cast_ballot(voter, election, org, [2])
    assert _cast(election) == 1
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    election.refresh_from_db()
    with pytest.raises(ValidationError, match="Voting is open from"):
        actions.cast_ballot(scene.admins[1], election, scene.organisations[1], [1])
    assert _cast(election) == 1


@pytest.mark.django_db
def test_downloaded_blt_recounts_to_the_published_result(scene: Scene, tmp_path: Path) -> None:
    election = _vote_and_count(scene, [[1, 2], [1], [2, 3], [3, 2], [2, 1], [1, 3], [3, 1]])
    response = Client().get(f"/representation/elections/{election.pk}/ballots.blt")
    assert response.status_code == 200
    path = tmp_path / "election.blt"
    path.write_bytes(response.content)
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "commonground.voting",
            "count",
            str(path),
            "--rule",
            election.method,
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    recount = json.loads(output.stdout)
    assert recount["elected"] == election.result["elected"]
    assert recount["rounds"] == election.result["rounds"]


def _concurrent(calls: list[Any]) -> list[str]:
    """Run each call on its own thread and database connection; report how each ended."""

    def run(call: Any) -> str:
        try:
            call()
            return "ok"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=40) as pool:
        return list(pool.map(run, calls))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is proven on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_from_one_organisation_leave_one_ballot(scene: Scene) -> None:
    election = run_to_election(scene, nominees=3)
    voter, org = scene.admins[0], scene.organisations[0]
    outcomes = _concurrent([lambda: actions.cast_ballot(voter, election, org, [1, 2])] * 200)
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == 199
    assert _cast(election) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is proven on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_from_200_organisations_leave_200_ballots(
    scene: Scene, make_organisation: Any, make_user: Any
) -> None:
    add_members(scene, 200 - len(scene.organisations), make_organisation, make_user)
    election = run_to_election(scene, nominees=3)
    assert election.electorate_size == 200
    calls = [
        (lambda u=u, o=o, n=n: actions.cast_ballot(u, election, o, [1 + n % 3]))
        for n, (u, o) in enumerate(zip(scene.admins, scene.organisations, strict=True))
    ]
    outcomes = _concurrent(calls)
    assert outcomes.count("ok") == 200
    assert _cast(election) == 200
    assert Elector.objects.filter(election=election, has_voted=True).count() == 200


# The attack of issue 19: the elector's update and the ballot's insert carried one transaction id.
XMIN_LINK = """
    SELECT o.slug, b.preferences FROM representation_elector e
    JOIN representation_ballot b ON b.xmin::text = e.xmin::text
    JOIN core_organisation o ON o.id = e.organisation_id WHERE e.has_voted AND e.election_id = %s
"""


def _box_in_physical_order(election: Election) -> list[list[int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT preferences FROM representation_ballot WHERE election_id = %s ORDER BY ctid",
            [election.pk],
        )
        return [json.loads(p) if isinstance(p, str) else p for (p,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="system columns are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_no_system_column_or_physical_order_links_a_ballot_to_its_voter(scene: Scene) -> None:
    election = run_to_election(scene, nominees=3)
    # Twelve different ballots, cast one voter after another, each in its own transaction.
    choices = [[1], [2], [3], [1, 2], [1, 3], [2, 1], [2, 3], [3, 1], [3, 2], [1, 2, 3]]
    choices += [[2, 3, 1], [3, 1, 2]]
    for voter, prefs in enumerate(choices):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], prefs)
    with connection.cursor() as cursor:
        cursor.execute(XMIN_LINK, [election.pk])
        assert cursor.fetchall() == []
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    actions.close_voting(scene.staff, election)

    with connection.cursor() as cursor:
        cursor.execute(XMIN_LINK, [election.pk])
        assert cursor.fetchall() == []
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM representation_ballot WHERE election_id = %s",
            [election.pk],
        )
        box_xmins = {x for (x,) in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM representation_elector WHERE election_id = %s",
            [election.pk],
        )
        assert not box_xmins & {x for (x,) in cursor.fetchall()}
    # Every ballot is in the box once, and neither physical order nor key order is voting order.
    in_box = _box_in_physical_order(election)
    assert sorted(in_box) == sorted(choices)
    assert in_box != choices
    assert [b.preferences for b in Ballot.objects.filter(election=election)] != choices
    assert actions.record_result(election).ballots_cast == len(choices)
