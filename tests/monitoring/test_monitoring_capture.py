"""Automatic capture: a digest sent, an attendance recorded and an agreement signed each give
exactly one evidence record for the right indicator, area and partner, also on replay."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from commonground.commissioning import actions as commissioning
from commonground.commissioning.models import Opportunity
from commonground.core.events import emit
from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.engagement import actions as engagement
from commonground.engagement.event_types import DigestSent
from commonground.engagement.models import Event
from commonground.monitoring import capture
from commonground.monitoring.models import CaptureRule, Evidence, Programme

pytestmark = pytest.mark.django_db


def _rule(programme: Programme, event_type: str, code: str, **extra: Any) -> CaptureRule:
    return CaptureRule.objects.create(
        programme=programme,
        indicator=programme.indicators.get(code=code),
        event_type=event_type,
        **extra,
    )


def _replay_is_idempotent(record: DomainEvent) -> None:
    assert capture.capture_event(record) == []
    capture.replay()
    assert Evidence.objects.filter(source_event=record).count() == 1


def test_a_digest_sent_is_one_dissemination_initiative(
    programme: Programme, area: Area, cvc: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    _rule(programme, "digest.sent", "dissemination")
    with django_capture_on_commit_callbacks(execute=True):
        record = emit(
            DigestSent(for_area=area, period="2026-W49", frequency="weekly", recipients=40)
        )
    evidence = Evidence.objects.get()
    assert evidence.indicator.code == "dissemination"
    assert evidence.area == area and evidence.delivery_partner == cvc  # the area's CVC delivers
    assert evidence.source_event == record and evidence.status == "eligible"
    assert evidence.quantity == 1
    _replay_is_idempotent(record)


def test_a_digest_for_an_area_outside_the_programme_is_not_evidence(
    programme: Programme, django_capture_on_commit_callbacks: Any
) -> None:
    _rule(programme, "digest.sent", "dissemination")
    cardiff = Area.objects.get(code="W06000015")
    with django_capture_on_commit_callbacks(execute=True):
        emit(DigestSent(for_area=cardiff, period="2026-W49", frequency="weekly", recipients=4))
    assert not Evidence.objects.exists()


def test_attendance_at_a_training_event_is_one_record_and_a_forum_is_not(
    programme: Programme,
    area: Area,
    cvc: Organisation,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _rule(programme, "event.attendance_recorded", "trained", conditions={"kind": "training"})
    organiser = make_user(admin_of=cvc)
    records = []
    for kind in ("training", "forum"):
        start = timezone.now() + timedelta(days=1)
        event = engagement.create_event(
            organiser,
            cvc,
            {
                "kind": kind,
                "title_en": f"{kind} day",
                "location": "Aberaeron",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "capacity": 10,
            },
        )
        people = [make_user(), make_user()]
        for person in people:
            engagement.register_for_event(person, event)
        Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
        event.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            engagement.record_attendance(organiser, event, [p.pk for p in people])
        records.append(DomainEvent.objects.of_type("event.attendance_recorded").latest("pk"))
    evidence = Evidence.objects.get()  # the forum did not match the rule's condition
    assert evidence.source_event == records[0]
    assert evidence.indicator.code == "trained"
    assert evidence.area == area and evidence.delivery_partner == cvc
    assert evidence.organisation == cvc
    _replay_is_idempotent(records[0])


def test_a_signed_consortium_agreement_is_one_collaborative_agreement(
    programme: Programme,
    area: Area,
    cvc: Organisation,
    hubs: Opportunity,
    charity: Organisation,
    make_organisation: Callable[..., Organisation],
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _rule(programme, "consortium.agreement_signed", "agreements")
    advice = make_organisation(name_en="Ceredigion Advice")
    lead_admin, advice_admin = make_user(admin_of=charity), make_user(admin_of=advice)
    consortium = commissioning.propose_consortium(
        lead_admin, hubs, charity, "Food and Advice", [advice]
    )
    commissioning.set_member(lead_admin, consortium, charity, "Lead", Decimal("60"))
    commissioning.set_member(lead_admin, consortium, advice, "Advice", Decimal("40"))
    commissioning.answer_invitation(
        advice_admin, consortium.members.get(organisation=advice), accept=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        commissioning.sign_agreement(
            lead_admin, consortium, timezone.localdate(), "We agree to bid together."
        )
    record = DomainEvent.objects.of_type("consortium.agreement_signed").get()
    evidence = Evidence.objects.get()
    assert evidence.indicator.code == "agreements"
    assert evidence.area == area and evidence.delivery_partner == cvc
    assert evidence.organisation == charity  # the consortium's lead
    assert evidence.source_event == record
    _replay_is_idempotent(record)


def test_a_rule_added_later_captures_past_events_once(
    programme: Programme, area: Area, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        record = emit(
            DigestSent(for_area=area, period="2026-W48", frequency="weekly", recipients=3)
        )
    assert not Evidence.objects.exists()
    _rule(programme, "digest.sent", "dissemination", status="pipeline")
    assert capture.replay() == 1
    assert capture.replay() == 0
    evidence = Evidence.objects.get(source_event=record)
    assert evidence.status == "pipeline" and evidence.reason  # pipeline always has a reason
