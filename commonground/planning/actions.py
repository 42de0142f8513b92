"""Every change to plans, report cards and the government requests log is one of these verbs.

Each checks permission (``actor=None`` is the platform: a task or the command line), writes
in one transaction with the actor in the history, and emits the domain event. Invalid input
raises ``ValidationError`` before anything is written.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.events import emit, emit_many
from commonground.core.history import save_with_history
from commonground.core.models import Organisation, User
from commonground.core.permissions import require
from commonground.partnerships import actions as partnerships
from commonground.partnerships.models import Meeting, Paper, PartnershipBody
from commonground.planning import curves, event_types
from commonground.planning.importer import ValueRow
from commonground.planning.models import (
    Action,
    Candidate,
    GovernmentRequest,
    Measure,
    MeasureValue,
    Outcome,
    Plan,
    Priority,
    ProgressUpdate,
    ReportCard,
)


def _require(actor: User | None, perm: str, obj: Any) -> None:
    if actor is not None:
        require(actor, perm, obj)


def _apply(obj: models.Model, data: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _check_period(plan: Plan) -> None:
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        raise ValidationError({"ends_on": _("The end of the period must be after its start.")})


# Plans


@transaction.atomic
def create_plan(actor: User | None, body: PartnershipBody, data: dict[str, Any]) -> Plan:
    _require(actor, "planning.manage_plans", body)
    plan = Plan(body=body, **data)
    _check_period(plan)
    plan.full_clean()
    save_with_history(plan, actor, "Created")
    emit(event_types.PlanCreated(plan=plan), actor=actor)
    return plan


@transaction.atomic
def update_plan(actor: User | None, plan: Plan, data: dict[str, Any]) -> list[str]:
    stored = Plan.objects.select_for_update().select_related("body").get(pk=plan.pk)
    _require(actor, "planning.manage_plans", stored)
    changed = _apply(stored, data)
    if not changed:
        return []
    _check_period(stored)
    stored.full_clean()
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}")
    emit(event_types.PlanUpdated(plan=stored, change="edited"), actor=actor)
    return changed


@transaction.atomic
def publish_plan(actor: User | None, plan: Plan, on: date | None = None) -> Plan:
    """Publish the plan; publishing again after a change makes the next version."""
    stored = Plan.objects.select_for_update().select_related("body").get(pk=plan.pk)
    _require(actor, "planning.manage_plans", stored)
    if not stored.priorities.exists():
        raise ValidationError(_("Add at least one priority before publishing the plan."))
    if stored.published_on is not None:
        stored.version += 1
    stored.status = Plan.Status.PUBLISHED
    stored.published_on = on or timezone.localdate()
    save_with_history(stored, actor, f"Published version {stored.version}")
    emit(event_types.PlanPublished(plan=stored, version=stored.version), actor=actor)
    return stored


@transaction.atomic
def add_candidate(actor: User | None, plan: Plan, data: dict[str, Any]) -> Candidate:
    """Add a candidate priority to the plan's needs assessment, with evidence and source."""
    _require(actor, "planning.manage_plans", plan)
    candidate = Candidate(plan=plan, **data)
    candidate.full_clean()
    save_with_history(candidate, actor, "Long-listed")
    emit(event_types.PlanUpdated(plan=plan, change="candidate added"), actor=actor)
    return candidate


@transaction.atomic
def decide_candidate(
    actor: User | None, candidate: Candidate, decision: str, reason: str
) -> Candidate:
    """Shortlist a candidate or not, with the reason; a shortlisted one becomes a priority."""
    stored = Candidate.objects.select_for_update().select_related("plan__body").get(pk=candidate.pk)
    _require(actor, "planning.manage_plans", stored.plan)
    if decision not in (Candidate.Decision.SHORTLISTED, Candidate.Decision.NOT_SHORTLISTED):
        raise ValidationError({"decision": _("Select whether it is shortlisted.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the reason for the decision.")})
    stored.decision = decision
    stored.reason = reason.strip()
    if decision == Candidate.Decision.SHORTLISTED and stored.priority is None:
        priority = Priority(
            plan=stored.plan,
            title_en=stored.title_en,
            title_cy=stored.title_cy,
            position=stored.plan.priorities.count() + 1,
        )
        save_with_history(priority, actor, "From the shortlist")
        stored.priority = priority
    save_with_history(stored, actor, f"Decided: {decision}")
    emit(event_types.PlanUpdated(plan=stored.plan, change=f"candidate {decision}"), actor=actor)
    return stored


@transaction.atomic
def add_priority(
    actor: User | None, plan: Plan, data: dict[str, Any], outcomes: Iterable[Outcome] = ()
) -> Priority:
    _require(actor, "planning.manage_plans", plan)
    priority = Priority(plan=plan, position=plan.priorities.count() + 1, **data)
    priority.full_clean()
    save_with_history(priority, actor, "Added", m2m={"outcomes": list(outcomes)})
    emit(event_types.PlanUpdated(plan=plan, change="priority added"), actor=actor)
    return priority


@transaction.atomic
def tag_priority(actor: User | None, priority: Priority, outcomes: Iterable[Outcome]) -> Priority:
    """Tag a priority with well-being goals or the area's outcomes (replacing the tags)."""
    _require(actor, "planning.manage_plans", priority.plan)
    save_with_history(priority, actor, "Tagged", m2m={"outcomes": list(outcomes)})
    emit(event_types.PlanUpdated(plan=priority.plan, change="priority tagged"), actor=actor)
    return priority


# Actions


def _check_action(action: Action, partners: Sequence[Organisation]) -> None:
    if action.delivery == Action.Delivery.PARTNERSHIP and not partners:
        raise ValidationError(
            {"partners": _("Select the partners delivering an action in partnership.")}
        )


@transaction.atomic
def create_action(
    actor: User | None,
    priority: Priority,
    data: dict[str, Any],
    partners: Sequence[Organisation] = (),
) -> Action:
    _require(actor, "planning.manage_plans", priority.plan)
    action = Action(priority=priority, **data)
    if action.delivery == Action.Delivery.SINGLE:
        partners = ()
    _check_action(action, partners)
    action.full_clean()
    save_with_history(action, actor, "Created", m2m={"partners": list(partners)})
    emit(event_types.ActionCreated(action=action), actor=actor)
    if action.status == Action.Status.DONE:
        emit(event_types.ActionCompleted(action=action), actor=actor)
    return action


@transaction.atomic
def update_action(
    actor: User | None,
    action: Action,
    data: dict[str, Any],
    partners: Sequence[Organisation] | None = None,
) -> list[str]:
    stored = (
        Action.objects.select_for_update().select_related("priority__plan__body").get(pk=action.pk)
    )
    _require(actor, "planning.manage_plans", stored)
    was_done = stored.status == Action.Status.DONE
    changed = _apply(stored, data)
    if partners is not None and set(stored.partners.all()) != set(partners):
        changed.append("partners")
    if stored.delivery == Action.Delivery.SINGLE:
        partners = []
    current = list(stored.partners.all()) if partners is None else list(partners)
    _check_action(stored, current)
    if not changed:
        return []
    if "due_on" in changed:
        stored.reminded_on = None
        stored.overdue_flagged_on = None
    stored.full_clean()
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}", m2m={"partners": current})
    emit(event_types.ActionUpdated(action=stored, status=stored.status), actor=actor)
    if stored.status == Action.Status.DONE and not was_done:
        emit(event_types.ActionCompleted(action=stored), actor=actor)
    return changed


@transaction.atomic
def record_progress(
    actor: User | None, action: Action, text: str, status: str, written_on: date | None = None
) -> ProgressUpdate:
    """A dated progress update; the action takes its status."""
    stored = (
        Action.objects.select_for_update().select_related("priority__plan__body").get(pk=action.pk)
    )
    _require(actor, "planning.update_action", stored)
    if not text.strip():
        raise ValidationError({"text": _("Enter the progress made.")})
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Select the action's status.")})
    update = ProgressUpdate(
        action=stored,
        text=text.strip(),
        status=status,
        written_on=written_on or timezone.localdate(),
        author=actor if actor is not None and actor.is_authenticated else None,
    )
    save_with_history(update, actor, "Written")
    was_done = stored.status == Action.Status.DONE
    if stored.status != status:
        stored.status = status
        save_with_history(stored, actor, f"Status: {status}")
    emit(event_types.ActionUpdated(action=stored, status=status), actor=actor)
    if status == Action.Status.DONE and not was_done:
        emit(event_types.ActionCompleted(action=stored), actor=actor)
    return update


@transaction.atomic
def flag_overdue_actions(on: date | None = None) -> int:
    """The platform's daily step: each open action past its due date is flagged once, with
    ``plan_action.overdue``. Returns how many were flagged."""
    on = on or timezone.localdate()
    due = list(
        Action.objects.select_for_update()
        .filter(due_on__lt=on, overdue_flagged_on__isnull=True)
        .exclude(status__in=[Action.Status.DONE, Action.Status.DROPPED])
        .select_related("priority__plan__body", "owner")
    )
    for action in due:
        action.overdue_flagged_on = on
    Action.objects.bulk_update(due, ["overdue_flagged_on"])
    emit_many([event_types.ActionOverdue(action=a, due_on=a.due_on.isoformat()) for a in due])
    return len(due)


@transaction.atomic
def mark_reminded(action: Action, recipients: int, on: date | None = None) -> Action:
    """The reminder task sent the owners their reminder: never send it twice."""
    Action.objects.filter(pk=action.pk).update(reminded_on=on or timezone.localdate())
    emit(event_types.ActionReminded(action=action, recipients=recipients))
    return action


# Report cards and measures


@transaction.atomic
def create_card(actor: User | None, body: PartnershipBody, data: dict[str, Any]) -> ReportCard:
    _require(actor, "planning.manage_cards", body)
    card = ReportCard(body=body, **data)
    card.full_clean()
    save_with_history(card, actor, "Created")
    emit(event_types.ReportCardChanged(card=card, change="created"), actor=actor)
    return card


@transaction.atomic
def update_card(actor: User | None, card: ReportCard, data: dict[str, Any]) -> list[str]:
    stored = ReportCard.objects.select_for_update().select_related("body").get(pk=card.pk)
    _require(actor, "planning.manage_cards", stored)
    changed = _apply(stored, data)
    if not changed:
        return []
    stored.full_clean()
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}")
    emit(event_types.ReportCardChanged(card=stored, change="edited"), actor=actor)
    return changed


def _check_measure(measure: Measure) -> None:
    if measure.card.kind == ReportCard.Kind.POPULATION:
        if measure.question != Measure.Question.POPULATION:
            raise ValidationError(
                {"question": _("A population result has population indicators only.")}
            )
    elif measure.question == Measure.Question.POPULATION:
        raise ValidationError(
            {"question": _("Choose which of the three questions the measure answers.")}
        )
    if measure.frequency:
        try:
            curves.parse_period(measure.baseline_period, measure.frequency)
        except ValueError:
            raise ValidationError(
                {
                    "baseline_period": _("Enter the period like %(example)s.")
                    % {"example": curves.period_example(measure.frequency)}
                }
            ) from None


def _check_plan_actions(measure: Measure, plan_actions: Sequence[Action]) -> None:
    body = measure.card.body
    allowed = {body.pk, *(b.pk for b in body.ancestors())}
    if any(a.priority.plan.body_id not in allowed for a in plan_actions):
        raise ValidationError(
            {"plan_actions": _("Choose actions from this body's plans or its board's.")}
        )


@transaction.atomic
def add_measure(
    actor: User | None,
    card: ReportCard,
    data: dict[str, Any],
    plan_actions: Sequence[Action] = (),
) -> Measure:
    """Add a population indicator or performance measure, with its turn-the-curve fields."""
    _require(actor, "planning.manage_cards", card)
    measure = Measure(card=card, **data)
    if card.kind == ReportCard.Kind.POPULATION:
        measure.question = Measure.Question.POPULATION
    _check_measure(measure)
    measure.full_clean()
    _check_plan_actions(measure, plan_actions)
    save_with_history(measure, actor, "Added", m2m={"plan_actions": list(plan_actions)})
    emit(event_types.ReportCardChanged(card=card, change="measure added"), actor=actor)
    return measure


@transaction.atomic
def update_measure(
    actor: User | None,
    measure: Measure,
    data: dict[str, Any],
    plan_actions: Sequence[Action] | None = None,
) -> list[str]:
    stored = Measure.objects.select_for_update().select_related("card__body").get(pk=measure.pk)
    _require(actor, "planning.manage_cards", stored)
    changed = _apply(stored, data)
    if plan_actions is not None and set(stored.plan_actions.all()) != set(plan_actions):
        changed.append("plan_actions")
        _check_plan_actions(stored, plan_actions)
    if not changed:
        return []
    _check_measure(stored)
    stored.full_clean()
    m2m = {"plan_actions": list(plan_actions)} if plan_actions is not None else None
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}", m2m=m2m)
    emit(event_types.ReportCardChanged(card=stored.card, change="measure edited"), actor=actor)
    return changed


def _write_values(actor: User | None, measure: Measure, rows: Sequence[ValueRow]) -> None:
    for row in rows:
        value = MeasureValue.objects.filter(measure=measure, period=row.period).first()
        value = value or MeasureValue(measure=measure, period=row.period)
        value.position = curves.parse_period(row.period, measure.frequency).index
        for name in ("actual", "target", "forecast", "numerator", "denominator"):
            setattr(value, name, getattr(row, name))
        save_with_history(value, actor, "Entered")
    emit(event_types.MeasureUpdated(measure=measure, periods=[r.period for r in rows]), actor=actor)
    from commonground.planning.queries import measure_summary

    summary = measure_summary(measure, timezone.localdate())
    if summary.status == curves.Status.OFF_TRACK:
        emit(event_types.MeasureOffTrack(measure=measure, period=str(summary.period)), actor=actor)


@transaction.atomic
def set_values(actor: User | None, measure: Measure, rows: Sequence[ValueRow]) -> Measure:
    """Enter a measure's values for one or more periods by hand (replacing those periods)."""
    stored = Measure.objects.select_for_update().select_related("card__body").get(pk=measure.pk)
    _require(actor, "planning.manage_cards", stored)
    from commonground.planning.importer import check_rows

    rows = check_rows(stored, rows)
    _write_values(actor, stored, rows)
    return stored


@transaction.atomic
def import_values(actor: User | None, card: ReportCard, text: str) -> int:
    """Import a CSV of values for the card's measures, all or nothing: any bad row raises
    ``ValidationError`` naming its row and column, and nothing is written. Returns rows."""
    _require(actor, "planning.manage_cards", card)
    from commonground.planning.importer import parse_values

    measures = {m.pk: m for m in card.measures.all()}
    by_measure = parse_values(text, list(measures.values()))
    for measure_id, rows in by_measure.items():
        _write_values(actor, measures[measure_id], rows)
    return sum(len(rows) for rows in by_measure.values())


# Government requests


@transaction.atomic
def log_request(
    actor: User | None, body: PartnershipBody, data: dict[str, Any]
) -> GovernmentRequest:
    _require(actor, "planning.manage_plans", body)
    request = GovernmentRequest(body=body, **data)
    if request.received_on and request.due_on and request.due_on < request.received_on:
        raise ValidationError({"due_on": _("The due date must be on or after the date received.")})
    request.full_clean()
    save_with_history(request, actor, "Logged")
    emit(event_types.RequestLogged(request=request), actor=actor)
    return request


@transaction.atomic
def answer_request(
    actor: User | None, request: GovernmentRequest, response: str, answered_on: date
) -> GovernmentRequest:
    stored = GovernmentRequest.objects.select_for_update().select_related("body").get(pk=request.pk)
    _require(actor, "planning.manage_plans", stored.body)
    if not response.strip():
        raise ValidationError({"response": _("Enter the board's response.")})
    if answered_on < stored.received_on:
        raise ValidationError(
            {"answered_on": _("The answer cannot be before the request was received.")}
        )
    stored.response = response.strip()
    stored.answered_on = answered_on
    stored.status = GovernmentRequest.Status.ANSWERED
    save_with_history(stored, actor, "Answered")
    emit(
        event_types.RequestAnswered(request=stored, answered_on=answered_on.isoformat()),
        actor=actor,
    )
    return stored


# Exception reports


@transaction.atomic
def attach_exception_report(
    actor: User, body: PartnershipBody, meeting: Meeting, pdf: bytes, as_of: date, title: str
) -> Paper:
    """Put an exception report's PDF into a meeting's papers, through partnerships' verb."""
    require(actor, "planning.manage_plans", body)
    if meeting.body_id != body.pk:
        raise ValidationError({"meeting": _("Choose one of this body's meetings.")})
    file = SimpleUploadedFile(
        f"exception-report-{as_of.isoformat()}.pdf", pdf, content_type="application/pdf"
    )
    paper = partnerships.upload_paper(actor, meeting, title, file)
    emit(
        event_types.ExceptionReportAttached(
            report_body=body, meeting_id=meeting.pk, paper_id=paper.pk, as_of=as_of.isoformat()
        ),
        actor=actor,
    )
    return paper
