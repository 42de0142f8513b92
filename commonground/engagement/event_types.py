"""The domain events engagement emits. Programme monitoring (C9) counts them as evidence:
a sent digest is a dissemination initiative (000 T7), attendance counts towards outputs."""

from dataclasses import dataclass, field

from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation
from commonground.engagement.models import (
    Bulletin,
    Consultation,
    ConsultationDocument,
    EventMaterial,
    Question,
    Registration,
    Response,
    Subscription,
)
from commonground.engagement.models import Event as EngagementEvent


@event_type("bulletin.published")
@dataclass(frozen=True)
class BulletinPublished(Event):
    subject: Bulletin
    source: str = ""

    @property
    def area(self) -> Area | None:
        first = self.subject.areas.order_by("pk").first()
        if first is not None:
            return first
        return self.subject.organisation.area if self.subject.organisation else None

    @property
    def organisation(self) -> Organisation | None:
        return self.subject.organisation


@event_type("digest.sent")
@dataclass(frozen=True)
class DigestSent(Event):
    """One per area per run; a subscriber following two areas counts in both."""

    for_area: Area | None
    period: str
    frequency: str
    recipients: int

    @property
    def area(self) -> Area | None:
        return self.for_area

    @property
    def organisation(self) -> Organisation | None:
        return self.for_area.infrastructure_body if self.for_area is not None else None


class _ConsultationEvent(Event):
    subject: Consultation

    @property
    def area(self) -> Area | None:
        return self.subject.area

    @property
    def organisation(self) -> Organisation | None:
        return self.subject.owner


@event_type("consultation.opened")
@dataclass(frozen=True)
class ConsultationOpened(_ConsultationEvent):
    subject: Consultation
    opens_on: str
    closes_on: str
    meets_compact_minimum: bool


@event_type("consultation.feedback_published")
@dataclass(frozen=True)
class FeedbackPublished(_ConsultationEvent):
    subject: Consultation
    respondents: int
    overdue: bool


@event_type("consultation.response_submitted")
@dataclass(frozen=True)
class ResponseSubmitted(Event):
    """Indexed by the responding organisation, so sector participation can be counted."""

    subject: Response
    consultation: Consultation

    @property
    def area(self) -> Area | None:
        return self.consultation.area

    @property
    def organisation(self) -> Organisation | None:
        return self.subject.organisation


class _EventEvent(Event):
    subject: EngagementEvent

    @property
    def area(self) -> Area | None:
        return self.subject.area

    @property
    def organisation(self) -> Organisation | None:
        return self.subject.organiser


@event_type("event.held")
@dataclass(frozen=True)
class EventHeld(_EventEvent):
    subject: EngagementEvent
    kind: str
    attendees: int


@event_type("event.attendance_recorded")
@dataclass(frozen=True)
class AttendanceRecorded(_EventEvent):
    subject: EngagementEvent
    attended: int
    registered: int


@event_type("subscription.started")
@dataclass(frozen=True)
class Subscribed(Event):
    """A person subscribed, or changed what they hear about (no area or organisation: one
    subscription follows many areas)."""

    subject: Subscription
    frequency: str


@event_type("subscription.ended")
@dataclass(frozen=True)
class Unsubscribed(Event):
    subject: Subscription


@event_type("consultation.drafted")
@dataclass(frozen=True)
class ConsultationDrafted(_ConsultationEvent):
    subject: Consultation


@event_type("consultation.updated")
@dataclass(frozen=True)
class ConsultationUpdated(_ConsultationEvent):
    subject: Consultation


@event_type("consultation.question_added")
@dataclass(frozen=True)
class QuestionAdded(_ConsultationEvent):
    subject: Consultation
    question: Question


@event_type("consultation.question_updated")
@dataclass(frozen=True)
class QuestionUpdated(_ConsultationEvent):
    subject: Consultation
    question: Question


@event_type("consultation.question_moved")
@dataclass(frozen=True)
class QuestionMoved(_ConsultationEvent):
    """A draft's question now has ``number`` (it swapped with its neighbour)."""

    subject: Consultation
    question: Question
    number: int


@event_type("consultation.question_deleted")
@dataclass(frozen=True)
class QuestionDeleted(_ConsultationEvent):
    """A draft's question was removed; the row is gone, so the event keeps its id and number."""

    subject: Consultation
    question_id: int
    number: int


@event_type("consultation.document_added")
@dataclass(frozen=True)
class DocumentAdded(_ConsultationEvent):
    subject: Consultation
    document: ConsultationDocument


@event_type("consultation.principles_recorded")
@dataclass(frozen=True)
class PrinciplesRecorded(_ConsultationEvent):
    """Which National Principles the consultation applied (codes of those met)."""

    subject: Consultation
    met: list[str] = field(default_factory=list)


@event_type("consultation.summary_written")
@dataclass(frozen=True)
class ResponseSummaryWritten(_ConsultationEvent):
    subject: Consultation


@event_type("event.created")
@dataclass(frozen=True)
class EventCreated(_EventEvent):
    subject: EngagementEvent


@event_type("event.material_added")
@dataclass(frozen=True)
class MaterialAdded(_EventEvent):
    subject: EngagementEvent
    material: EventMaterial


@event_type("event.registration_changed")
@dataclass(frozen=True)
class RegistrationChanged(_EventEvent):
    """Someone took a place, joined the waiting list, gave a place up or was promoted:
    ``status`` is the registration's new status."""

    subject: EngagementEvent
    registration: Registration
    status: str
