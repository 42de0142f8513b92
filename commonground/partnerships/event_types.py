"""Domain events of the partnerships register, indexed by the body's first area and its convenor."""

from dataclasses import dataclass, field

from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation
from commonground.partnerships.models import (
    LiaisonIssue,
    Meeting,
    MeetingAction,
    Paper,
    PartnershipBody,
    Seat,
    SeatHolding,
)
from commonground.partnerships.queries import body_area


class _BodyEvent(Event):
    """Events about something that belongs to one partnership body."""

    @property
    def body(self) -> PartnershipBody:
        raise NotImplementedError

    @property
    def area(self) -> Area | None:
        return body_area(self.body)

    @property
    def organisation(self) -> Organisation | None:
        return self.body.convenor


@event_type("partnership_body.created")
@dataclass(frozen=True)
class PartnershipBodyCreated(_BodyEvent):
    subject: PartnershipBody

    @property
    def body(self) -> PartnershipBody:
        return self.subject


@event_type("seat_holding.started")
@dataclass(frozen=True)
class SeatHoldingStarted(_BodyEvent):
    """Someone took up a seat (or became its substitute) by appointment or ex officio."""

    holding: SeatHolding

    @property
    def body(self) -> PartnershipBody:
        return self.holding.seat.body


@event_type("seat_holding.ended")
@dataclass(frozen=True)
class SeatHoldingEnded(_BodyEvent):
    holding: SeatHolding

    @property
    def body(self) -> PartnershipBody:
        return self.holding.seat.body


@event_type("seat_holding.handover_note_written")
@dataclass(frozen=True)
class HandoverNoteWritten(_BodyEvent):
    holding: SeatHolding

    @property
    def body(self) -> PartnershipBody:
        return self.holding.seat.body


@event_type("meeting.held")
@dataclass(frozen=True)
class MeetingHeld(_BodyEvent):
    """A meeting took place and its outcomes were recorded: report-backs fall due from here."""

    meeting: Meeting
    decisions: int = 0
    actions: int = 0

    @property
    def body(self) -> PartnershipBody:
        return self.meeting.body


@event_type("liaison_issue.raised")
@dataclass(frozen=True)
class LiaisonIssueRaised(_BodyEvent):
    issue: LiaisonIssue

    @property
    def body(self) -> PartnershipBody:
        return self.issue.body


@event_type("liaison_issue.answered")
@dataclass(frozen=True)
class LiaisonIssueAnswered(_BodyEvent):
    """The public body gave a written response to a matter the sector raised (004 L352)."""

    issue: LiaisonIssue

    @property
    def body(self) -> PartnershipBody:
        return self.issue.body


@event_type("partnership_body.updated")
@dataclass(frozen=True)
class PartnershipBodyUpdated(_BodyEvent):
    subject: PartnershipBody
    changed_fields: list[str] = field(default_factory=list)

    @property
    def body(self) -> PartnershipBody:
        return self.subject


class _SeatEvent(_BodyEvent):
    seat: Seat

    @property
    def body(self) -> PartnershipBody:
        return self.seat.body


@event_type("seat.added")
@dataclass(frozen=True)
class SeatAdded(_SeatEvent):
    seat: Seat


@event_type("seat.updated")
@dataclass(frozen=True)
class SeatUpdated(_SeatEvent):
    seat: Seat
    changed_fields: list[str] = field(default_factory=list)


class _MeetingEvent(_BodyEvent):
    meeting: Meeting

    @property
    def body(self) -> PartnershipBody:
        return self.meeting.body


@event_type("meeting.scheduled")
@dataclass(frozen=True)
class MeetingScheduled(_MeetingEvent):
    meeting: Meeting


@event_type("meeting.updated")
@dataclass(frozen=True)
class MeetingUpdated(_MeetingEvent):
    meeting: Meeting
    changed_fields: list[str] = field(default_factory=list)


@event_type("meeting.cancelled")
@dataclass(frozen=True)
class MeetingCancelled(_MeetingEvent):
    meeting: Meeting


@event_type("paper.uploaded")
@dataclass(frozen=True)
class PaperUploaded(_BodyEvent):
    paper: Paper

    @property
    def body(self) -> PartnershipBody:
        return self.paper.meeting.body


@event_type("paper.removed")
@dataclass(frozen=True)
class PaperRemoved(_MeetingEvent):
    """The paper's row is gone, so the subject is its meeting."""

    meeting: Meeting
    title: str


@event_type("meeting_action.status_set")
@dataclass(frozen=True)
class MeetingActionStatusSet(_BodyEvent):
    action: MeetingAction
    status: str

    @property
    def body(self) -> PartnershipBody:
        return self.action.meeting.body


class _IssueEvent(_BodyEvent):
    issue: LiaisonIssue

    @property
    def body(self) -> PartnershipBody:
        return self.issue.body


@event_type("liaison_issue.officer_arranged")
@dataclass(frozen=True)
class OfficerAttendanceArranged(_IssueEvent):
    issue: LiaisonIssue


@event_type("liaison_issue.closed")
@dataclass(frozen=True)
class LiaisonIssueClosed(_IssueEvent):
    issue: LiaisonIssue
