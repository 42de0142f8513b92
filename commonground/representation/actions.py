"""Every change in representation: vacancies, nominations, elections, report-backs.

Each verb checks permission, validates with a message the user can act on, writes inside
one transaction, keeps history and emits the domain event. Voting is the exception to
history and events on purpose: see ``cast_ballot``.
"""

import logging
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.bilingual import require_either
from commonground.core.dates import long_date, long_datetime
from commonground.core.events import emit
from commonground.core.history import save_with_history
from commonground.core.models import Organisation, Person, User
from commonground.core.permissions import require
from commonground.partnerships import actions as partnership_actions
from commonground.partnerships.models import Meeting, Seat, SeatHolding
from commonground.representation import ballot_box, eligibility, event_types
from commonground.representation.models import (
    AreaPolicy,
    Candidate,
    Election,
    Elector,
    Endorsement,
    Nomination,
    ReportBack,
    ReportBackComment,
    Vacancy,
)
from commonground.representation.queries import area_of, policy_for, voters_for

logger = logging.getLogger(__name__)


def _word_count(text: str) -> int:
    return len(text.split())


@transaction.atomic
def advertise_vacancy(
    actor: User,
    seat: Seat,
    *,
    role_description_en: str,
    role_description_cy: str = "",
    opens_on: date | None = None,
    window_days: int | None = None,
    word_limit: int | None = None,
) -> Vacancy:
    """Open nominations for a sector seat and tell eligible organisations by email."""
    require(actor, "representation.manage", seat)
    if seat.kind != Seat.Kind.SECTOR:
        raise ValidationError(_("Only sector seats are filled by nomination and election."))
    if seat.vacancies.filter(status__in=[Vacancy.Status.OPEN, Vacancy.Status.ELECTION]).exists():
        raise ValidationError(_("This seat already has an open vacancy."))
    area = area_of(seat)
    policy = policy_for(area)
    opens_on = opens_on or timezone.localdate()
    closes_on = opens_on + timedelta(days=window_days or policy.vacancy_window_days)
    current = seat.current_holding()
    vacancy = Vacancy(
        seat=seat,
        opens_on=opens_on,
        closes_on=closes_on,
        # When the current term ends, or, for a vacant seat, once a vote could be over.
        term_starts_on=current.ends_on
        if current and current.ends_on > closes_on
        else closes_on + timedelta(days=policy.voting_window_days + 1),
        role_description_en=role_description_en,
        role_description_cy=role_description_cy,
        word_limit=word_limit or policy.statement_word_limit,
        advertised_by=actor,
    )
    vacancy.full_clean()
    save_with_history(vacancy, actor)
    emit(event_types.VacancyAdvertised(vacancy=vacancy), actor=actor)
    return vacancy


@transaction.atomic
def submit_nomination(
    actor: User, vacancy: Vacancy, organisation: Organisation, nominee: Person, statement: str
) -> Nomination:
    """A nominee stands on behalf of an organisation. Refused with the reason if ineligible."""
    require(actor, "representation.act_for_organisation", organisation)
    today = timezone.localdate()
    if vacancy.status != Vacancy.Status.OPEN or not vacancy.opens_on <= today <= vacancy.closes_on:
        raise ValidationError(
            _("Nominations for this seat are open from %(opens)s to %(closes)s.")
            % {"opens": long_date(vacancy.opens_on), "closes": long_date(vacancy.closes_on)}
        )
    errors: dict[str, list[str]] = {}
    words = _word_count(statement)
    if not words:
        errors["statement"] = [_("Write a statement about why you are standing.")]
    elif words > vacancy.word_limit:
        errors["statement"] = [
            _("Your statement has %(words)d words. It must be %(limit)d words or fewer.")
            % {"words": words, "limit": vacancy.word_limit}
        ]
    if not nominee.affiliations.filter(organisation=organisation).exists():
        errors["nominee"] = [_("The nominee must be connected to the organisation.")]
    if vacancy.nominations.filter(organisation=organisation).exists():
        errors["organisation"] = [
            _("%(organisation)s has already made a nomination for this seat.")
            % {"organisation": organisation}
        ]
    area = area_of(vacancy.seat)
    rules = eligibility.rules_for(vacancy.seat, area)
    failures = eligibility.check_organisation(organisation, vacancy.seat, area, rules, today)
    failures += eligibility.check_nominee(nominee, vacancy.seat, vacancy.term_starts_on)
    if failures:
        errors.setdefault("organisation", []).extend(str(f.reason) for f in failures)
    if errors:
        raise ValidationError(errors)
    nomination = Nomination(
        vacancy=vacancy,
        organisation=organisation,
        nominee=nominee,
        statement=statement.strip(),
        submitted_by=actor,
    )
    try:
        with transaction.atomic():
            save_with_history(nomination, actor)
    except IntegrityError as exc:  # a second nomination racing the first
        raise ValidationError(
            {
                "organisation": [
                    _("%(organisation)s has already made a nomination for this seat.")
                    % {"organisation": organisation}
                ]
            }
        ) from exc
    emit(event_types.NominationReceived(nomination=nomination), actor=actor)
    return nomination


@transaction.atomic
def endorse_nomination(
    actor: User, nomination: Nomination, organisation: Organisation
) -> Endorsement:
    require(actor, "representation.act_for_organisation", organisation)
    if organisation.pk == nomination.organisation_id:
        raise ValidationError(_("An organisation cannot endorse its own nomination."))
    if not organisation.memberships.exists():
        raise ValidationError(
            _("Only organisations registered with the infrastructure body can endorse.")
        )
    endorsement, created = Endorsement.objects.get_or_create(
        nomination=nomination, organisation=organisation, defaults={"endorsed_by": actor}
    )
    if not created:
        raise ValidationError(
            _("%(organisation)s has already endorsed this nomination.")
            % {"organisation": organisation}
        )
    emit(event_types.NominationEndorsed(endorsement=endorsement), actor=actor)
    return endorsement


@transaction.atomic
def validate_nomination(
    actor: User, nomination: Nomination, *, accept: bool, reason: str = ""
) -> Nomination:
    """Staff accept a nomination or reject it with a reason the nominee sees."""
    vacancy = nomination.vacancy
    require(actor, "representation.manage", vacancy.seat)
    if nomination.status not in (
        Nomination.Status.SUBMITTED,
        Nomination.Status.VALID,
        Nomination.Status.REJECTED,
    ):
        raise ValidationError(_("This nomination can no longer be changed."))
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError(_("Nominations for this vacancy have closed."))
    if accept:
        area = area_of(vacancy.seat)
        rules = eligibility.rules_for(vacancy.seat, area)
        needed = rules.min_endorsements
        if needed and nomination.endorsements.count() < needed:
            raise ValidationError(
                _("This nomination needs %(needed)d endorsements and has %(has)d.")
                % {"needed": needed, "has": nomination.endorsements.count()}
            )
        nomination.status, nomination.rejection_reason = Nomination.Status.VALID, ""
    else:
        if not reason.strip():
            raise ValidationError({"reason": [_("Give the reason for rejecting the nomination.")]})
        nomination.status, nomination.rejection_reason = Nomination.Status.REJECTED, reason.strip()
    save_with_history(nomination, actor)
    emit(event_types.NominationValidated(nomination=nomination, accepted=accept), actor=actor)
    return nomination


def _appoint(nomination: Nomination, route: str, actor: User | None) -> SeatHolding:
    vacancy, seat = nomination.vacancy, nomination.vacancy.seat
    # A vacant seat is filled at once; a held one when the current term ends.
    starts_on = vacancy.term_starts_on if seat.current_holding() else timezone.localdate()
    # The seat is partnerships' record: its verb keeps the term rule, the overlap check and
    # the seat-holding events. This verb has checked its own permission, so the system path.
    holding = partnership_actions.appoint_holder(
        None,
        seat,
        person=nomination.nominee,
        organisation=nomination.organisation,
        route=route,
        starts_on=starts_on,
        end_current=True,
    )
    vacancy.status = Vacancy.Status.FILLED
    save_with_history(vacancy, actor)
    return holding


@transaction.atomic
def close_nominations(
    actor: User,
    vacancy: Vacancy,
    *,
    method: str = Election.Method.SCOTTISH,
    opens_at: datetime | None = None,
    early_reason: str = "",
) -> Vacancy:
    """None valid: closed for re-advertising. One: appointed unopposed. More: an election.

    Before the closing date only with ``early_reason`` (say, every eligible organisation has
    answered): the vacancy then closes today, and the reason is kept in its history and event.
    """
    require(actor, "representation.manage", vacancy.seat)
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError(_("Nominations for this vacancy have already closed."))
    today = timezone.localdate()
    early = today <= vacancy.closes_on
    if early and not early_reason.strip():
        raise ValidationError(
            {"reason": [_("Give the reason for closing nominations before the closing date.")]}
        )
    if vacancy.nominations.filter(status=Nomination.Status.SUBMITTED).exists():
        raise ValidationError(_("Accept or reject every nomination before closing."))
    if early:
        previous = vacancy.closes_on
        vacancy.closes_on = today
        save_with_history(vacancy, actor, early_reason.strip())
        emit(
            event_types.NominationsClosedEarly(
                vacancy=vacancy,
                advertised_close=previous.isoformat(),
                reason=early_reason.strip(),
            ),
            actor=actor,
        )
    valid = list(vacancy.nominations.filter(status=Nomination.Status.VALID).order_by("pk"))
    if not valid:
        vacancy.status = Vacancy.Status.NO_NOMINEES
        save_with_history(vacancy, actor)
    elif len(valid) == 1:
        _appoint(valid[0], SeatHolding.Route.UNOPPOSED, actor)
        emit(event_types.RepresentativeAppointed(nomination=valid[0]), actor=actor)
    else:
        if method not in Election.Method.values:
            raise ValidationError({"method": [_("Choose a counting method.")]})
        policy = policy_for(area_of(vacancy.seat))
        opens_at = opens_at or timezone.now()
        election = Election(
            vacancy=vacancy,
            method=method,
            seats=1,
            opens_at=opens_at,
            closes_at=opens_at + timedelta(days=policy.voting_window_days),
        )
        save_with_history(election, actor)
        for position, nomination in enumerate(valid, start=1):
            Candidate.objects.create(election=election, nomination=nomination, position=position)
        vacancy.status = Vacancy.Status.ELECTION
        save_with_history(vacancy, actor)
    return vacancy


@transaction.atomic
def open_voting(actor: User, election: Election) -> Election:
    """Freeze the electorate and open the ballot box."""
    require(actor, "representation.manage", election.vacancy.seat)
    if election.status != Election.Status.SCHEDULED:
        raise ValidationError(_("Voting has already opened for this election."))
    area = area_of(election.vacancy.seat)
    individual = policy_for(area).electorate == AreaPolicy.Electorate.INDIVIDUAL
    voters = voters_for(area, individual=individual)
    Elector.objects.bulk_create(
        [
            Elector(election=election, person=v)
            if individual
            else Elector(election=election, organisation=v)
            for v in voters
        ]
    )
    election.electorate_size = len(voters)
    election.status = Election.Status.OPEN
    election.opens_at = min(election.opens_at, timezone.now())
    save_with_history(election, actor)
    emit(event_types.VotingOpened(election=election, electorate=len(voters)), actor=actor)
    return election


def _check_preferences(election: Election, preferences: list[int]) -> list[int]:
    positions = set(election.candidates.values_list("position", flat=True))
    if not preferences:
        raise ValidationError({"preferences": [_("Choose at least one candidate.")]})
    if any(p not in positions for p in preferences):
        raise ValidationError(
            {"preferences": [_("The ballot names a candidate who is not standing.")]}
        )
    if len(set(preferences)) != len(preferences):
        raise ValidationError(
            {"preferences": [_("Each candidate can be given only one preference.")]}
        )
    if election.method == Election.Method.FPTP and len(preferences) != 1:
        raise ValidationError({"preferences": [_("Vote for one candidate only.")]})
    return preferences


def _lock_for_casting(election: Election) -> Election:
    """Re-read the election under a shared row lock (PostgreSQL), so closing waits for every
    cast in flight and no ballot is left in holding after the box is sealed."""
    if connection.vendor != "postgresql":
        return Election.objects.get(pk=election.pk)  # SQLite serialises every write
    return Election.objects.raw(
        "SELECT * FROM representation_election WHERE id = %s FOR KEY SHARE", [election.pk]
    )[0]


def cast_ballot(
    actor: User, election: Election, voter: Organisation | Person, preferences: list[int]
) -> None:
    """Record one secret ballot for an elector, once.

    The elector's ``has_voted`` flips from false to true in a conditional UPDATE, and the
    ballot goes into holding in the same transaction: a second or concurrent vote finds
    nothing to update and writes nothing. A full batch is then mixed into the box by a task
    in a transaction of its own (see ``ballot_box``). Deliberately no history, no domain
    event and no log line.
    """
    roll: dict[str, Organisation | Person]
    if isinstance(voter, Organisation):
        require(actor, "representation.act_for_organisation", voter)
        roll = {"organisation": voter}
    else:
        if actor.person_id != voter.pk:
            raise PermissionDenied("representation.vote")
        roll = {"person": voter}
    _check_preferences(election, preferences)
    with transaction.atomic():
        election = _lock_for_casting(election)
        now = timezone.now()
        if (
            election.status != Election.Status.OPEN
            or not election.opens_at <= now < election.closes_at
        ):
            raise ValidationError(
                _("Voting is open from %(opens)s to %(closes)s.")
                % {
                    "opens": long_datetime(election.opens_at),
                    "closes": long_datetime(election.closes_at),
                }
            )
        updated = Elector.objects.filter(election=election, has_voted=False, **roll).update(
            has_voted=True
        )
        if updated != 1:
            if Elector.objects.filter(election=election, **roll).exists():
                raise ValidationError(
                    _("A vote has already been cast for %(voter)s in this election.")
                    % {"voter": voter}
                )
            raise ValidationError(
                _("%(voter)s is not on the electoral roll for this election.") % {"voter": voter}
            )
        ballot_box.hold(election, preferences)


@transaction.atomic
def close_voting(actor: User | None, election: Election, early_reason: str = "") -> Election:
    """Close the ballot box once the window has ended; the count runs as a background task
    (``listeners`` queues it when ``VotingClosed`` commits).

    Early only once every elector has voted, and with ``early_reason``, kept in the history.
    """
    if actor is not None:
        require(actor, "representation.manage", election.vacancy.seat)
    # Waits for every cast in flight (they hold a shared lock on the row) before sealing the box.
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.OPEN:
        raise ValidationError(_("Voting is not open for this election."))
    if early_reason.strip() and timezone.now() < election.closes_at:
        _close_voting_early(actor, election, early_reason.strip())
    if timezone.now() < election.closes_at:
        raise ValidationError(
            _("Voting closes at %(closes)s.") % {"closes": long_datetime(election.closes_at)}
        )
    ballot_box.seal(election)
    election.status = Election.Status.CLOSED
    save_with_history(election, actor)
    emit(event_types.VotingClosed(election=election), actor=actor)
    return election


def _close_voting_early(actor: User | None, election: Election, reason: str) -> None:
    if election.electors.filter(has_voted=False).exists():
        raise ValidationError(_("Voting can close early only once every elector has voted."))
    previous = election.closes_at
    election.closes_at = timezone.now()
    election._change_reason = reason  # type: ignore[attr-defined]
    emit(
        event_types.VotingClosedEarly(
            election=election, advertised_close=previous.isoformat(), reason=reason
        ),
        actor=actor,
    )


def _required_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the change.")]})
    return reason.strip()


@transaction.atomic
def extend_nominations(actor: User, vacancy: Vacancy, closes_on: date, reason: str) -> Vacancy:
    """Move the closing date of an open vacancy later, with the reason kept in its history."""
    require(actor, "representation.manage", vacancy.seat)
    reason = _required_reason(reason)
    if vacancy.status != Vacancy.Status.OPEN:
        raise ValidationError(_("Nominations for this vacancy have already closed."))
    if closes_on <= vacancy.closes_on or closes_on < timezone.localdate():
        raise ValidationError(
            {
                "closes_on": [
                    _("Choose a date after %(date)s.") % {"date": long_date(vacancy.closes_on)}
                ]
            }
        )
    previous = vacancy.closes_on
    vacancy.closes_on = closes_on
    vacancy.term_starts_on = max(vacancy.term_starts_on, closes_on + timedelta(days=1))
    save_with_history(vacancy, actor, reason)
    emit(
        event_types.NominationsExtended(
            vacancy=vacancy, previous_close=previous.isoformat(), reason=reason
        ),
        actor=actor,
    )
    return vacancy


@transaction.atomic
def extend_voting(actor: User, election: Election, closes_at: datetime, reason: str) -> Election:
    """Move the close of voting later (scheduled or open), with the reason in its history."""
    require(actor, "representation.manage", election.vacancy.seat)
    reason = _required_reason(reason)
    if election.status not in (Election.Status.SCHEDULED, Election.Status.OPEN):
        raise ValidationError(_("Voting is not open for this election."))
    if closes_at <= election.closes_at or closes_at <= timezone.now():
        raise ValidationError(
            {
                "closes_at": [
                    _("Choose a time after %(closes)s.")
                    % {"closes": long_datetime(election.closes_at)}
                ]
            }
        )
    previous = election.closes_at
    election.closes_at = closes_at
    save_with_history(election, actor, reason)
    emit(
        event_types.VotingExtended(
            election=election, previous_close=previous.isoformat(), reason=reason
        ),
        actor=actor,
    )
    return election


@transaction.atomic
def record_result(election: Election) -> Election:
    """Count the ballots and publish the result (run by the task).

    Any failure leaves the election "count failed" with the error for staff, and nothing of
    the half-finished count: staff put the fault right and retry (``recount_election``).
    """
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.CLOSED:
        return election
    try:
        with transaction.atomic():
            _publish_result(election)
    except Exception as exc:  # whatever breaks a count, staff must see it and retry
        logger.exception("Count of election %s failed", election.pk)
        election.refresh_from_db()
        election.status = Election.Status.COUNT_FAILED
        election.count_error = f"{type(exc).__name__}: {exc}"
        save_with_history(election, None)
        emit(event_types.CountFailed(election=election, error=election.count_error))
    return election


def _publish_result(election: Election) -> None:
    from commonground.representation import counting

    outcome = counting.count(election)
    election.result = outcome.result.to_dict()
    election.blt = outcome.blt
    election.ballots_cast = outcome.ballots
    election.status = Election.Status.COUNTED
    election.count_error = ""
    save_with_history(election, None)
    for order, candidate in enumerate(outcome.elected, start=1):
        candidate.elected, candidate.elected_order = True, order
        candidate.save(update_fields=["elected", "elected_order"])
        _appoint(candidate.nomination, SeatHolding.Route.ELECTED, None)
        emit(event_types.RepresentativeElected(nomination=candidate.nomination, election=election))
    if outcome.runner_up is not None:
        outcome.runner_up.runner_up = True
        outcome.runner_up.save(update_fields=["runner_up"])


@transaction.atomic
def recount_election(actor: User, election: Election) -> Election:
    """Run the count again after it failed, or if its task was lost while counting."""
    require(actor, "representation.manage", election.vacancy.seat)
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status not in (Election.Status.CLOSED, Election.Status.COUNT_FAILED):
        raise ValidationError(_("Only a closed election that has not been counted can be counted."))
    election.status, election.count_error = Election.Status.CLOSED, ""
    save_with_history(election, actor)
    emit(event_types.RecountRequested(election=election), actor=actor)
    return election


@transaction.atomic
def void_election(actor: User, election: Election, reason: str) -> Election:
    """Void with a recorded reason. Ballots and the count are kept; any term it began ends."""
    require(actor, "representation.manage", election.vacancy.seat)
    if election.status == Election.Status.VOID:
        raise ValidationError(_("This election is already void."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for voiding the election.")]})
    today = timezone.localdate()
    ended = []
    for candidate in election.candidates.filter(elected=True):
        for holding in SeatHolding.objects.filter(
            seat=election.vacancy.seat,
            person=candidate.nomination.nominee,
            route=SeatHolding.Route.ELECTED,
            ended_on__isnull=True,
        ):
            partnership_actions.end_holding(None, holding, max(today, holding.starts_on))
            ended.append(holding.pk)
    election.status, election.void_reason = Election.Status.VOID, reason.strip()
    save_with_history(election, actor)
    vacancy = election.vacancy
    vacancy.status = Vacancy.Status.CANCELLED
    save_with_history(vacancy, actor)
    emit(
        event_types.ElectionVoided(election=election, reason=reason.strip(), ended_holdings=ended),
        actor=actor,
    )
    return election


@transaction.atomic
def accept_substitute(actor: User, candidate: Candidate) -> SeatHolding:
    """The runner-up takes the substitute seat."""
    if not candidate.runner_up:
        raise ValidationError(_("Only the runner-up is offered the substitute seat."))
    nomination = candidate.nomination
    if actor.person_id != nomination.nominee_id and not actor.has_perm(
        "representation.manage", nomination.vacancy.seat
    ):
        raise PermissionDenied("representation.accept_substitute")
    seat = nomination.vacancy.seat
    if seat.holdings.filter(
        role=SeatHolding.Role.SUBSTITUTE, person=nomination.nominee, ended_on__isnull=True
    ).exists():
        raise ValidationError(_("You are already the substitute for this seat."))
    return partnership_actions.appoint_holder(
        None,
        seat,
        person=nomination.nominee,
        organisation=nomination.organisation,
        route=SeatHolding.Route.ELECTED,
        starts_on=nomination.vacancy.term_starts_on,
        role=SeatHolding.Role.SUBSTITUTE,
    )


@transaction.atomic
def post_report_back(
    actor: User, holding: SeatHolding, meeting: Meeting, fields: dict[str, str]
) -> ReportBack:
    """The representative reports, in plain language, what a meeting decided."""
    require(actor, "representation.post_report_back", holding)
    if meeting.body_id != holding.seat.body_id:
        raise ValidationError({"meeting": [_("That meeting is not of the body this seat is on.")]})
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            {"meeting": [_("You can report back only on a meeting that has taken place.")]}
        )
    if ReportBack.objects.filter(holding=holding, meeting=meeting).exists():
        raise ValidationError({"meeting": [_("You have already reported back on this meeting.")]})
    report_back = ReportBack(holding=holding, meeting=meeting, author=actor, **fields)
    report_back.full_clean()
    require_either(
        report_back,
        {
            "title": _("Enter a title in English or Welsh."),
            "decided": _("Enter what was decided, in English or Welsh."),
            "meaning": _("Enter what it means for the sector, in English or Welsh."),
        },
    )
    save_with_history(report_back, actor)
    emit(event_types.ReportBackPublished.of(report_back), actor=actor)
    return report_back


@transaction.atomic
def comment_on_report_back(
    actor: User, report_back: ReportBack, organisation: Organisation, text: str, answers_ask: bool
) -> ReportBackComment:
    require(actor, "representation.act_for_organisation", organisation)
    comment = ReportBackComment(
        report_back=report_back,
        organisation=organisation,
        author=actor,
        text=text.strip(),
        answers_ask=answers_ask,
    )
    comment.full_clean()
    comment.save()
    emit(event_types.ReportBackCommented(comment=comment, answers_ask=answers_ask), actor=actor)
    return comment


def save_handover_note(actor: User, holding: SeatHolding, note: str) -> SeatHolding:
    """The outgoing holder leaves notes for whoever holds the seat next."""
    require(actor, "representation.post_report_back", holding)
    return partnership_actions.write_handover_note(None, holding, note)
