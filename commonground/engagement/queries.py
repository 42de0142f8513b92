"""Reusable reads for engagement pages, the API and exports."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from commonground.core.compact_parameters import area_parameter
from commonground.core.models import Area, Organisation, RoleAssignment
from commonground.engagement.compact import Window
from commonground.engagement.models import (
    Answer,
    Bulletin,
    Consultation,
    Digest,
    Event,
    Question,
    Registration,
    Response,
    Subscription,
)
from commonground.engagement.permissions import OFFICER_ROLES
from commonground.interop.ical import CalendarEvent, Participant


def published_bulletins() -> QuerySet[Bulletin]:
    return Bulletin.objects.filter(status=Bulletin.Status.PUBLISHED).select_related("organisation")


def publishable_organisations(user: Any) -> QuerySet[Organisation]:
    """Bodies this user may publish bulletins for: their own as an officer, or their area's."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.exclude(kind=Organisation.Kind.PRIVATE)
    roles = RoleAssignment.objects.filter(user_id=user.pk)
    staff_areas = roles.filter(
        role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN]
    ).values("area_id")
    own = roles.filter(role__in=OFFICER_ROLES).values("organisation_id")
    return Organisation.objects.filter(
        Q(pk__in=own)
        | Q(
            area_id__in=staff_areas,
            kind__in=[Organisation.Kind.INFRASTRUCTURE, Organisation.Kind.PUBLIC_BODY],
        )
    ).order_by("name_en")


def consultation_owners(user: Any) -> QuerySet[Organisation]:
    """Public bodies this user may start a consultation for."""
    return publishable_organisations(user).filter(
        kind__in=[Organisation.Kind.PUBLIC_BODY, Organisation.Kind.INFRASTRUCTURE]
    )


def event_organisers(user: Any) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    admin_of = Organisation.objects.filter(
        affiliations__person_id=user.person_id, affiliations__is_admin=True
    ).values("pk")
    return (
        publishable_organisations(user) | Organisation.objects.filter(pk__in=admin_of)
    ).distinct()


def public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.filter(status=Consultation.Status.PUBLISHED).select_related(
        "owner", "area"
    )


def managed_consultations(user: Any) -> list[Consultation]:
    """Drafts and published consultations this user may edit."""
    if not user.is_authenticated:
        return []
    owners = consultation_owners(user)
    qs = Consultation.objects.filter(owner__in=owners).select_related("owner")
    return [c for c in qs if user.has_perm("engagement.change_consultation", c)]


def upcoming_events() -> QuerySet[Event]:
    return Event.objects.filter(ends_at__gte=timezone.now()).select_related("organiser")


def past_events() -> QuerySet[Event]:
    return (
        Event.objects.filter(ends_at__lt=timezone.now())
        .select_related("organiser")
        .order_by("-starts_at")
    )


def calendar_event(event: Event, url: str) -> CalendarEvent:
    """The event for calendars (interop's iCalendar), in the active language. Its UID is
    the event's own, so a client updates the entry rather than adding a second."""
    return CalendarEvent(
        uid=f"{event.uid}@commonground",
        summary=str(event.title),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        last_modified=timezone.now(),
        description=str(event.description or ""),
        location=event.location,
        url=url,
    )


def invitation_organiser(event: Event) -> Participant:
    """Who an invitation comes from: the site's sending address, named as the organiser."""
    return Participant(
        email=settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">"), name=str(event.organiser)
    )


def places(event: Event) -> dict[str, int]:
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        attended=Count("pk", filter=Q(attended=True)),
    )
    counts["free"] = max(0, event.capacity - counts["confirmed"])
    return counts


def submitted_responses(consultation: Consultation) -> QuerySet[Response]:
    """Submitted responses with their answers in question order, each with its question."""
    answers = Answer.objects.select_related("question").order_by("question__number")
    return (
        consultation.responses.filter(status=Response.Status.SUBMITTED)
        .select_related("organisation", "respondent__person")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("submitted_at", "pk")
    )


def published_responses(consultation: Consultation) -> QuerySet[Response]:
    return submitted_responses(consultation).filter(publish=True)


@dataclass
class RatingRow:
    value: int
    count: int
    percent: float

    @property
    def label(self) -> str:
        return str(self.value)

    @property
    def width(self) -> int:
        """The bar's width class (``cg-w-N``), since the CSP forbids inline styles."""
        return round(self.percent)


@dataclass
class RatingSummary:
    """Counts, percentages and the base (n: respondents who gave a rating)."""

    question: Question
    rows: list[RatingRow]
    base: int
    mean: float | None


def rating_summaries(consultation: Consultation) -> list[RatingSummary]:
    summaries = []
    submitted = Response.Status.SUBMITTED
    for question in consultation.questions.filter(kind=Question.Kind.RATING):
        counts = dict(
            question.answers.filter(response__status=submitted, rating__isnull=False)
            .values_list("rating")
            .annotate(n=Count("pk"))
        )
        base = sum(counts.values())
        rows = [
            RatingRow(v, counts.get(v, 0), round(100 * counts.get(v, 0) / base, 1) if base else 0.0)
            for v in range(1, question.rating_max + 1)
        ]
        mean = round(sum(v * n for v, n in counts.items()) / base, 2) if base else None
        summaries.append(RatingSummary(question, rows, base, mean))
    return summaries


@dataclass
class ChoiceRow:
    label: str
    count: int
    percent: float

    @property
    def width(self) -> int:
        return round(self.percent)


@dataclass
class ChoiceTally:
    """How many respondents picked each choice, out of the base (n: those who answered).

    On a multiple-choice question one respondent may pick several, so the percentages can
    add up to more than 100.
    """

    question: Question
    rows: list[ChoiceRow]
    base: int


def choice_tallies(consultation: Consultation) -> list[ChoiceTally]:
    """A tally for each single- or multiple-choice question, choices in the active language."""
    kinds = [Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE]
    questions = list(consultation.questions.filter(kind__in=kinds))
    picked: dict[int, list[list[int]]] = {q.pk: [] for q in questions}
    # Choices are a JSON list per answer, which neither database counts portably: read the
    # lists (one query) and count them here.
    for question_id, chosen in Answer.objects.filter(
        question__in=questions, response__status=Response.Status.SUBMITTED
    ).values_list("question_id", "choices"):
        if chosen:
            picked[question_id].append(chosen)
    tallies = []
    for question in questions:
        labels = question.choice_list()
        answers = picked[question.pk]
        base = len(answers)
        rows = []
        for index, label in enumerate(labels):
            count = sum(1 for chosen in answers if index in chosen)
            rows.append(ChoiceRow(label, count, round(100 * count / base, 1) if base else 0.0))
        tallies.append(ChoiceTally(question, rows, base))
    return tallies


def results_by_question(consultation: Consultation) -> list[RatingSummary | ChoiceTally]:
    """Every rating summary and choice tally, in question order, for the results page."""
    found: list[RatingSummary | ChoiceTally] = [
        *rating_summaries(consultation),
        *choice_tallies(consultation),
    ]
    return sorted(found, key=lambda result: result.question.number)


def open_consultations(today: date | None = None) -> QuerySet[Consultation]:
    today = today or timezone.localdate()
    return public_consultations().filter(opens_on__lte=today, closes_on__gte=today)


def events_booked(user: Any) -> QuerySet[Registration]:
    """Places this user holds or waits for at events still to come."""
    return (
        Registration.objects.filter(
            user_id=user.pk,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at")
    )


def latest_digest(user: Any) -> Digest | None:
    return (
        Digest.objects.filter(subscription__user_id=user.pk, status=Digest.Status.SENT)
        .order_by("-sent_at")
        .first()
    )


def feedback_due(user: Any, today: date | None = None) -> list[Consultation]:
    """This user's closed consultations still owing their "you said, we did" feedback."""
    today = today or timezone.localdate()
    return sorted(
        (
            c
            for c in managed_consultations(user)
            if c.is_published and c.closes_on < today and c.feedback_published_at is None
        ),
        key=lambda c: c.feedback_due_on,
    )


def consultations_open_in(area: Area, today: date | None = None) -> tuple[int, int]:
    """How many consultations are open in the area, and how many of them give at least the
    compact's minimum period (the minimum recorded when each was published)."""
    open_now = list(open_consultations(today).filter(area=area))
    meeting = sum(1 for c in open_now if window_for(c).meets_minimum)
    return len(open_now), meeting


def digests_sent_in(area: Area) -> int:
    """Digests sent to subscribers who follow the area (or every area)."""
    sent = Digest.objects.filter(status=Digest.Status.SENT)
    return (
        sent.filter(subscription__areas=area).count()
        + sent.filter(subscription__areas__isnull=True).count()
    )


UNSUBSCRIBE_SALT = "engagement.unsubscribe"


def long_date(value: date) -> str:
    """A date as messages write it ("2 December 2026")."""
    return formats.date_format(value, "j F Y")


def minimum_consultation_weeks(area: Area) -> int:
    """The area's compact minimum (C7): the ``minimum_weeks`` of its adopted rule packs, with
    the area's override, read through core's hook so that engagement never imports compacts."""
    return int(area_parameter(area, "consultation.minimum_period", "minimum_weeks"))


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscription.pk))


def subscription_for_token(token: str) -> Subscription | None:
    """The subscription a token names, or None if it was tampered with or is unknown."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    if not pk.isdigit():
        return None
    return Subscription.objects.filter(pk=int(pk)).first()


def window_for(consultation: Consultation) -> Window:
    weeks = consultation.minimum_weeks or minimum_consultation_weeks(consultation.area)
    return Window(consultation.opens_on, consultation.closes_on, weeks)


def closed_message(consultation: Consultation) -> str:
    return _("This consultation closed on %(date)s. Responses are no longer accepted.") % {
        "date": long_date(consultation.closes_on)
    }


def published_questions_message() -> str:
    return _("Questions cannot change once the consultation is published.")
