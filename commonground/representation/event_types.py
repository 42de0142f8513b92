"""Domain events of the representation capability, indexed by the seat's area."""

from dataclasses import dataclass, field
from typing import Any

from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation, Theme
from commonground.partnerships.queries import body_area
from commonground.representation.models import (
    Election,
    Endorsement,
    Nomination,
    ReportBack,
    ReportBackComment,
    Vacancy,
)


class _VacancyEvent(Event):
    """Indexed by the seat's area and its body's convenor."""

    vacancy: Vacancy

    @property
    def area(self) -> Area | None:
        return body_area(self.vacancy.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.vacancy.seat.body.convenor


@event_type("vacancy.advertised")
@dataclass(frozen=True)
class VacancyAdvertised(_VacancyEvent):
    vacancy: Vacancy


@event_type("nomination.received")
@dataclass(frozen=True)
class NominationReceived(Event):
    nomination: Nomination

    @property
    def area(self) -> Area | None:
        return body_area(self.nomination.vacancy.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.nomination.organisation


@event_type("representative.appointed")
@dataclass(frozen=True)
class RepresentativeAppointed(Event):
    """Appointed unopposed: exactly one valid nominee when nominations closed."""

    nomination: Nomination

    @property
    def area(self) -> Area | None:
        return body_area(self.nomination.vacancy.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.nomination.organisation


@event_type("representative.elected")
@dataclass(frozen=True)
class RepresentativeElected(Event):
    nomination: Nomination
    election: Election

    @property
    def area(self) -> Area | None:
        return body_area(self.nomination.vacancy.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.nomination.organisation


@event_type("reportback.published")
@dataclass(frozen=True)
class ReportBackPublished(Event):
    """Also carries what the digests need to turn it into a bulletin."""

    report_back: ReportBack
    title_en: str
    title_cy: str
    summary_en: str
    summary_cy: str
    url: str
    themes: list[Theme]
    areas: list[Area]

    @property
    def area(self) -> Area | None:
        return self.areas[0] if self.areas else None

    @property
    def organisation(self) -> Organisation | None:
        return self.report_back.holding.organisation

    @classmethod
    def of(cls, report_back: ReportBack) -> "ReportBackPublished":
        body = report_back.meeting.body
        themes: list[Any] = list(
            Theme.objects.filter(organisation__convened_bodies=body).distinct()
        )
        return cls(
            report_back=report_back,
            title_en=report_back.title_en,
            title_cy=report_back.title_cy,
            summary_en=report_back.meaning_en[:280],
            summary_cy=report_back.meaning_cy[:280],
            url=report_back.get_absolute_url(),
            themes=themes,
            areas=list(body.areas.all()),
        )


@event_type("nomination.endorsed")
@dataclass(frozen=True)
class NominationEndorsed(Event):
    """Indexed by the endorsing organisation."""

    endorsement: Endorsement

    @property
    def area(self) -> Area | None:
        return body_area(self.endorsement.nomination.vacancy.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.endorsement.organisation


@event_type("nomination.validated")
@dataclass(frozen=True)
class NominationValidated(Event):
    """Staff accepted the nomination (``accepted``) or rejected it with a reason."""

    nomination: Nomination
    accepted: bool

    @property
    def area(self) -> Area | None:
        return body_area(self.nomination.vacancy.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.nomination.organisation


class _ElectionEvent(Event):
    election: Election

    @property
    def area(self) -> Area | None:
        return body_area(self.election.vacancy.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.election.vacancy.seat.body.convenor


@event_type("nominations.closed_early")
@dataclass(frozen=True)
class NominationsClosedEarly(_VacancyEvent):
    """A returning officer closed nominations before the advertised date, saying why."""

    vacancy: Vacancy
    advertised_close: str  # ISO date
    reason: str


@event_type("nominations.extended")
@dataclass(frozen=True)
class NominationsExtended(_VacancyEvent):
    vacancy: Vacancy
    previous_close: str  # ISO date
    reason: str


@event_type("voting.closed_early")
@dataclass(frozen=True)
class VotingClosedEarly(_ElectionEvent):
    """Every elector had voted, so the returning officer closed the ballot box early."""

    election: Election
    advertised_close: str  # ISO date and time
    reason: str


@event_type("election.voting_opened")
@dataclass(frozen=True)
class VotingOpened(_ElectionEvent):
    election: Election
    electorate: int


@event_type("election.voting_closed")
@dataclass(frozen=True)
class VotingClosed(_ElectionEvent):
    election: Election


@event_type("election.count_failed")
@dataclass(frozen=True)
class CountFailed(_ElectionEvent):
    election: Election
    error: str


@event_type("election.recount_requested")
@dataclass(frozen=True)
class RecountRequested(_ElectionEvent):
    election: Election


@event_type("election.voided")
@dataclass(frozen=True)
class ElectionVoided(_ElectionEvent):
    election: Election
    reason: str
    ended_holdings: list[int] = field(default_factory=list)


@event_type("reportback.commented")
@dataclass(frozen=True)
class ReportBackCommented(Event):
    """Indexed by the commenting organisation: the sector answering its representative."""

    comment: ReportBackComment
    answers_ask: bool

    @property
    def area(self) -> Area | None:
        return body_area(self.comment.report_back.holding.seat.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.comment.organisation


@event_type("voting.extended")
@dataclass(frozen=True)
class VotingExtended(_ElectionEvent):
    election: Election
    previous_close: str  # ISO date and time
    reason: str
