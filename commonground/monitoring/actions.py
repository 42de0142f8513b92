"""Every change in programme monitoring goes through one of these verbs.

Each checks permission, writes in one transaction with the actor in the history, and emits
the domain event. Invalid input raises ``ValidationError`` before anything is written.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from commonground.core.events import emit
from commonground.core.history import delete_with_history, save_with_history
from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.core.permissions import require
from commonground.monitoring import event_types
from commonground.monitoring.eligibility import status_problems
from commonground.monitoring.logic_model import ParsedModel
from commonground.monitoring.models import (
    CaptureRule,
    Evidence,
    Indicator,
    Programme,
    Strand,
    Target,
)

Status = Evidence.Status


@transaction.atomic
def load_logic_model(actor: User | None, model: ParsedModel) -> Programme:
    """Create or replace the programme ``model.slug`` and its logic model. Indicators keep
    their identity by code (their evidence stays theirs); one no longer in the model is
    removed unless evidence was recorded against it, which is refused."""
    if actor is not None:
        require(actor, "monitoring.manage_programmes")
    programme = Programme.objects.filter(slug=model.slug).first() or Programme(slug=model.slug)
    programme.title_en, programme.title_cy = model.title_en, model.title_cy
    programme.period_start, programme.period_end = model.period_start, model.period_end
    programme.inputs = model.inputs
    save_with_history(
        programme,
        actor,
        "Logic model loaded",
        m2m={
            "funders": model.funders,
            "delivery_partners": model.delivery_partners,
            "areas": model.areas,
        },
    )
    wanted = {i.code for s in model.strands for i in s.indicators}
    stale = programme.indicators.exclude(code__in=wanted)
    if Evidence.objects.filter(indicator__in=stale).exists():
        codes = ", ".join(
            sorted(stale.filter(evidence__isnull=False).values_list("code", flat=True).distinct())
        )
        raise ValidationError(
            _("These indicators have evidence and cannot be left out: %(codes)s.")
            % {"codes": codes}
        )
    for indicator in stale:
        delete_with_history(indicator, actor, "Left out of the logic model")
    by_code: dict[str, Indicator] = {}
    for s_pos, parsed in enumerate(model.strands):
        strand = programme.strands.filter(code=parsed.code).first() or Strand(
            programme=programme, code=parsed.code
        )
        strand.position, strand.title_en, strand.title_cy = s_pos, parsed.title_en, parsed.title_cy
        strand.activities, strand.results, strand.impacts = (
            parsed.activities,
            parsed.results,
            parsed.impacts,
        )
        save_with_history(strand, actor, "Logic model loaded")
        for i_pos, ind in enumerate(parsed.indicators):
            indicator = programme.indicators.filter(code=ind.code).first() or Indicator(
                programme=programme, code=ind.code
            )
            indicator.strand, indicator.position = strand, i_pos
            indicator.title_en, indicator.title_cy = ind.title_en, ind.title_cy
            indicator.kind, indicator.unit = ind.kind, ind.unit
            indicator.numerator = indicator.denominator = None
            save_with_history(indicator, actor, "Logic model loaded")
            for target in indicator.targets.all():
                delete_with_history(target, actor, "Logic model loaded")
            for t in ind.targets:
                save_with_history(
                    Target(
                        indicator=indicator,
                        period_start=t.period_start,
                        period_end=t.period_end,
                        area=t.area,
                        delivery_partner=t.delivery_partner,
                        value=t.value,
                    ),
                    actor,
                    "Logic model loaded",
                )
            by_code[ind.code] = indicator
    for parsed in model.strands:
        for ind in parsed.indicators:
            if ind.numerator or ind.denominator:
                indicator = by_code[ind.code]
                indicator.numerator = by_code.get(ind.numerator)
                indicator.denominator = by_code.get(ind.denominator)
                save_with_history(indicator, actor, "Percentage base")
    programme.strands.exclude(code__in=[s.code for s in model.strands]).delete()
    emit(
        event_types.LogicModelImported(
            programme=programme, strands=len(model.strands), indicators=len(by_code)
        ),
        actor=actor,
    )
    return programme


@dataclass
class EvidenceData:
    indicator: Indicator
    date: date
    status: str
    quantity: int = 1
    area: Area | None = None
    delivery_partner: Organisation | None = None
    organisation: Organisation | None = None
    organisation_ref: str = ""
    person_ref: str = ""
    reason: str = ""
    source_ref: str = ""
    source_url: str = ""


def _new(programme: Programme, data: EvidenceData, **source: Any) -> Evidence:
    return Evidence(
        programme=programme,
        indicator=data.indicator,
        date=data.date,
        area=data.area,
        delivery_partner=data.delivery_partner,
        organisation=data.organisation,
        organisation_ref=data.organisation.slug if data.organisation else data.organisation_ref,
        person_ref=data.person_ref,
        quantity=data.quantity,
        status=data.status,
        reason=data.reason.strip(),
        source_ref=data.source_ref,
        source_url=data.source_url,
        **source,
    )


@transaction.atomic
def record_evidence(actor: User, programme: Programme, data: EvidenceData) -> Evidence:
    """Staff enter one record by hand."""
    require(actor, "monitoring.manage_programmes")
    errors = status_problems(data.status, data.reason)
    if data.indicator.programme_id != programme.pk:
        errors["indicator"] = _("Choose an indicator of this programme.")
    if errors:
        raise ValidationError(errors)
    evidence = _new(programme, data, entered_by=actor)
    save_with_history(evidence, actor, "Entered")
    emit(
        event_types.EvidenceRecorded(
            evidence=evidence, indicator=data.indicator.code, status=data.status, source="entered"
        ),
        actor=actor,
    )
    return evidence


def import_records(
    actor: User | None, programme: Programme, rows: list[EvidenceData]
) -> tuple[int, int]:
    """Add the rows not already recorded (by ``source_ref``), in the caller's transaction.
    Returns (added, unchanged)."""
    if actor is not None:
        require(actor, "monitoring.manage_programmes")
    known = set(programme.evidence.exclude(source_ref="").values_list("source_ref", flat=True))
    added = []
    for data in rows:
        if data.source_ref and data.source_ref in known:
            continue
        if data.source_ref:
            known.add(data.source_ref)
        added.append(_new(programme, data, imported=True, entered_by=actor))
    person = actor if actor is not None and actor.is_authenticated else None
    bulk_create_with_history(
        added, Evidence, batch_size=1000, default_user=person, default_change_reason="Imported"
    )
    emit(
        event_types.EvidenceImported(
            programme=programme, added=len(added), unchanged=len(rows) - len(added)
        ),
        actor=actor,
    )
    return len(added), len(rows) - len(added)


@transaction.atomic
def change_status(actor: User, evidence: Evidence, status: str, reason: str) -> Evidence:
    """Confirm pipeline evidence as eligible, or set it aside: always with a reason, kept in
    the record's history."""
    require(actor, "monitoring.judge_evidence")
    stored = Evidence.objects.select_for_update().get(pk=evidence.pk)
    errors = status_problems(status, reason)
    if not reason.strip():
        errors["reason"] = _("Give the reason for the change.")
    if errors:
        raise ValidationError(errors)
    old = stored.status
    stored.status, stored.reason = status, reason.strip()
    save_with_history(stored, actor, reason.strip())
    emit(
        event_types.EvidenceStatusChanged(
            evidence=stored, old_status=old, status=status, reason=reason.strip()
        ),
        actor=actor,
    )
    return stored


def capture(rule: CaptureRule, record: DomainEvent, data: EvidenceData) -> Evidence | None:
    """The platform records evidence from an event: once per event and indicator, so a
    replayed event adds nothing."""
    with transaction.atomic():
        if Evidence.objects.filter(indicator=rule.indicator, source_event=record).exists():
            return None
        evidence = _new(rule.programme, data, source_event=record, rule=rule)
        save_with_history(evidence, None, f"Captured from {record.type}")
        emit(
            event_types.EvidenceRecorded(
                evidence=evidence, indicator=rule.indicator.code, status=data.status, source="event"
            )
        )
    return evidence


@transaction.atomic
def save_rule(actor: User, rule: CaptureRule) -> CaptureRule:
    require(actor, "monitoring.judge_evidence")
    if rule.indicator.programme_id != rule.programme_id:
        raise ValidationError({"indicator": _("Choose an indicator of this programme.")})
    if not isinstance(rule.conditions, dict):
        raise ValidationError({"conditions": _("Give the conditions as a JSON object.")})
    save_with_history(rule, actor, "Capture rule saved")
    emit(
        event_types.CaptureRuleSaved(
            rule=rule, event_type=rule.event_type, indicator=rule.indicator.code, active=rule.active
        ),
        actor=actor,
    )
    return rule
