"""A count never sticks: awkward names count, and a failed count is shown to staff and retried."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from commonground.representation import actions
from commonground.representation.models import Ballot, Election
from commonground.voting import blt
from tests.representation.conftest import Scene, run_to_election

pytestmark = pytest.mark.django_db


def _close(scene: Scene, election: Election) -> Election:
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    return actions.close_voting(scene.staff, election)


def test_a_quote_or_newline_in_a_name_does_not_block_the_count(scene: Scene) -> None:
    # Issue 19, finding 7: any candidate's organisation admin can choose these names.
    scene.organisations[0].name_en = 'The "Quoted" Trust'
    scene.organisations[0].save()
    person = scene.admins[1].person
    assert person is not None
    person.family_name = "Jones\nEvans"
    person.save()
    election = run_to_election(scene, nominees=3)
    for voter, prefs in enumerate([[1, 2], [2], [1], [3, 1]]):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], prefs)
    election = actions.record_result(_close(scene, election))
    assert election.status == Election.Status.COUNTED
    names = blt.parse(election.blt).candidates
    assert any('The "Quoted" Trust' in n for n in names)
    assert any("Jones\nEvans" in n for n in names)


def test_a_failed_count_is_shown_to_staff_and_can_be_retried(
    scene: Scene, django_capture_on_commit_callbacks: Any
) -> None:
    election = run_to_election(scene, nominees=3)
    for voter in range(3):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], [1])
    election = _close(scene, election)
    # A ballot the counting library refuses (a candidate who is not standing) breaks the count.
    bad = Ballot.objects.create(election=election, preferences=[9])
    election = actions.record_result(election)
    assert election.status == Election.Status.COUNT_FAILED
    assert election.count_error

    staff = Client()
    staff.force_login(scene.staff)
    page = staff.get(election.get_absolute_url()).content.decode()
    assert "Count failed" in page and election.count_error in page
    assert "Retry the count" in page
    public = Client().get(election.get_absolute_url()).content.decode()
    assert "Count failed" in public and "Retry the count" not in public

    # Outsiders cannot retry; staff can, once the fault is put right.
    voter = Client()
    voter.force_login(scene.admins[0])
    voter.post(f"/representation/elections/{election.pk}/recount/")
    election.refresh_from_db()
    assert election.status == Election.Status.COUNT_FAILED
    bad.delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/representation/elections/{election.pk}/recount/")
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == Election.Status.COUNTED and election.ballots_cast == 3
    assert election.count_error == ""


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_the_count_sheet_reads_in_the_page_language(scene: Scene, prefix: str) -> None:
    """Issue 11, defect 6: on /cy/ the count sheet, as a table and as text, is in Welsh,
    with the counting rule named in words; in English it names the rule in words too."""
    election = run_to_election(scene, nominees=3)
    for voter, prefs in enumerate([[1, 2], [2, 3], [1], [3, 2]]):
        actions.cast_ballot(scene.admins[voter], election, scene.organisations[voter], prefs)
    election = actions.record_result(_close(scene, election))
    client = Client()
    page = client.get(f"{prefix}{election.get_absolute_url()}").content.decode()
    sheet = page.split('class="cg-count-sheet"')[1].split("</table>")[0]
    text_url = f"{prefix}/representation/elections/{election.pk}/count-sheet.txt"
    assert f'href="{text_url}"' in page
    text = client.get(text_url).content.decode()
    if prefix == "/cy":
        assert ">Ymgeisydd<" in sheet and ">Rownd 0<" in sheet and "Cyfanswm" in sheet
        assert "Pleidlais sengl drosglwyddadwy (rheolau&#x27;r Alban), 1 sedd" in sheet
        for english in ("Candidate", "Round", "excluded", "seat(s)", "scottish", "Total"):
            assert english not in sheet, english
        assert "Rownd 0:" in text and "Cyfrifwyd y dewisiadau cyntaf" in text
        for english in ("Round", "Election:", "Quota:", "Begin count", "Count complete"):
            assert english not in text, english
    else:
        assert ">Candidate<" in sheet and ">Round 0<" in sheet
        assert "— Single transferable vote (Scottish rules), 1 seat," in sheet
        assert "Round 0:" in text and "Begin count" in text
