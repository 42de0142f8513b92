"""Every change in representation: vacancies, nominations, elections, report-backs.

Each verb checks permission, validates with a message the user can act on, writes inside
one transaction, keeps history and emits the domain event. Voting is the exception to
history and events on purpose: see ``cast_ballot``.
"""

from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.dates import long_date, long_datetime
from commonground.core.events import emit
from commonground.core.models import Area, Organisation, Person, User
from commonground.core.permissions import require
from commonground.partnerships.models import Meeting, Seat, SeatHolding
from commonground.representation import eligibility, event_types, tasks
from commonground.representation.models import (
    AreaPolicy,
    Ballot,
    Candidate,
    Election,
    Elector,
    Endorsement,
    Nomination,
    ReportBack,
    ReportBackComment,
    Vacancy,
)
from commonground.representation.queries import area_of, voters_for


def policy_for(area: Area) -> AreaPolicy:
    policy, _created = AreaPolicy.objects.get_or_create(area=area)
    return policy


def word_count(text: str) -> int:
    return len(text.split())


def _history(obj: Any, actor: User | None) -> Any:
    obj._history_user = actor
    return obj


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
    _history(vacancy, actor).save()
    emit(event_types.VacancyAdvertised(vacancy=vacancy), actor=actor)
    transaction.on_commit(lambda: tasks.notify_eligible_organisations.enqueue(vacancy.pk))
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
    words = word_count(statement)
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
            _history(nomination, actor).save()
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
    _history(nomination, actor).save()
    return nomination


def _appoint(nomination: Nomination, route: str, actor: User | None) -> SeatHolding:
    vacancy, seat = nomination.vacancy, nomination.vacancy.seat
    # A vacant seat is filled at once; a held one when the current term ends.
    starts_on = vacancy.term_starts_on if seat.current_holding() else timezone.localdate()
    for current in seat.holdings.filter(role=SeatHolding.Role.HOLDER, ended_on__isnull=True):
        current.ended_on = min(current.ends_on, starts_on)
        _history(current, actor).save()
    holding = SeatHolding(
        seat=seat,
        role=SeatHolding.Role.HOLDER,
        person=nomination.nominee,
        organisation=nomination.organisation,
        route=route,
        starts_on=starts_on,
        ends_on=starts_on + relativedelta(months=seat.term_months),
        created_by=actor,
    )
    _history(holding, actor).save()
    vacancy.status = Vacancy.Status.FILLED
    _history(vacancy, actor).save()
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
        vacancy._change_reason = early_reason.strip()  # type: ignore[attr-defined]
        _history(vacancy, actor).save()
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
        _history(vacancy, actor).save()
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
        _history(election, actor).save()
        for position, nomination in enumerate(valid, start=1):
            Candidate.objects.create(election=election, nomination=nomination, position=position)
        vacancy.status = Vacancy.Status.ELECTION
        _history(vacancy, actor).save()
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
    _history(election, actor).save()
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


def cast_ballot(
    actor: User, election: Election, voter: Organisation | Person, preferences: list[int]
) -> None:
    """Record one secret ballot for an elector, once.

    The elector's ``has_voted`` flips from false to true in a conditional UPDATE, and the
    ballot is written in the same transaction: a second or concurrent vote finds nothing to
    update and writes nothing. Deliberately no history, no domain event and no log line.
    """
    roll: dict[str, Organisation | Person]
    if isinstance(voter, Organisation):
        require(actor, "representation.act_for_organisation", voter)
        roll = {"organisation": voter}
    else:
        if actor.person_id != voter.pk:
            raise PermissionDenied("representation.vote")
        roll = {"person": voter}
    now = timezone.now()
    if election.status != Election.Status.OPEN or not election.opens_at <= now < election.closes_at:
        raise ValidationError(
            _("Voting is open from %(opens)s to %(closes)s.")
            % {
                "opens": long_datetime(election.opens_at),
                "closes": long_datetime(election.closes_at),
            }
        )
    _check_preferences(election, preferences)
    with transaction.atomic():
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
        Ballot.objects.create(election=election, preferences=preferences)


@transaction.atomic
def close_voting(actor: User | None, election: Election, early_reason: str = "") -> Election:
    """Close the ballot box once the window has ended; the count runs as a background task.

    Early only once every elector has voted, and with ``early_reason``, kept in the history.
    """
    if actor is not None:
        require(actor, "representation.manage", election.vacancy.seat)
    if election.status != Election.Status.OPEN:
        raise ValidationError(_("Voting is not open for this election."))
    if early_reason.strip() and timezone.now() < election.closes_at:
        _close_voting_early(actor, election, early_reason.strip())
    if timezone.now() < election.closes_at:
        raise ValidationError(
            _("Voting closes at %(closes)s.") % {"closes": long_datetime(election.closes_at)}
        )
    election.status = Election.Status.CLOSED
    _history(election, actor).save()
    transaction.on_commit(lambda: tasks.count_election.enqueue(election.pk))
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
    vacancy._change_reason = reason  # type: ignore[attr-defined]
    _history(vacancy, actor).save()
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
    election._change_reason = reason  # type: ignore[attr-defined]
    _history(election, actor).save()
    emit(
        event_types.VotingExtended(
            election=election, previous_close=previous.isoformat(), reason=reason
        ),
        actor=actor,
    )
    return election


@transaction.atomic
def record_result(election: Election) -> Election:
    """Count the ballots with the counting library and publish the result (run by the task)."""
    from commonground.representation import counting

    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.CLOSED:
        return election
    outcome = counting.count(election)
    election.result = outcome.result.to_dict()
    election.count_sheet = outcome.result.count_sheet()
    election.count_sheet_html = outcome.result.count_sheet_html()
    election.blt = outcome.blt
    election.ballots_cast = outcome.ballots
    election.status = Election.Status.COUNTED
    _history(election, None).save()
    for order, candidate in enumerate(outcome.elected, start=1):
        candidate.elected, candidate.elected_order = True, order
        candidate.save(update_fields=["elected", "elected_order"])
        _appoint(candidate.nomination, SeatHolding.Route.ELECTED, None)
        emit(event_types.RepresentativeElected(nomination=candidate.nomination, election=election))
    if outcome.runner_up is not None:
        outcome.runner_up.runner_up = True
        outcome.runner_up.save(update_fields=["runner_up"])
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
    for candidate in election.candidates.filter(elected=True):
        for holding in SeatHolding.objects.filter(
            seat=election.vacancy.seat,
            person=candidate.nomination.nominee,
            route=SeatHolding.Route.ELECTED,
            ended_on__isnull=True,
        ):
            holding.ended_on = max(today, holding.starts_on)
            _history(holding, actor).save()
    election.status, election.void_reason = Election.Status.VOID, reason.strip()
    _history(election, actor).save()
    vacancy = election.vacancy
    vacancy.status = Vacancy.Status.CANCELLED
    _history(vacancy, actor).save()
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
    starts_on = nomination.vacancy.term_starts_on
    holding = SeatHolding(
        seat=seat,
        role=SeatHolding.Role.SUBSTITUTE,
        person=nomination.nominee,
        organisation=nomination.organisation,
        route=SeatHolding.Route.ELECTED,
        starts_on=starts_on,
        ends_on=starts_on + relativedelta(months=seat.term_months),
        created_by=actor,
    )
    _history(holding, actor).save()
    return holding


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
    _history(report_back, actor).save()
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
    return comment


def save_handover_note(actor: User, holding: SeatHolding, note: str) -> SeatHolding:
    """The outgoing holder leaves notes for whoever holds the seat next."""
    require(actor, "representation.post_report_back", holding)
    holding.handover_note = note.strip()
    _history(holding, actor).save()
    return holding
