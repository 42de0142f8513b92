"""Every change to engagement records goes through one of these verbs.

Each checks permission, writes inside one transaction, keeps history (who and when) and
emits the domain event. Emails are queued as background tasks once the transaction commits.
Views and API endpoints call these; they never save models themselves.
"""

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.bilingual import require_either
from commonground.core.events import emit
from commonground.core.history import save_with_history
from commonground.core.models import Area, Organisation, Theme, User
from commonground.core.permissions import is_org_member, require
from commonground.engagement import event_types, principles, tasks
from commonground.engagement.answers import clean_answer, is_blank
from commonground.engagement.models import (
    Answer,
    Bulletin,
    Consultation,
    ConsultationDocument,
    Event,
    EventMaterial,
    PrincipleCheck,
    Question,
    Registration,
    Response,
    Subscription,
)
from commonground.engagement.queries import (
    closed_message,
    long_date,
    minimum_consultation_weeks,
    published_questions_message,
    window_for,
)


def _after_commit(task: Any, *args: Any) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


# --- Bulletins -----------------------------------------------------------------------------


def _new_bulletin(
    actor: Any,
    organisation: Organisation | None,
    data: Mapping[str, Any],
    themes: Iterable[Theme],
    areas: Iterable[Area],
    source: str | None,
) -> Bulletin:
    bulletin = Bulletin(
        **{k: v for k, v in data.items() if k not in {"themes", "areas"}},
        organisation=organisation,
        author=actor if actor is not None and actor.is_authenticated else None,
        status=Bulletin.Status.PUBLISHED,
        published_at=timezone.now(),
        source=source,
    )
    bulletin.full_clean()
    require_either(
        bulletin,
        {
            "title": _("Enter a title in English or Welsh."),
            "summary": _("Enter a summary in English or Welsh."),
        },
    )
    save_with_history(bulletin, actor, "Published", {"themes": themes, "areas": areas})
    emit(event_types.BulletinPublished(subject=bulletin, source=source or ""), actor=actor)
    _after_commit(tasks.send_immediate_digests, bulletin.pk)
    return bulletin


@transaction.atomic
def publish_bulletin(
    actor: User,
    organisation: Organisation,
    data: Mapping[str, Any],
    themes: Iterable[Theme] = (),
    areas: Iterable[Area] = (),
) -> Bulletin:
    """Publish a short item for ``organisation``. ``data`` holds titles, summaries, bodies."""
    require(actor, "engagement.publish_bulletin", organisation)
    return _new_bulletin(actor, organisation, data, themes, areas, None)


@transaction.atomic
def publish_fed_bulletin(
    source: str,
    data: Mapping[str, Any],
    themes: Iterable[Theme] = (),
    areas: Iterable[Area] = (),
    organisation: Organisation | None = None,
    actor: User | None = None,
) -> tuple[Bulletin, bool]:
    """Publish a bulletin fed by another capability, once per ``source`` (e.g. a report-back).

    The system publishes these on the author's behalf: the permission was checked when the
    source itself was published. Returns the bulletin and whether it was created now.
    """
    existing = Bulletin.objects.select_for_update().filter(source=source).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _new_bulletin(actor, organisation, data, themes, areas, source), True
    except IntegrityError:
        # Another worker published the same source first: the unique key kept one.
        found = Bulletin.objects.filter(source=source).first()
        if found is None:
            raise
        return found, False


# --- Subscriptions -------------------------------------------------------------------------


@transaction.atomic
def subscribe(
    actor: User,
    *,
    themes: Iterable[Theme],
    areas: Iterable[Area],
    frequency: str,
    language: str,
) -> Subscription:
    """Create or change the account's subscription (one per account)."""
    require(actor, "engagement.subscribe")
    if frequency not in Subscription.Frequency.values:
        raise ValidationError({"frequency": _("Choose how often you want to hear from us.")})
    if language and language not in Subscription.Language.values:
        raise ValidationError({"language": _("Choose English or Welsh.")})
    subscription = Subscription.objects.select_for_update().filter(
        user=actor
    ).first() or Subscription(user=actor)
    subscription.frequency = frequency
    subscription.language = language
    subscription.active = True
    subscription.unsubscribed_at = None
    save_with_history(
        subscription, actor, "Subscribed", {"themes": list(themes), "areas": list(areas)}
    )
    emit(event_types.Subscribed(subject=subscription, frequency=frequency), actor=actor)
    return subscription


@transaction.atomic
def unsubscribe(subscription: Subscription, actor: User | None = None) -> bool:
    """Stop all emails. The signed token is the authority, so no sign-in is needed.

    Returns False if the subscription was already inactive (nothing changed).
    """
    stored = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if not stored.active:
        return False
    stored.active = False
    stored.unsubscribed_at = timezone.now()
    save_with_history(stored, actor or stored.user, "Unsubscribed")
    emit(event_types.Unsubscribed(subject=stored), actor=actor)
    return True


# --- Consultations -------------------------------------------------------------------------

CONSULTATION_FIELDS = [
    "board_name",
    "title_en",
    "title_cy",
    "summary_en",
    "summary_cy",
    "opens_on",
    "closes_on",
    "feedback_due_on",
    "short_period_reason_en",
    "short_period_reason_cy",
]


def _check_dates(consultation: Consultation) -> None:
    """The compact rule and the order of the dates. Raises field errors."""
    require_either(
        consultation,
        {
            "title": _("Enter a title in English or Welsh."),
            "summary": _("Enter a summary in English or Welsh."),
        },
    )
    errors: dict[str, str] = {}
    if consultation.closes_on < consultation.opens_on:
        errors["closes_on"] = _("The closing date must be on or after the opening date.")
    elif consultation.feedback_due_on < consultation.closes_on:
        errors["feedback_due_on"] = _("Feedback can only be due after the consultation closes.")
    else:
        window = window_for(consultation)
        has_reason = bool(
            consultation.short_period_reason_en.strip()
            or consultation.short_period_reason_cy.strip()
        )
        if not window.meets_minimum and not has_reason:
            errors["short_period_reason_en"] = _(
                "This consultation is open for %(days)d days. The area’s compact asks for at least %(weeks)d weeks (close on %(date)s or later). Give the reason for a shorter period, or change the dates."
            ) % {
                "days": window.days,
                "weeks": window.minimum_weeks,
                "date": long_date(window.earliest_compliant_close),
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_consultation(
    actor: User, owner: Organisation, data: Mapping[str, Any], themes: Iterable[Theme] = ()
) -> Consultation:
    """Start a draft consultation for ``owner``."""
    require(actor, "engagement.add_consultation", owner)
    consultation = Consultation(
        owner=owner, area=owner.area, **{k: data[k] for k in CONSULTATION_FIELDS if k in data}
    )
    consultation.full_clean()
    _check_dates(consultation)
    save_with_history(consultation, actor, "Created", {"themes": themes})
    emit(event_types.ConsultationDrafted(subject=consultation), actor=actor)
    return consultation


@transaction.atomic
def update_consultation(
    actor: User,
    consultation: Consultation,
    data: Mapping[str, Any],
    themes: Iterable[Theme] | None = None,
) -> Consultation:
    require(actor, "engagement.change_consultation", consultation)
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    for name in CONSULTATION_FIELDS:
        if name in data:
            setattr(stored, name, data[name])
    stored.full_clean()
    _check_dates(stored)
    save_with_history(stored, actor, "Edited", {"themes": themes} if themes is not None else {})
    emit(event_types.ConsultationUpdated(subject=stored), actor=actor)
    return stored


def _require_draft(consultation: Consultation) -> None:
    if consultation.is_published:
        raise ValidationError(published_questions_message())


def _locked_draft(actor: User, consultation: Consultation) -> Consultation:
    """The consultation, locked so that question numbers change one writer at a time."""
    require(actor, "engagement.change_consultation", consultation)
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require_draft(stored)
    return stored


def _check_question(question: Question) -> None:
    """Rules a question must meet beyond its fields: enough choices, in both languages alike."""
    question.full_clean()
    if question.kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE):
        choices = question.choice_list("en")
        if len(choices) < 2:
            raise ValidationError({"choices_en": _("Give at least two choices, one per line.")})
        welsh = [c for c in question.choices_cy.splitlines() if c.strip()]
        if welsh and len(welsh) != len(choices):
            raise ValidationError(
                {
                    "choices_cy": _(
                        "Give the Welsh choices in the same number and order as the English."
                    )
                }
            )
    if question.kind == Question.Kind.RATING and not 2 <= question.rating_max <= 10:
        raise ValidationError({"rating_max": _("Ratings run from 1 to a number from 2 to 10.")})


QUESTION_FIELDS = [
    "text_en",
    "text_cy",
    "kind",
    "choices_en",
    "choices_cy",
    "rating_max",
    "required",
]


@transaction.atomic
def add_question(actor: User, consultation: Consultation, data: Mapping[str, Any]) -> Question:
    stored = _locked_draft(actor, consultation)
    number = (stored.questions.aggregate(n=models.Max("number"))["n"] or 0) + 1
    question = Question(
        consultation=stored, number=number, **{k: data[k] for k in QUESTION_FIELDS if k in data}
    )
    _check_question(question)
    save_with_history(question, actor, "Added")
    emit(event_types.QuestionAdded(subject=stored, question=question), actor=actor)
    return question


@transaction.atomic
def update_question(actor: User, question: Question, data: Mapping[str, Any]) -> Question:
    """Change a draft consultation's question: its wording, kind, choices or rating scale."""
    consultation = _locked_draft(actor, question.consultation)
    stored = Question.objects.get(pk=question.pk, consultation=consultation)
    for name in QUESTION_FIELDS:
        if name in data:
            setattr(stored, name, data[name])
    _check_question(stored)
    save_with_history(stored, actor, "Edited")
    emit(event_types.QuestionUpdated(subject=consultation, question=stored), actor=actor)
    return stored


@transaction.atomic
def move_question(actor: User, question: Question, *, up: bool) -> Question:
    """Swap a draft's question with the one before (``up``) or after it.

    The first question cannot go up, nor the last down: that is refused, not ignored, so the
    person sees why nothing moved.
    """
    consultation = _locked_draft(actor, question.consultation)
    stored = Question.objects.get(pk=question.pk, consultation=consultation)
    others = consultation.questions.exclude(pk=stored.pk)
    neighbour = (
        others.filter(number__lt=stored.number).order_by("-number").first()
        if up
        else others.filter(number__gt=stored.number).order_by("number").first()
    )
    if neighbour is None:
        raise ValidationError(
            _("This is already the first question.")
            if up
            else _("This is already the last question.")
        )
    mine, theirs = stored.number, neighbour.number
    # Each question's number is unique in its consultation, so one steps aside (0 is never a
    # real number) while the other takes its place.
    stored.number = 0
    stored.save(update_fields=["number"])
    neighbour.number = mine
    save_with_history(neighbour, actor, "Moved")
    stored.number = theirs
    save_with_history(stored, actor, "Moved")
    emit(
        event_types.QuestionMoved(subject=consultation, question=stored, number=theirs),
        actor=actor,
    )
    return stored


@transaction.atomic
def delete_question(actor: User, question: Question) -> None:
    """Remove a draft's question; the questions after it move up one number."""
    consultation = _locked_draft(actor, question.consultation)
    stored = Question.objects.get(pk=question.pk, consultation=consultation)
    number, question_id = stored.number, stored.pk
    stored._history_user = actor  # type: ignore[attr-defined]
    stored._change_reason = "Deleted"  # type: ignore[attr-defined]
    stored.delete()
    for later in consultation.questions.filter(number__gt=number).order_by("number"):
        later.number -= 1
        save_with_history(later, actor, "Renumbered")
    emit(
        event_types.QuestionDeleted(subject=consultation, question_id=question_id, number=number),
        actor=actor,
    )


@transaction.atomic
def add_document(
    actor: User, consultation: Consultation, data: Mapping[str, Any]
) -> ConsultationDocument:
    require(actor, "engagement.change_consultation", consultation)
    document = ConsultationDocument(consultation=consultation, **data)
    document.full_clean()
    save_with_history(document, actor, "Added")
    emit(event_types.DocumentAdded(subject=consultation, document=document), actor=actor)
    return document


@transaction.atomic
def record_principles(
    actor: User, consultation: Consultation, checks: Mapping[str, tuple[bool, str]]
) -> list[PrincipleCheck]:
    """Record, for each National Principle, whether it was applied and how."""
    require(actor, "engagement.change_consultation", consultation)
    unknown = set(checks) - set(principles.CODES)
    if unknown:
        raise ValidationError(_("Unknown principle: %s") % ", ".join(sorted(unknown)))
    rows = []
    for code in principles.CODES:
        met, note = checks.get(code, (False, ""))
        row = PrincipleCheck.objects.filter(consultation=consultation, principle=code).first()
        row = row or PrincipleCheck(consultation=consultation, principle=code)
        if row.pk is None or row.met != met or row.note != note:
            row.met, row.note = met, note[:500]
            save_with_history(row, actor, "Checklist")
        rows.append(row)
    applied = [row.principle for row in rows if row.met]
    emit(event_types.PrinciplesRecorded(subject=consultation, met=applied), actor=actor)
    return rows


@transaction.atomic
def publish_consultation(actor: User, consultation: Consultation) -> Consultation:
    """Publish: the dates are checked against the area's compact minimum at this moment."""
    require(actor, "engagement.change_consultation", consultation)
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if stored.is_published:
        return stored
    if not stored.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    if stored.closes_on < timezone.localdate():
        raise ValidationError(
            {"closes_on": _("The closing date has passed. Change the dates first.")}
        )
    stored.minimum_weeks = minimum_consultation_weeks(stored.area)
    _check_dates(stored)
    stored.status = Consultation.Status.PUBLISHED
    stored.published_at = timezone.now()
    save_with_history(stored, actor, "Published")
    emit(
        event_types.ConsultationOpened(
            subject=stored,
            opens_on=stored.opens_on.isoformat(),
            closes_on=stored.closes_on.isoformat(),
            meets_compact_minimum=window_for(stored).meets_minimum,
        ),
        actor=actor,
    )
    return stored


def _new_reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "R-" + "".join(secrets.choice(alphabet) for _ in range(8))


@transaction.atomic
def save_response(
    actor: User,
    consultation: Consultation,
    answers: Mapping[int, Any],
    *,
    organisation: Organisation | None = None,
    publish: bool = False,
    submit: bool = False,
) -> Response:
    """Save the respondent's answers as a draft, or submit them.

    ``answers`` maps question ids to raw values. Wrong types raise a ``ValidationError`` whose
    keys are ``q<id>``; on submit, unanswered required questions do too. Nothing is written
    unless every answer is valid.
    """
    require(actor, "engagement.respond", consultation)
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not stored.is_published:
        raise PermissionDenied("not published")
    if not stored.is_open():
        if stored.has_closed():
            raise ValidationError(closed_message(stored), code="closed")
        raise ValidationError(
            _("This consultation opens on %(date)s.") % {"date": long_date(stored.opens_on)},
            code="not_open",
        )
    if organisation is not None and not is_org_member(actor, organisation):
        raise ValidationError(
            {"organisation": _("You can only respond for an organisation you belong to.")}
        )
    questions = {q.pk: q for q in stored.questions.all()}
    errors: dict[str, Any] = {}
    cleaned: dict[int, dict[str, Any]] = {}
    for question_id, value in answers.items():
        question = questions.get(int(question_id))
        if question is None:
            continue
        try:
            cleaned[question.pk] = clean_answer(question, value)
        except ValidationError as exc:
            errors[f"q{question.pk}"] = exc.messages
    response = (
        Response.objects.select_for_update().filter(consultation=stored, respondent=actor).first()
    )
    if response is not None and response.status == Response.Status.SUBMITTED:
        raise ValidationError(_("You have already submitted a response to this consultation."))
    if submit:
        for question in questions.values():
            given = cleaned.get(question.pk)
            if question.required and (given is None or all(is_blank(v) for v in given.values())):
                errors.setdefault(f"q{question.pk}", [_("Answer this question.")])
    if errors:
        raise ValidationError(errors)
    if response is None:
        response = Response(consultation=stored, respondent=actor, reference=_new_reference())
    response.organisation = organisation
    response.publish = publish
    if submit:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
    save_with_history(response, actor, "Submitted" if submit else "Draft saved")
    for question_id, values in cleaned.items():
        answer = Answer.objects.filter(response=response, question_id=question_id).first()
        answer = answer or Answer(response=response, question_id=question_id)
        for name, value in values.items():
            setattr(answer, name, value)
        save_with_history(answer, actor)
    if submit:
        emit(event_types.ResponseSubmitted(subject=response, consultation=stored), actor=actor)
        _after_commit(tasks.send_response_receipt, response.pk)
    return response


def _require_closed(consultation: Consultation) -> None:
    if not consultation.is_published or not consultation.has_closed():
        raise ValidationError(
            _("You can do this once the consultation has closed on %(date)s.")
            % {"date": long_date(consultation.closes_on)}
        )


@transaction.atomic
def write_response_summary(
    actor: User, consultation: Consultation, summary_en: str, summary_cy: str = ""
) -> Consultation:
    """The owner's summary of what respondents said, written after the close."""
    require(actor, "engagement.change_consultation", consultation)
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require_closed(stored)
    if not (summary_en.strip() or summary_cy.strip()):
        raise ValidationError(
            {"response_summary_en": _("Write the summary of responses, in English or Welsh.")}
        )
    stored.response_summary_en, stored.response_summary_cy = summary_en.strip(), summary_cy.strip()
    save_with_history(stored, actor, "Summary of responses")
    emit(event_types.ResponseSummaryWritten(subject=stored), actor=actor)
    return stored


@transaction.atomic
def publish_feedback(
    actor: User, consultation: Consultation, feedback_en: str, feedback_cy: str = ""
) -> Consultation:
    """Publish "you said, we did" and tell every respondent. Needs the summary first."""
    require(actor, "engagement.change_consultation", consultation)
    stored = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require_closed(stored)
    if stored.feedback_published_at is not None:
        raise ValidationError(_("The feedback has already been published."))
    if not (stored.response_summary_en or stored.response_summary_cy):
        raise ValidationError(_("Write the summary of responses before publishing feedback."))
    if not (feedback_en.strip() or feedback_cy.strip()):
        raise ValidationError(
            {"feedback_en": _("Write what you did about what people said, in English or Welsh.")}
        )
    overdue = stored.feedback_overdue()
    stored.feedback_en, stored.feedback_cy = feedback_en.strip(), feedback_cy.strip()
    stored.feedback_published_at = timezone.now()
    save_with_history(stored, actor, "Feedback published")
    respondents = stored.responses.filter(status=Response.Status.SUBMITTED).count()
    emit(
        event_types.FeedbackPublished(subject=stored, respondents=respondents, overdue=overdue),
        actor=actor,
    )
    _after_commit(tasks.send_feedback_notices, stored.pk)
    return stored


# --- Events --------------------------------------------------------------------------------

EVENT_FIELDS = [
    "kind",
    "title_en",
    "title_cy",
    "description_en",
    "description_cy",
    "location",
    "starts_at",
    "ends_at",
    "capacity",
]


@transaction.atomic
def create_event(
    actor: User, organiser: Organisation, data: Mapping[str, Any], themes: Iterable[Theme] = ()
) -> Event:
    require(actor, "engagement.add_event", organiser)
    event = Event(
        organiser=organiser, area=organiser.area, **{k: data[k] for k in EVENT_FIELDS if k in data}
    )
    event.full_clean()
    if event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    if event.capacity < 1:
        raise ValidationError({"capacity": _("Offer at least one place.")})
    save_with_history(event, actor, "Created", {"themes": themes})
    emit(event_types.EventCreated(subject=event), actor=actor)
    return event


@transaction.atomic
def add_material(actor: User, event: Event, data: Mapping[str, Any]) -> EventMaterial:
    require(actor, "engagement.manage_event", event)
    material = EventMaterial(event=event, **data)
    material.full_clean()
    save_with_history(material, actor, "Added")
    emit(event_types.MaterialAdded(subject=event, material=material), actor=actor)
    return material


@transaction.atomic
def register_for_event(actor: User, event: Event) -> Registration:
    """A place if one is free, otherwise the waiting list. The event row is locked so two
    people cannot take the last place."""
    require(actor, "engagement.register_for_event", event)
    stored = Event.objects.select_for_update().get(pk=event.pk)
    if stored.starts_at <= timezone.now():
        raise ValidationError(_("Registration has closed: this event has started."))
    registration = Registration.objects.filter(event=stored, user=actor).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return registration
    confirmed = stored.registrations.filter(status=Registration.Status.CONFIRMED).count()
    status = (
        Registration.Status.CONFIRMED
        if confirmed < stored.capacity
        else Registration.Status.WAITING
    )
    registration = registration or Registration(event=stored, user=actor)
    registration.status = status
    save_with_history(registration, actor, "Registered")
    emit(
        event_types.RegistrationChanged(subject=stored, registration=registration, status=status),
        actor=actor,
    )
    if status == Registration.Status.CONFIRMED:
        _after_commit(tasks.send_event_invitation, registration.pk)
    return registration


@transaction.atomic
def cancel_registration(actor: User, registration: Registration) -> Registration | None:
    """Give up a place; the first person waiting gets it (and their invitation).

    Returns the promoted registration, if any.
    """
    if registration.user_id != actor.pk:
        require(actor, "engagement.manage_event", registration.event)
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    stored = Registration.objects.get(pk=registration.pk)
    was_confirmed = stored.status == Registration.Status.CONFIRMED
    stored.status = Registration.Status.CANCELLED
    save_with_history(stored, actor, "Cancelled")
    emit(
        event_types.RegistrationChanged(subject=event, registration=stored, status=stored.status),
        actor=actor,
    )
    if not was_confirmed:
        return None
    waiting = event.registrations.filter(status=Registration.Status.WAITING).first()
    if waiting is None:
        return None
    waiting.status = Registration.Status.CONFIRMED
    save_with_history(waiting, actor, "Promoted from the waiting list")
    emit(
        event_types.RegistrationChanged(subject=event, registration=waiting, status=waiting.status),
        actor=actor,
    )
    _after_commit(tasks.send_event_invitation, waiting.pk)
    return waiting


@transaction.atomic
def record_attendance(actor: User, event: Event, attended_user_ids: Iterable[int]) -> int:
    """Mark who came, from the register of confirmed places. Returns how many attended."""
    require(actor, "engagement.manage_event", event)
    stored = Event.objects.select_for_update().get(pk=event.pk)
    if stored.starts_at > timezone.now():
        raise ValidationError(_("You can record attendance once the event has started."))
    present = {int(i) for i in attended_user_ids}
    registrations = list(stored.registrations.filter(status=Registration.Status.CONFIRMED))
    for registration in registrations:
        attended = registration.user_id in present
        if registration.attended != attended:
            registration.attended = attended
            save_with_history(registration, actor, "Attendance")
    count = sum(1 for r in registrations if r.attended)
    first_time = stored.attendance_recorded_at is None
    stored.attendance_recorded_at = timezone.now()
    save_with_history(stored, actor, "Attendance recorded")
    emit(
        event_types.AttendanceRecorded(
            subject=stored, attended=count, registered=len(registrations)
        ),
        actor=actor,
    )
    if first_time:
        emit(event_types.EventHeld(subject=stored, kind=stored.kind, attendees=count), actor=actor)
    return count
