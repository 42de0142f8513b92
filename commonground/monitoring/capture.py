"""Automatic capture: the listener that turns platform events into evidence records.

Capture rules are data (staff edit them): an event type, an indicator and conditions. For
each event of a type in ``CAPTURABLE`` this listener finds the active rules of programmes
whose period holds the event's date and whose areas hold its area, and records one evidence
record per rule, linked to the event. ``Evidence`` is unique per indicator and event, so an
event heard twice, or replayed from the log with ``replay``, adds nothing.

The delivery partner is the organisation behind the event when it is one of the
programme's partners, else the area's infrastructure body when that is one (MtC officers
worked in the County Voluntary Councils, 000 T8 inputs).
"""

import logging
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from commonground.core.events import subscribe
from commonground.core.models import DomainEvent, Organisation
from commonground.monitoring import actions
from commonground.monitoring.models import CaptureRule, Evidence

logger = logging.getLogger(__name__)

# The domain events evidence can be captured from (000 T7, PRODUCT.md C9).
CAPTURABLE = {
    "digest.sent": _("A digest was sent"),
    "reportback.published": _("A report-back was published"),
    "consortium.agreement_signed": _("A consortium agreement was signed"),
    "event.attendance_recorded": _("Attendance was recorded at an event"),
    "event.held": _("An event was held"),
    "consultation.response_submitted": _("A consultation response was submitted"),
}


def _subject(record: DomainEvent) -> Any:
    if not record.subject_type or not record.subject_id:
        return None
    try:
        model = apps.get_model(record.subject_type)
    except (LookupError, ValueError):
        return None
    return model._default_manager.filter(pk=record.subject_id).first()


def matches(rule: CaptureRule, record: DomainEvent) -> bool:
    """Every condition holds: by the payload's value, else the subject record's attribute.
    A list of values means any of them."""
    subject: Any = None
    for name, wanted in (rule.conditions or {}).items():
        if name in record.payload:
            value = record.payload[name]
        else:
            if subject is None:
                subject = _subject(record) or False
            value = getattr(subject, name, None) if subject else None
        if isinstance(wanted, list):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


def _partner(partners: set[int], record: DomainEvent) -> Organisation | None:
    if record.organisation_id in partners:
        return record.organisation
    body = record.area.infrastructure_body if record.area is not None else None
    return body if body is not None and body.pk in partners else None


def capture_event(record: DomainEvent) -> list[Evidence]:
    """Record the evidence ``record`` gives under every rule it matches; none twice."""
    day = record.occurred_at.date()
    rules = CaptureRule.objects.filter(
        event_type=record.type,
        active=True,
        programme__period_start__lte=day,
        programme__period_end__gte=day,
    ).select_related("programme", "indicator")
    made = []
    for rule in rules:
        programme = rule.programme
        area_ids = set(programme.areas.values_list("pk", flat=True))
        if area_ids and record.area_id not in area_ids:
            continue
        if not matches(rule, record):
            continue
        quantity = 1
        if rule.quantity_field:
            raw = record.payload.get(rule.quantity_field)
            quantity = raw if isinstance(raw, int) and raw >= 0 else 0
            if quantity == 0:
                continue  # nobody came: nothing to count
        partners = set(programme.delivery_partners.values_list("pk", flat=True))
        data = actions.EvidenceData(
            indicator=rule.indicator,
            date=day,
            status=rule.status,
            quantity=quantity,
            area=record.area,
            delivery_partner=_partner(partners, record),
            organisation=record.organisation,
            reason=str(_("Captured as in the pipeline until staff confirm it."))
            if rule.status != Evidence.Status.ELIGIBLE
            else "",
            source_url=f"event:{record.pk}",
        )
        evidence = actions.capture(rule, record, data)
        if evidence is not None:
            made.append(evidence)
    return made


def replay(event_type: str | None = None) -> int:
    """Run every logged event of the capturable types through the rules again (after a rule
    is added or changed). Returns how many records were added."""
    types = [event_type] if event_type else list(CAPTURABLE)
    return sum(len(capture_event(r)) for r in DomainEvent.objects.of_type(*types).iterator())


def _listener(event: Any, record: DomainEvent) -> None:
    capture_event(record)


for _name in CAPTURABLE:
    subscribe(_name)(_listener)
