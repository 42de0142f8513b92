"""Domain events of the partnerships register, indexed by the body's first area and its convenor."""

from dataclasses import dataclass

from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation
from commonground.partnerships.models import LiaisonIssue, Meeting, PartnershipBody, SeatHolding


def _body_area(body: PartnershipBody) -> Area | None:
    return body.areas.order_by("pk").first()


class _BodyEvent(Event):
    """Events about something that belongs to one partnership body."""

    @property
    def body(self) -> PartnershipBody:
        raise NotImplementedError

    @property
    def area(self) -> Area | None:
        return _body_area(self.body)

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
