"""Every change to a funding agreement goes through one of these verbs.

Each checks permission, validates, writes in one transaction with the actor in the history,
and emits the domain event. Invalid input raises ``ValidationError`` before anything is
written. Imports of 360Giving data are in ``importer.py``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commonground.core.events import emit
from commonground.core.history import delete_with_history, save_with_history
from commonground.core.models import Area, User
from commonground.core.permissions import require
from commonground.funding import event_types
from commonground.funding.models import Agreement, BeneficiaryLocation, Instalment, Variation
from commonground.funding.terms import fill_dates, grant_identifier
from commonground.interop.threesixty import is_partial_date

Status = Agreement.Status
LIVE = (Status.SIGNED, Status.RUNNING, Status.VARIED)


@dataclass(frozen=True)
class PlannedPayment:
    due_on: date
    amount_pence: int
    timing: str


def _check(agreement: Agreement, payments: list[PlannedPayment] | None) -> None:
    errors: dict[str, str] = {}
    if agreement.amount_pence <= 0:
        errors["amount_pence"] = _("Enter an amount greater than zero.")
    for name in ("planned_start", "planned_end"):
        value = getattr(agreement, name)
        if value and not is_partial_date(value):
            errors[name] = _("Enter a date like 2026-04-01, a month like 2026-04, or a year.")
    if (
        "planned_end" not in errors
        and agreement.starts_on
        and agreement.ends_on
        and agreement.ends_on < agreement.starts_on
    ):
        errors["planned_end"] = _("The end must be on or after the start.")
    opportunity = agreement.opportunity
    if opportunity is not None and opportunity.buyer_id != agreement.funder_id:
        errors["opportunity"] = _("Choose an opportunity this funder awarded.")
    if (agreement.recipient_id is None) == (not agreement.individual_id):
        errors["recipient"] = _("Choose the recipient organisation.")
    if payments:
        if any(p.amount_pence <= 0 for p in payments):
            errors["instalments"] = _("Each instalment must be more than zero.")
        elif sum(p.amount_pence for p in payments) != agreement.amount_pence:
            errors["instalments"] = _("The instalments must add up to the amount of the agreement.")
    if errors:
        raise ValidationError(errors)


def _write_schedule(agreement: Agreement, payments: list[PlannedPayment], actor: User) -> None:
    for old in agreement.instalments.all():
        delete_with_history(old, actor)
    for payment in payments:
        save_with_history(
            Instalment(
                agreement=agreement,
                due_on=payment.due_on,
                amount_pence=payment.amount_pence,
                timing=payment.timing,
            ),
            actor,
            "Scheduled",
        )


def _write_area_location(agreement: Agreement, area: Area, actor: User) -> None:
    """Record the area as the beneficiary location, with its ONS code (a unitary authority)."""
    save_with_history(
        BeneficiaryLocation(
            agreement=agreement,
            name=area.name_en,
            geo_code=area.code,
            geo_code_type="UA",
            country_code="GB",
        ),
        actor,
        "Created",
    )


@transaction.atomic
def offer_agreement(actor: User, data: dict[str, Any], payments: list[PlannedPayment]) -> Agreement:
    """Record an agreement the funder has offered, with its payment schedule."""
    agreement = Agreement(**data)
    require(actor, "funding.record_agreement", agreement)
    if not agreement.identifier:
        agreement.identifier = grant_identifier(agreement.reference)
    fill_dates(agreement)
    _check(agreement, payments)
    if Agreement.objects.filter(identifier=agreement.identifier).exists() or (
        Agreement.objects.filter(funder=agreement.funder, reference=agreement.reference).exists()
    ):
        raise ValidationError(
            {"reference": _("This funder already has an agreement with that reference.")}
        )
    agreement.status = Status.OFFERED
    agreement.full_clean()
    save_with_history(agreement, actor, "Offered")
    _write_schedule(agreement, payments, actor)
    if agreement.area is not None:
        _write_area_location(agreement, agreement.area, actor)
    emit(event_types.AgreementOffered(agreement=agreement), actor=actor)
    return agreement


def _locked(agreement: Agreement, perm: str, actor: User) -> Agreement:
    stored = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require(actor, perm, stored)
    return stored


@transaction.atomic
def sign_agreement(actor: User, agreement: Agreement, signed_on: date) -> Agreement:
    """Both sides have signed: the agreement is running once its start date has come."""
    stored = _locked(agreement, "funding.manage_agreement", actor)
    if stored.status != Status.OFFERED:
        raise ValidationError(_("Only an offered agreement can be signed."))
    stored.signed_on = signed_on
    started = stored.starts_on is not None and stored.starts_on <= signed_on
    stored.status = Status.RUNNING if started else Status.SIGNED
    save_with_history(stored, actor, "Signed")
    emit(
        event_types.AgreementSigned(agreement=stored, signed_on=signed_on.isoformat()),
        actor=actor,
    )
    return stored


@transaction.atomic
def start_due_agreements(today: date) -> list[Agreement]:
    """The platform's daily step: a signed agreement is running from its start date."""
    # ``of=self``: PostgreSQL cannot lock the nullable side of the area and recipient joins.
    due = (
        Agreement.objects.select_for_update(of=("self",))
        .filter(status=Status.SIGNED, starts_on__isnull=False, starts_on__lte=today)
        .select_related("area", "recipient")
    )
    started = []
    for agreement in due:
        agreement.status = Status.RUNNING
        save_with_history(agreement, None, "Started on its start date")
        emit(
            event_types.AgreementStarted(agreement=agreement, started_on=today.isoformat()),
            actor=None,
        )
        started.append(agreement)
    return started


# Fields a variation may change.
VARIABLE = {
    "title",
    "description",
    "amount_pence",
    "planned_start",
    "planned_end",
    "planned_duration",
    "notice_days",
    "fcr_allowed",
    "overhead_percent",
    "monitoring_frequency",
    "monitoring_requirements",
    "directorate",
}


def _comparable(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal | date) else value


@transaction.atomic
def vary_agreement(
    actor: User,
    agreement: Agreement,
    data: dict[str, Any],
    *,
    reason: str,
    varied_on: date,
    payments: list[PlannedPayment] | None = None,
) -> Variation:
    """Change a signed agreement; the variation keeps each field's before and after."""
    stored = _locked(agreement, "funding.manage_agreement", actor)
    if stored.status not in LIVE:
        raise ValidationError(_("Only a signed or running agreement can be varied."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the agreement is being varied.")})
    unknown = set(data) - VARIABLE
    if unknown:
        raise ValidationError(
            _("These cannot be varied: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    changes: dict[str, list[Any]] = {}
    for name, value in data.items():
        before = getattr(stored, name)
        if before != value:
            changes[name] = [_comparable(before), _comparable(value)]
            setattr(stored, name, value)
    if payments is not None:
        old = [(i.due_on, i.amount_pence, i.timing) for i in stored.instalments.all()]
        if old != [(p.due_on, p.amount_pence, p.timing) for p in payments]:
            changes["instalments"] = [len(old), len(payments)]
    if not changes:
        raise ValidationError(_("Nothing was changed."))
    fill_dates(stored)
    current = payments
    if current is None and "amount_pence" in changes and stored.instalments.exists():
        raise ValidationError({"instalments": _("Change the instalments to match the new amount.")})
    _check(stored, current)
    stored.status = Status.VARIED
    stored.full_clean()
    save_with_history(stored, actor, f"Varied: {reason}")
    if payments is not None:
        _write_schedule(stored, payments, actor)
    variation = Variation.objects.create(
        agreement=stored, varied_on=varied_on, reason=reason, changes=changes, recorded_by=actor
    )
    emit(
        event_types.AgreementVaried(
            agreement=stored,
            varied_on=varied_on.isoformat(),
            reason=reason,
            changed_fields=sorted(changes),
        ),
        actor=actor,
    )
    return variation


@transaction.atomic
def give_notice(
    actor: User, agreement: Agreement, *, given_on: date, ends_on: date, reason: str
) -> Agreement:
    """The funder gives notice that the agreement will end (or be reduced) on ``ends_on``."""
    stored = _locked(agreement, "funding.manage_agreement", actor)
    if stored.status not in LIVE:
        raise ValidationError(_("Notice can only be given on a signed or running agreement."))
    if ends_on < given_on:
        raise ValidationError(
            {"ends_on": _("The end must be on or after the day notice is given.")}
        )
    stored.notice_given_on = given_on
    stored.notice_ends_on = ends_on
    stored.notice_reason = reason
    save_with_history(stored, actor, "Notice given")
    emit(
        event_types.AgreementNoticeGiven(
            agreement=stored,
            given_on=given_on.isoformat(),
            ends_on=ends_on.isoformat(),
            days_given=(ends_on - given_on).days,
            days_required=stored.notice_days,
        ),
        actor=actor,
    )
    return stored


@transaction.atomic
def end_agreement(actor: User, agreement: Agreement, ended_on: date) -> Agreement:
    """The agreement has ended: early if before its planned end."""
    stored = _locked(agreement, "funding.manage_agreement", actor)
    if stored.status not in LIVE:
        raise ValidationError(_("Only a signed or running agreement can end."))
    early = stored.ends_on is not None and ended_on < stored.ends_on
    stored.ended_on = ended_on
    stored.status = Status.ENDED_EARLY if early else Status.ENDED
    save_with_history(stored, actor, "Ended")
    emit(
        event_types.AgreementEnded(agreement=stored, ended_on=ended_on.isoformat(), early=early),
        actor=actor,
    )
    return stored
