"""Every change to the partnerships register goes through one of these functions.

Each checks permission, validates, writes inside one transaction with the acting user in
the history, and emits the domain event. Views and API endpoints call these; they never
save models. Invalid input raises ``ValidationError`` before anything is written.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.events import emit
from commonground.core.history import save_with_history
from commonground.core.models import Area, Organisation, Person, User
from commonground.core.permissions import require
from commonground.core.queries import unique_slug
from commonground.partnerships import event_types
from commonground.partnerships.files import validate_paper
from commonground.partnerships.models import (
    Attendance,
    Decision,
    LiaisonIssue,
    Meeting,
    MeetingAction,
    Paper,
    PartnershipBody,
    Seat,
    SeatHolding,
)
from commonground.partnerships.queries import term_end

# Slugs that would clash with the register's own URLs.
RESERVED_SLUGS = {"area", "areas", "staff", "new", "meetings", "papers", "issues"}


def _apply_fields(obj: models.Model, data: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _body_slug(name: str) -> str:
    slug = unique_slug(name, PartnershipBody)
    return f"{slug}-body" if slug in RESERVED_SLUGS else slug


def _check_parent(body: PartnershipBody, parent: PartnershipBody | None) -> None:
    node = parent
    while node is not None:
        if body.pk is not None and node.pk == body.pk:
            raise ValidationError(
                {"parent": _("A body cannot report to itself or to one of its own sub-groups.")}
            )
        node = node.parent


# Bodies


@transaction.atomic
def create_body(actor: User, data: dict[str, Any], areas: Sequence[Area]) -> PartnershipBody:
    """Add a partnership body to the register of each of ``areas``."""
    if not areas:
        raise ValidationError({"areas": _("Select at least one area.")})
    for area in areas:
        require(actor, "partnerships.add_body", area)
    body = PartnershipBody(**data)
    if not body.slug:
        body.slug = _body_slug(body.name_en)
    if body.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("That web address is reserved. Choose another.")})
    body.full_clean()
    body.skip_history_when_saving = True  # type: ignore[attr-defined]
    body.save()
    body.areas.set(areas)
    del body.skip_history_when_saving  # type: ignore[attr-defined]
    save_with_history(body, actor, "Created")
    emit(event_types.PartnershipBodyCreated(subject=body), actor=actor)
    return body


@transaction.atomic
def update_body(
    actor: User, body: PartnershipBody, data: dict[str, Any], areas: Sequence[Area] | None = None
) -> list[str]:
    """Change a body's details; returns the names of the fields that changed."""
    stored = PartnershipBody.objects.select_for_update().get(pk=body.pk)
    require(actor, "partnerships.change_body", stored)
    if "parent" in data:
        _check_parent(stored, data["parent"])
    changed = _apply_fields(stored, data)
    if areas is not None:
        if not areas:
            raise ValidationError({"areas": _("Select at least one area.")})
        before = set(stored.areas.values_list("pk", flat=True))
        if before != {a.pk for a in areas}:
            for area in areas:
                if area.pk not in before:
                    require(actor, "partnerships.add_body", area)
            changed.append("areas")
    if not changed:
        return []
    stored.full_clean()
    if "areas" in changed:
        stored.skip_history_when_saving = True  # type: ignore[attr-defined]
        stored.save()
        stored.areas.set(areas or [])
        del stored.skip_history_when_saving  # type: ignore[attr-defined]
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}")
    emit(event_types.PartnershipBodyUpdated(subject=stored, changed_fields=changed), actor=actor)
    return changed


# Seats and holders


@transaction.atomic
def add_seat(actor: User, body: PartnershipBody, data: dict[str, Any]) -> Seat:
    """Add a seat to a body: reserved for a named role, a sector seat, or ex officio."""
    require(actor, "partnerships.manage_seats", body)
    seat = Seat(body=body, **data)
    if seat.kind == Seat.Kind.RESERVED and not seat.reserved_for:
        raise ValidationError({"reserved_for": _("Enter the role this seat is reserved for.")})
    seat.full_clean()
    save_with_history(seat, actor, "Created")
    emit(event_types.SeatAdded(seat=seat), actor=actor)
    return seat


@transaction.atomic
def update_seat(actor: User, seat: Seat, data: dict[str, Any]) -> list[str]:
    stored = Seat.objects.select_for_update().get(pk=seat.pk)
    require(actor, "partnerships.manage_seats", stored.body)
    changed = _apply_fields(stored, data)
    if not changed:
        return []
    if stored.kind == Seat.Kind.RESERVED and not stored.reserved_for:
        raise ValidationError({"reserved_for": _("Enter the role this seat is reserved for.")})
    stored.full_clean()
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}")
    emit(event_types.SeatUpdated(seat=stored, changed_fields=changed), actor=actor)
    return changed


def _overlapping(
    seat: Seat, role: str, starts_on: date, ends_on: date
) -> models.QuerySet[SeatHolding]:
    """Holdings in the same role whose time in the seat overlaps ``starts_on`` to ``ends_on``."""
    return seat.holdings.filter(role=role, starts_on__lte=ends_on).filter(
        Q(ended_on__isnull=True, ends_on__gte=starts_on) | Q(ended_on__gt=starts_on)
    )


def _require_seats(actor: User | None, body: PartnershipBody) -> None:
    """Staff need ``manage_seats``. ``None`` is the system path: another app's verb that has
    checked its own permission (an election result, a substitute accepting), or a task."""
    if actor is not None:
        require(actor, "partnerships.manage_seats", body)


@transaction.atomic
def appoint_holder(
    actor: User | None,
    seat: Seat,
    *,
    person: Person,
    organisation: Organisation | None,
    route: str,
    starts_on: date,
    ends_on: date | None = None,
    role: str = SeatHolding.Role.HOLDER,
    end_current: bool = False,
    handover_note: str = "",
) -> SeatHolding:
    """Put ``person`` in the seat (or make them its substitute) from ``starts_on``.

    The term ends after the seat's term length unless ``ends_on`` is given. If someone else
    holds the seat in that role at the time, the appointment is refused, unless
    ``end_current`` is set: then their time in the seat ends the day the new term starts,
    and a term in that role that ran out earlier but was never closed ends on its last day.
    """
    seat = Seat.objects.select_for_update().select_related("body").get(pk=seat.pk)
    _require_seats(actor, seat.body)
    if role == SeatHolding.Role.SUBSTITUTE and not seat.has_substitute:
        raise ValidationError({"role": _("This seat does not have a substitute.")})
    ends_on = ends_on or term_end(seat, starts_on)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The term must end after it starts.")})
    clashes = list(_overlapping(seat, role, starts_on, ends_on))
    if clashes and not end_current:
        current = clashes[0]
        raise ValidationError(
            _("%(person)s is already in this seat until %(date)s. End their term first.")
            % {"person": current.person, "date": (current.ended_on or current.ends_on).isoformat()}
        )
    for clash in clashes:
        if clash.starts_on >= starts_on:
            raise ValidationError(_("Another term in this seat starts on or after this date."))
        clash.ended_on = starts_on
        if handover_note and not clash.handover_note:
            clash.handover_note = handover_note
        save_with_history(clash, actor, "Ended: replaced")
        emit(event_types.SeatHoldingEnded(holding=clash), actor=actor)
    if end_current:
        for lapsed in seat.holdings.filter(role=role, ended_on__isnull=True, ends_on__lt=starts_on):
            lapsed.ended_on = lapsed.ends_on
            save_with_history(lapsed, actor, "Ended: term ran out")
            emit(event_types.SeatHoldingEnded(holding=lapsed), actor=actor)
    holding = SeatHolding(
        seat=seat,
        role=role,
        person=person,
        organisation=organisation,
        route=route,
        starts_on=starts_on,
        ends_on=ends_on,
        handover_note="",
        created_by=actor,
    )
    holding.full_clean()
    save_with_history(holding, actor, "Appointed")
    emit(event_types.SeatHoldingStarted(holding=holding), actor=actor)
    return holding


@transaction.atomic
def end_holding(
    actor: User | None, holding: SeatHolding, ended_on: date, handover_note: str | None = None
) -> SeatHolding:
    """Record that the holder left the seat on ``ended_on``, with a note for the next holder."""
    stored = SeatHolding.objects.select_for_update().select_related("seat__body").get(pk=holding.pk)
    _require_seats(actor, stored.seat.body)
    if stored.ended_on is not None:
        raise ValidationError(_("This term has already ended."))
    if ended_on < stored.starts_on:
        raise ValidationError({"ended_on": _("The term cannot end before it started.")})
    stored.ended_on = ended_on
    if handover_note is not None:
        stored.handover_note = handover_note
    stored.full_clean()
    save_with_history(stored, actor, "Ended")
    emit(event_types.SeatHoldingEnded(holding=stored), actor=actor)
    return stored


@transaction.atomic
def write_handover_note(actor: User | None, holding: SeatHolding, note: str) -> SeatHolding:
    """Keep notes on a term for whoever holds the seat next."""
    stored = SeatHolding.objects.select_for_update().select_related("seat__body").get(pk=holding.pk)
    _require_seats(actor, stored.seat.body)
    stored.handover_note = note.strip()
    save_with_history(stored, actor, "Handover note")
    emit(event_types.HandoverNoteWritten(holding=stored), actor=actor)
    return stored


# Meetings


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


@transaction.atomic
def schedule_meeting(actor: User, body: PartnershipBody, data: dict[str, Any]) -> Meeting:
    """Add a meeting to a body's calendar."""
    require(actor, "partnerships.manage_meetings", body)
    meeting = Meeting(body=body, **data)
    meeting.status = Meeting.Status.SCHEDULED
    _check_times(meeting.starts_at, meeting.ends_at)
    meeting.full_clean()
    save_with_history(meeting, actor, "Scheduled")
    emit(event_types.MeetingScheduled(meeting=meeting), actor=actor)
    return meeting


@transaction.atomic
def update_meeting(actor: User, meeting: Meeting, data: dict[str, Any]) -> list[str]:
    """Change a meeting's time, place or agenda."""
    stored = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    require(actor, "partnerships.manage_meetings", stored.body)
    changed = _apply_fields(stored, data)
    if not changed:
        return []
    _check_times(stored.starts_at, stored.ends_at)
    stored.full_clean()
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}")
    emit(event_types.MeetingUpdated(meeting=stored, changed_fields=changed), actor=actor)
    return changed


@transaction.atomic
def cancel_meeting(actor: User, meeting: Meeting) -> Meeting:
    stored = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    require(actor, "partnerships.manage_meetings", stored.body)
    if stored.status == Meeting.Status.HELD:
        raise ValidationError(_("A meeting that has been held cannot be cancelled."))
    stored.status = Meeting.Status.CANCELLED
    save_with_history(stored, actor, "Cancelled")
    emit(event_types.MeetingCancelled(meeting=stored), actor=actor)
    return stored


@transaction.atomic
def upload_paper(actor: User, meeting: Meeting, title: str, file: UploadedFile) -> Paper:
    """Attach a paper (PDF, DOCX, ODT, XLSX, CSV or TXT, at most 20 MB) to a meeting."""
    require(actor, "partnerships.manage_meetings", meeting.body)
    validate_paper(file)
    if not title.strip():
        raise ValidationError({"title": _("Enter a title for the paper.")})
    paper = Paper(meeting=meeting, title=title.strip(), file=file)
    paper.full_clean()
    paper.save()
    emit(event_types.PaperUploaded(paper=paper), actor=actor)
    return paper


@transaction.atomic
def remove_paper(actor: User, paper: Paper) -> None:
    require(actor, "partnerships.manage_meetings", paper.meeting.body)
    emit(event_types.PaperRemoved(meeting=paper.meeting, title=paper.title), actor=actor)
    paper.file.delete(save=False)
    paper.delete()


@dataclass(frozen=True)
class AttendanceEntry:
    person: Person
    status: str
    organisation: Organisation | None = None


@dataclass(frozen=True)
class ActionEntry:
    description_en: str
    owner: Organisation
    due_on: date
    description_cy: str = ""


@transaction.atomic
def record_meeting(
    actor: User,
    meeting: Meeting,
    *,
    minutes_en: str | None = None,
    minutes_cy: str | None = None,
    attendance: Iterable[AttendanceEntry] = (),
    decisions: Iterable[tuple[str, str]] = (),
    actions: Iterable[ActionEntry] = (),
) -> Meeting:
    """Record what happened at a meeting and mark it held.

    Minutes replace what was there; attendance is updated person by person; decisions
    and actions are added. The first time, this emits ``meeting.held``, which starts the
    clock for the sector representative's report-back.
    """
    stored = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    require(actor, "partnerships.manage_meetings", stored.body)
    if stored.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled, so it cannot be recorded as held."))
    if stored.starts_at > timezone.now():
        raise ValidationError(
            _("This meeting has not started yet. Record it once it has taken place.")
        )
    first_time = stored.status != Meeting.Status.HELD
    if minutes_en is not None:
        stored.minutes_en = minutes_en
    if minutes_cy is not None:
        stored.minutes_cy = minutes_cy
    stored.status = Meeting.Status.HELD
    stored.full_clean()
    save_with_history(stored, actor, "Recorded")

    for entry in attendance:
        if entry.status not in Attendance.Status.values:
            raise ValidationError(_("Select a valid attendance for each person."))
        Attendance.objects.update_or_create(
            meeting=stored,
            person=entry.person,
            defaults={"status": entry.status, "organisation": entry.organisation},
        )
    new_decisions = 0
    for text_en, text_cy in decisions:
        if not text_en.strip():
            raise ValidationError(_("Enter the decision in English."))
        Decision.objects.create(meeting=stored, text_en=text_en.strip(), text_cy=text_cy.strip())
        new_decisions += 1
    new_actions = 0
    for item in actions:
        if not item.description_en.strip():
            raise ValidationError(_("Enter what the action is, in English."))
        action = MeetingAction(
            meeting=stored,
            description_en=item.description_en.strip(),
            description_cy=item.description_cy.strip(),
            owner=item.owner,
            due_on=item.due_on,
        )
        action.full_clean()
        save_with_history(action, actor, "Agreed")
        new_actions += 1
    if first_time:
        emit(
            event_types.MeetingHeld(meeting=stored, decisions=new_decisions, actions=new_actions),
            actor=actor,
        )
    return stored


@transaction.atomic
def set_action_status(actor: User, action: MeetingAction, status: str) -> MeetingAction:
    stored = (
        MeetingAction.objects.select_for_update().select_related("meeting__body").get(pk=action.pk)
    )
    require(actor, "partnerships.manage_meetings", stored.meeting.body)
    if status not in MeetingAction.Status.values:
        raise ValidationError({"status": _("Select a valid status.")})
    if stored.status != status:
        stored.status = status
        save_with_history(stored, actor, f"Status: {status}")
        emit(event_types.MeetingActionStatusSet(action=stored, status=status), actor=actor)
    return stored


# Liaison issues log


@transaction.atomic
def raise_liaison_issue(
    actor: User,
    meeting: Meeting,
    *,
    raised_by: Organisation,
    text: Mapping[str, str],
) -> LiaisonIssue:
    """Log a matter the sector raised at ``meeting``. It now needs a written response, or an
    officer at the next meeting (004 L352).

    ``text`` holds ``title_en``/``title_cy`` and ``description_en``/``description_cy``:
    each in English, Welsh or both.
    """
    require(actor, "partnerships.manage_liaison", meeting.body)
    issue = LiaisonIssue(body=meeting.body, raised_at=meeting, raised_by=raised_by)
    for name in ("title_en", "title_cy", "description_en", "description_cy"):
        setattr(issue, name, (text.get(name) or "").strip())
    errors = {}
    if not (issue.title_en or issue.title_cy):
        errors["title_en"] = _("Enter a title in English or Welsh.")
    if not (issue.description_en or issue.description_cy):
        errors["description_en"] = _("Enter what the sector raised, in English or Welsh.")
    if errors:
        raise ValidationError(errors)
    issue.full_clean()
    save_with_history(issue, actor, "Raised")
    emit(event_types.LiaisonIssueRaised(issue=issue), actor=actor)
    return issue


@transaction.atomic
def answer_liaison_issue(
    actor: User,
    issue: LiaisonIssue,
    response_en: str,
    response_cy: str = "",
    responded_on: date | None = None,
) -> LiaisonIssue:
    """Record the public body's written response to an issue, in English, Welsh or both."""
    stored = LiaisonIssue.objects.select_for_update().select_related("body").get(pk=issue.pk)
    require(actor, "partnerships.answer_liaison", stored.body)
    if not (response_en.strip() or response_cy.strip()):
        raise ValidationError(
            {"response_en": _("Enter the written response, in English or Welsh.")}
        )
    if stored.status == LiaisonIssue.Status.CLOSED:
        raise ValidationError(_("This issue is closed."))
    responded_on = responded_on or timezone.localdate()
    if responded_on > timezone.localdate():
        raise ValidationError({"responded_on": _("The response date cannot be in the future.")})
    stored.response_en, stored.response_cy = response_en.strip(), response_cy.strip()
    stored.responded_on = responded_on
    stored.status = LiaisonIssue.Status.ANSWERED
    stored.full_clean()
    save_with_history(stored, actor, "Answered")
    emit(event_types.LiaisonIssueAnswered(issue=stored), actor=actor)
    return stored


@transaction.atomic
def arrange_officer_attendance(actor: User, issue: LiaisonIssue, officer: str) -> LiaisonIssue:
    """Record that an officer will attend the next meeting to respond in person."""
    stored = LiaisonIssue.objects.select_for_update().select_related("body").get(pk=issue.pk)
    require(actor, "partnerships.answer_liaison", stored.body)
    if not officer.strip():
        raise ValidationError({"officer_attending": _("Enter the name and role of the officer.")})
    if stored.status in (LiaisonIssue.Status.ANSWERED, LiaisonIssue.Status.CLOSED):
        raise ValidationError(_("This issue has already been answered."))
    stored.officer_attending = officer.strip()
    stored.status = LiaisonIssue.Status.OFFICER_ATTENDING
    stored.full_clean()
    save_with_history(stored, actor, "Officer attending")
    emit(event_types.OfficerAttendanceArranged(issue=stored), actor=actor)
    return stored


@transaction.atomic
def close_liaison_issue(actor: User, issue: LiaisonIssue) -> LiaisonIssue:
    stored = LiaisonIssue.objects.select_for_update().select_related("body").get(pk=issue.pk)
    require(actor, "partnerships.manage_liaison", stored.body)
    if stored.status == LiaisonIssue.Status.OPEN:
        raise ValidationError(
            _("An issue can only be closed once it has been answered or an officer has attended.")
        )
    stored.status = LiaisonIssue.Status.CLOSED
    save_with_history(stored, actor, "Closed")
    emit(event_types.LiaisonIssueClosed(issue=stored), actor=actor)
    return stored
