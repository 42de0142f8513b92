"""The command, the API and the event-log listener serve and refresh the same findings."""

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from commonground.compacts import actions
from commonground.compacts.models import Compact, Finding
from commonground.core.models import User

pytestmark = pytest.mark.django_db


def _command(*args: str) -> Any:
    out = io.StringIO()
    call_command("run_compact_rules", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_findings_as_json_and_the_api_serves_the_same(
    compact: Compact, make_agreement: Callable[..., Any]
) -> None:
    refused = make_agreement(fcr_allowed=False)
    printed = json.loads(_command("--area", "ceredigion", "--json"))
    [only] = [f for f in printed if f["rule"] == "funding.full_cost_recovery"]
    assert only["record"] == {
        "type": "funding.agreement",
        "id": refused.pk,
        "title": refused.title,
        "url": refused.get_absolute_url(),
    }
    assert only["severity"] == "breach" and only["status"] == "open"
    assert only["evidence"]["url"] == refused.get_absolute_url()
    assert only["evidence"]["values"] == {"fcr_allowed": False, "expected": True}
    served = Client().get(f"/api/compacts/{compact.pk}/findings").json()
    assert served == printed
    assert json.loads(_command("--json")) == printed  # idempotent: nothing changed


def test_the_command_refuses_an_unknown_area(compact: Compact) -> None:
    with pytest.raises(CommandError, match="No area"):
        _command("--area", "atlantis")


def test_a_change_through_another_apps_verb_reruns_the_rules(
    compact: Compact,
    staff: User,
    make_agreement: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    refused = make_agreement(fcr_allowed=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_review(staff, compact, compact.last_reviewed_on)
    assert Finding.objects.filter(record_id=refused.pk, resolved_at__isnull=True).count() == 1
    refused.fcr_allowed = True
    refused.save()
    from commonground.core.events import emit
    from commonground.funding.event_types import AgreementVaried

    with django_capture_on_commit_callbacks(execute=True):
        emit(
            AgreementVaried(
                agreement=refused,
                varied_on="2026-12-01",
                reason="FCR",
                changed_fields=["fcr_allowed"],
            )
        )
    assert not Finding.objects.filter(resolved_at__isnull=True).exists()


def test_the_api_lists_compacts_packs_and_disputes_without_references(compact: Compact) -> None:
    client = Client()
    [listed] = client.get("/api/compacts").json()
    assert listed["slug"] == "ceredigion-compact" and listed["packs"] == ["model-local-compact"]
    assert listed["parameters"]["consultation.minimum_period"] == {"minimum_weeks": 12}
    assert {p["id"] for p in client.get("/api/compacts/packs").json()} >= {
        "england-compact-2010",
        "wales-funding-code-2014",
        "model-local-compact",
    }
    pack = client.get("/api/compacts/packs/england-compact-2010").json()
    assert pack["commitments"][0]["parameters"]["minimum_weeks"]["default"] == 12
    assert client.get("/api/compacts/packs/nope").status_code == 404
    dispute = actions.raise_concern(None, compact, "Late", anonymous=True)
    body = client.get(f"/api/compacts/{compact.pk}/disputes").text
    assert dispute.reference not in body and '"informal"' in body
