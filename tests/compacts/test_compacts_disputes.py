"""Disputes: anyone raises a concern, anonymously if they wish, and follows it by its
reference; stages with working-day limits; every step kept; overdue flagged; outcomes
published in summary. An anonymous concern leaves nothing of its reporter in any table."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client

from commonground.compacts import actions, queries
from commonground.compacts.findings import run_compact
from commonground.compacts.models import Compact, Dispute, DisputeStep
from commonground.core.models import DomainEvent, Organisation, User

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"


def _rows() -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every table, as text, except the session table (checked on its own)."""
    found: dict[str, set[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_session":
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            found[table] = {tuple(str(v) for v in row) for row in cursor.fetchall()}
    return found


def _user_columns() -> dict[str, list[int]]:
    """For each table, the positions of the columns that point at an account."""
    found: dict[str, list[int]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            relations = connection.introspection.get_relations(cursor, table)
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            found[table] = [
                columns.index(col)
                for col, (_, target) in relations.items()
                if target == "core_user"
            ]
    return found


def test_an_anonymous_concern_stores_no_user_session_or_address_in_any_table(
    compact: Compact, make_user: Callable[..., User], charity: Organisation
) -> None:
    reporter = make_user(member_of=charity)
    client = Client(REMOTE_ADDR=IP, HTTP_USER_AGENT="ReporterBrowser/1.0")
    client.force_login(reporter)
    session_key = client.session.session_key
    assert session_key
    before = _rows()
    response = client.post(
        f"/compacts/{compact.pk}/concern/",
        {"summary": "The council cut our grant with two weeks' notice.", "anonymous": "yes"},
    )
    assert response.status_code == 302
    dispute = Dispute.objects.get()
    assert response["Location"].endswith(f"/concerns/{dispute.reference}/")
    assert dispute.anonymous and dispute.reporter_id is None
    assert dispute.reporter_organisation_id is None

    after = _rows()
    new = {t: after[t] - before.get(t, set()) for t in after}
    assert new["compacts_dispute"] and new["compacts_disputestep"]
    identifiers = {
        reporter.email,
        session_key,
        IP,
        "ReporterBrowser",
        reporter.person.family_name,
        charity.name_en,
        charity.slug,
    }
    user_columns = _user_columns()
    for table, rows in new.items():
        for row in rows:
            text = " ".join(row)
            assert not [i for i in identifiers if i in text], (table, row)
            for position in user_columns.get(table, []):
                assert row[position] != str(reporter.pk), (table, row)
    assert DomainEvent.objects.get(type="dispute.raised").actor_id is None
    # The session is the reporter's own sign-in; it holds nothing of the concern.
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        assert all(dispute.reference not in row[0] for row in cursor.fetchall())


def test_the_reporter_follows_the_concern_by_its_reference_and_adds_a_message(
    compact: Compact,
) -> None:
    client = Client()
    client.post(f"/compacts/{compact.pk}/concern/", {"summary": "No reply", "anonymous": "yes"})
    dispute = Dispute.objects.get()
    found = client.get("/compacts/follow/", {"reference": dispute.reference.lower()})
    assert found.status_code == 302 and found["Location"].endswith(f"/{dispute.reference}/")
    unknown = client.get("/compacts/follow/", {"reference": "D-NOTAREAL"})
    assert unknown.status_code == 400
    assert "No concern has that reference" in unknown.content.decode()
    page = client.get(dispute.get_absolute_url())
    assert "Informal resolution" in page.content.decode()
    client.post(dispute.get_absolute_url(), {"text": "Any news?"})
    step = DisputeStep.objects.get(kind="message")
    assert step.text == "Any news?" and step.by_id is None


def test_an_empty_concern_is_refused_with_a_message_and_nothing_written(compact: Compact) -> None:
    response = Client().post(
        f"/compacts/{compact.pk}/concern/", {"summary": " ", "anonymous": "yes"}
    )
    assert response.status_code == 400
    assert "Enter a value for ‘What is your concern?’" in response.content.decode()
    welsh = Client().post(f"/cy/compacts/{compact.pk}/concern/", {"summary": "x"})
    assert welsh.status_code == 400
    assert Dispute.objects.count() == 0


def test_stages_move_with_every_step_kept_overdue_flagged_and_the_outcome_published(
    compact: Compact,
    staff: User,
    make_agreement: Callable[..., Any],
    make_user: Callable[..., User],
) -> None:
    make_agreement(fcr_allowed=False)
    [finding] = run_compact(compact)
    raised_on = date(2026, 11, 2)  # a Monday
    dispute = actions.raise_concern(
        None, compact, "Overheads refused", anonymous=True, finding=finding, today=raised_on
    )
    assert dispute.stage is not None and dispute.stage.key == "informal"
    assert dispute.stage.working_days == 20
    view = queries.dispute_view(dispute, today=date(2026, 11, 30))
    assert view.due_on == date(2026, 11, 30) and not view.overdue
    assert queries.dispute_view(dispute, today=date(2026, 12, 1)).overdue

    with pytest.raises(PermissionDenied):
        actions.move_dispute(make_user(), dispute, compact.stages.get(key="mediation"), "")
    mediation = compact.stages.get(key="mediation")
    actions.move_dispute(
        staff, dispute, mediation, "No agreement at liaison", today=date(2026, 12, 1)
    )
    actions.add_message(staff, dispute, "Mediator appointed")
    with pytest.raises(ValidationError):
        actions.resolve_dispute(staff, dispute, " ")
    actions.resolve_dispute(
        staff, dispute, "The council will fund a share of overheads from April."
    )
    kinds = list(dispute.steps.values_list("kind", flat=True))
    assert kinds == ["raised", "moved", "message", "resolved"]
    health = queries.health(compact)
    assert [d.outcome for d in health.published_outcomes] == [
        "The council will fund a share of overheads from April."
    ]
    public = Client().get(compact.get_absolute_url()).content.decode()
    assert "The council will fund a share of overheads from April." in public
    assert dispute.reference not in public  # the reference is the reporter's key
