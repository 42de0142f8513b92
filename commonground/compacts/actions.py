"""Every change to a compact, its packs, its disputes and its reports goes through a verb.

Each checks permission, validates (raising ``ValidationError`` before anything is written),
writes in one transaction with history, and emits the domain event.
"""

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.compacts import event_types
from commonground.compacts.models import (
    Adoption,
    AnnualReport,
    Compact,
    Dispute,
    DisputeStage,
    DisputeStep,
    Finding,
    ParameterOverride,
    Party,
    RecordedReason,
)
from commonground.compacts.packs import load_packs
from commonground.compacts.parameters import compact_rules
from commonground.core.events import emit
from commonground.core.history import save_with_history
from commonground.core.models import Area, Organisation, User
from commonground.core.permissions import require


@transaction.atomic
def register_compact(
    actor: User,
    area: Area,
    *,
    slug: str,
    title_en: str,
    kind: str,
    scope: str,
    title_cy: str = "",
    summary_en: str = "",
    summary_cy: str = "",
    adopted_on: date | None = None,
    last_reviewed_on: date | None = None,
    status: str = Compact.Status.ACTIVE,
    codes: list[str] | None = None,
    liaison_body: Any = None,
    parties: list[tuple[Organisation, date | None]] = (),  # type: ignore[assignment]
    packs: list[str] = (),  # type: ignore[assignment]
) -> Compact:
    compact = Compact(
        area=area,
        slug=slug,
        title_en=title_en,
        title_cy=title_cy,
        summary_en=summary_en,
        summary_cy=summary_cy,
        kind=kind,
        scope=scope,
        adopted_on=adopted_on,
        last_reviewed_on=last_reviewed_on,
        status=status,
        codes=list(codes or []),
        liaison_body=liaison_body,
    )
    require(actor, "compacts.manage_compact", compact)
    unknown = [c for c in compact.codes if c not in Compact.Code.values]
    if unknown:
        raise ValidationError({"codes": _("Choose codes of practice from the list.")})
    compact.full_clean()
    save_with_history(compact, actor)
    for organisation, signed_on in parties:
        party = Party(
            compact=compact,
            organisation=organisation,
            signed_up=signed_on is not None,
            signed_up_on=signed_on,
        )
        save_with_history(party, actor)
    for pack_id in packs:
        _adopt(actor, compact, pack_id)
    _set_up_stages(actor, compact)
    emit(event_types.CompactRegistered(compact=compact), actor=actor)
    return compact


def _adopt(actor: User, compact: Compact, pack_id: str) -> Adoption:
    if pack_id not in load_packs():
        raise ValidationError({"pack_id": _("Choose a rule pack from the list.")})
    if compact.adoptions.filter(pack_id=pack_id).exists():
        raise ValidationError({"pack_id": _("The compact already follows this rule pack.")})
    adoption = Adoption(
        compact=compact,
        pack_id=pack_id,
        position=compact.adoptions.count(),
        adopted_on=timezone.localdate(),
    )
    save_with_history(adoption, actor)
    return adoption


@transaction.atomic
def adopt_pack(actor: User, compact: Compact, pack_id: str) -> Adoption:
    require(actor, "compacts.manage_compact", compact)
    adoption = _adopt(actor, compact, pack_id)
    emit(event_types.PackAdopted(compact=compact, pack_id=pack_id), actor=actor)
    return adoption


def _coerce(default: Any, value: Any) -> Any:
    """The override in the type of the pack's parameter (a whole number for weeks)."""
    if isinstance(default, bool) or isinstance(value, bool):
        if isinstance(value, str):
            value = value.strip().lower() in {"true", "yes", "1"}
        return bool(value)
    if isinstance(default, list):
        return value if isinstance(value, list) else None
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if number > 0 else None


@transaction.atomic
def override_parameter(
    actor: User, compact: Compact, rule: str, parameter: str, value: Any, reason: str
) -> ParameterOverride:
    """Set the area's value for a pack parameter, with the reason (required)."""
    require(actor, "compacts.manage_compact", compact)
    current = next((r for r in compact_rules(compact) if r.rule == rule), None)
    if current is None or parameter not in current.params:
        raise ValidationError({"parameter": _("Choose a parameter of a rule the compact follows.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the reason for the area's own value.")})
    default = next(
        (
            c.parameters[parameter].get("default")
            for p in load_packs().values()
            for c in p.commitments
            if c.rule == rule
            and parameter in c.parameters
            and c.parameters[parameter].get("default") is not None
        ),
        current.params[parameter],
    )
    coerced = _coerce(default, value)
    if coerced is None:
        raise ValidationError({"value": _("Enter a whole number greater than zero.")})
    row, _created = ParameterOverride.objects.get_or_create(
        compact=compact,
        rule=rule,
        parameter=parameter,
        defaults={"value": coerced, "reason": reason.strip()},
    )
    row.value = coerced
    row.reason = reason.strip()
    save_with_history(row, actor, reason=reason.strip())
    emit(
        event_types.ParameterOverridden(
            compact=compact, rule=rule, parameter=parameter, value=coerced, reason=row.reason
        ),
        actor=actor,
    )
    return row


@transaction.atomic
def record_reason(
    actor: User, compact: Compact, rule: str, record_type: str, record_id: int, reason: str
) -> RecordedReason:
    """Record why a record departs from a commitment that allows it with a reason."""
    require(actor, "compacts.manage_compact", compact)
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the reason.")})
    row = RecordedReason.objects.filter(
        rule=rule, record_type=record_type, record_id=record_id
    ).first() or RecordedReason(rule=rule, record_type=record_type, record_id=record_id)
    row.reason = reason.strip()
    save_with_history(row, actor)
    emit(
        event_types.ReasonRecorded(
            compact=compact, rule=rule, record_type=record_type, record_id=record_id
        ),
        actor=actor,
    )
    return row


@transaction.atomic
def record_review(actor: User, compact: Compact, reviewed_on: date) -> Compact:
    require(actor, "compacts.manage_compact", compact)
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("The review date cannot be in the future.")})
    compact.last_reviewed_on = reviewed_on
    save_with_history(compact, actor)
    emit(
        event_types.CompactReviewed(compact=compact, reviewed_on=reviewed_on.isoformat()),
        actor=actor,
    )
    return compact


@transaction.atomic
def set_status(actor: User, compact: Compact, status: str) -> Compact:
    require(actor, "compacts.manage_compact", compact)
    if status not in Compact.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    compact.status = status
    save_with_history(compact, actor)
    emit(event_types.CompactStatusChanged(compact=compact, status=status), actor=actor)
    return compact


@transaction.atomic
def _set_up_stages(actor: User | None, compact: Compact) -> list[DisputeStage]:
    """The compact's dispute stages from its packs' procedure (the model compact's default)."""
    if actor is not None:
        require(actor, "compacts.manage_compact", compact)
    stages = []
    for position, spec in enumerate(_procedure(compact), start=1):
        stage = compact.stages.filter(position=position).first() or DisputeStage(
            compact=compact,
            position=position,
            key=spec["id"],
            name_en=spec["name"]["en"],
            name_cy=spec["name"]["cy"],
            working_days=spec["working_days"]["default"],
        )
        if stage.pk is None:
            save_with_history(stage, actor)
        stages.append(stage)
    return stages


def _stages_without_history(compact: Compact) -> list[DisputeStage]:
    """A compact registered before stages existed gets them when a concern is first raised.
    Written without history: a history row would name whoever is signed in, the reporter."""
    return DisputeStage.objects.bulk_create(
        [
            DisputeStage(
                compact=compact,
                position=position,
                key=spec["id"],
                name_en=spec["name"]["en"],
                name_cy=spec["name"]["cy"],
                working_days=spec["working_days"]["default"],
            )
            for position, spec in enumerate(_procedure(compact), start=1)
        ]
    )


def _procedure(compact: Compact) -> tuple[dict[str, Any], ...]:
    """The disputes procedure of the first adopted pack that has one, else the model's."""
    packs = load_packs()
    for adoption in compact.adoptions.all():
        pack = packs.get(adoption.pack_id)
        if pack is not None and pack.dispute_stages:
            return pack.dispute_stages  # type: ignore[return-value]
    return packs["model-local-compact"].dispute_stages  # type: ignore[return-value]


def _new_reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "D-" + "".join(secrets.choice(alphabet) for _ in range(8))


@transaction.atomic
def raise_concern(
    actor: Any,
    compact: Compact,
    summary: str,
    *,
    anonymous: bool,
    finding: Finding | None = None,
    record_url: str = "",
    organisation: Organisation | None = None,
    today: date | None = None,
) -> Dispute:
    """Anyone raises a concern. Anonymous: nothing of the reporter is kept, not even in the
    event log, and the reference is the only way back to it."""
    if not summary.strip():
        raise ValidationError({"summary": _("Say what the concern is.")})
    if finding is not None and finding.compact_id != compact.pk:
        raise ValidationError({"finding": _("Choose a finding of this compact.")})
    today = today or timezone.localdate()
    signed_in = actor is not None and actor.is_authenticated
    stages = list(compact.stages.all()) or _stages_without_history(compact)
    reporter = None if anonymous or not signed_in else actor
    dispute = Dispute.objects.create(
        compact=compact,
        reference=_new_reference(),
        summary=summary.strip(),
        finding=finding,
        record_url=(finding.record_url if finding else record_url)[:300],
        anonymous=anonymous,
        reporter=reporter,
        reporter_organisation=None if anonymous else organisation,
        stage=stages[0] if stages else None,
        stage_started_on=today,
        raised_on=today,
    )
    DisputeStep.objects.create(
        dispute=dispute, kind=DisputeStep.Kind.RAISED, stage=dispute.stage, by=reporter, on=today
    )
    emit(event_types.DisputeRaised(dispute=dispute), actor=reporter)
    return dispute


@transaction.atomic
def add_message(
    actor: Any, dispute: Dispute, text: str, *, as_reporter: bool = False
) -> DisputeStep:
    """A message on the dispute: from staff (named), or from its reporter holding the
    reference (named only when the dispute is not anonymous)."""
    if not as_reporter:
        require(actor, "compacts.handle_dispute", dispute)
    if not text.strip():
        raise ValidationError({"text": _("Enter the message.")})
    by = None
    if actor is not None and actor.is_authenticated and not (as_reporter and dispute.anonymous):
        by = actor
    step = DisputeStep.objects.create(
        dispute=dispute,
        kind=DisputeStep.Kind.MESSAGE,
        stage=dispute.stage,
        text=text.strip(),
        by=by,
        on=timezone.localdate(),
    )
    emit(event_types.DisputeMessageAdded(dispute=dispute), actor=by)
    return step


@transaction.atomic
def move_dispute(
    actor: User, dispute: Dispute, stage: DisputeStage, note: str, today: date | None = None
) -> Dispute:
    require(actor, "compacts.handle_dispute", dispute)
    if stage.compact_id != dispute.compact_id:
        raise ValidationError({"stage": _("Choose a stage of this compact.")})
    if dispute.status != Dispute.Status.OPEN:
        raise ValidationError({"stage": _("The dispute is closed.")})
    today = today or timezone.localdate()
    dispute.stage = stage
    dispute.stage_started_on = today
    dispute.save()
    DisputeStep.objects.create(
        dispute=dispute, kind=DisputeStep.Kind.MOVED, stage=stage, text=note, by=actor, on=today
    )
    emit(event_types.DisputeMoved(dispute=dispute, stage=stage.key), actor=actor)
    return dispute


@transaction.atomic
def resolve_dispute(
    actor: User, dispute: Dispute, outcome_en: str, outcome_cy: str = "", publish: bool = True
) -> Dispute:
    """Record the decision; its summary is published unless staff hold it back."""
    require(actor, "compacts.handle_dispute", dispute)
    if not (outcome_en.strip() or outcome_cy.strip()):
        raise ValidationError({"outcome_en": _("Enter the outcome in summary.")})
    dispute.status = Dispute.Status.RESOLVED
    dispute.outcome_en = outcome_en.strip()
    dispute.outcome_cy = outcome_cy.strip()
    dispute.outcome_published = publish
    dispute.save()
    DisputeStep.objects.create(
        dispute=dispute,
        kind=DisputeStep.Kind.RESOLVED,
        stage=dispute.stage,
        text=dispute.outcome_en or dispute.outcome_cy,
        by=actor,
        on=timezone.localdate(),
    )
    emit(event_types.DisputeResolved(dispute=dispute), actor=actor)
    return dispute


@transaction.atomic
def publish_report(
    actor: User, compact: Compact, year: int, content: dict[str, Any]
) -> AnnualReport:
    require(actor, "compacts.manage_compact", compact)
    report, _created = AnnualReport.objects.get_or_create(compact=compact, year=year)
    report.content = content
    report.published_at = timezone.now()
    save_with_history(report, actor)
    emit(event_types.ReportPublished(report=report), actor=actor)
    return report


@transaction.atomic
def send_report_to_council(actor: User, report: AnnualReport) -> AnnualReport:
    require(actor, "compacts.manage_compact", report.compact)
    if report.published_at is None:
        raise ValidationError({"report": _("Publish the report before sending it.")})
    report.sent_to_council_at = timezone.now()
    save_with_history(report, actor)
    emit(event_types.ReportSent(report=report), actor=actor)
    return report
