"""The event types the core app emits."""

from dataclasses import dataclass, field

from commonground.core.events import Event, event_type
from commonground.core.models import Organisation, User


@event_type("organisation.created")
@dataclass(frozen=True)
class OrganisationCreated(Event):
    subject: Organisation


@event_type("organisation.updated")
@dataclass(frozen=True)
class OrganisationUpdated(Event):
    subject: Organisation
    changed_fields: list[str] = field(default_factory=list)


@event_type("organisation.restored")
@dataclass(frozen=True)
class OrganisationRestored(Event):
    subject: Organisation
    history_id: int


@event_type("organisation.joined")
@dataclass(frozen=True)
class OrganisationJoined(Event):
    """An organisation became a member of its infrastructure body."""

    subject: Organisation
    infrastructure_body: Organisation
    engagement_level: str


@event_type("organisation.signed_up")
@dataclass(frozen=True)
class OrganisationSignedUp(Event):
    """An organisation registered itself and asked its infrastructure body for membership."""

    subject: Organisation
    infrastructure_body: Organisation
    engagement_level: str


@event_type("membership_application.declined")
@dataclass(frozen=True)
class MembershipApplicationDeclined(Event):
    subject: Organisation
    infrastructure_body: Organisation
    reason: str


@event_type("organisation.join_requested")
@dataclass(frozen=True)
class JoinRequested(Event):
    subject: Organisation
    role: str


@event_type("organisation.join_decided")
@dataclass(frozen=True)
class JoinDecided(Event):
    """An organisation's admin approved (adding the affiliation) or declined a request."""

    subject: Organisation
    approved: bool


@event_type("record.restored")
@dataclass(frozen=True)
class RecordRestored(Event):
    """Any record with history put back as it was in one of its versions."""

    model: str
    record_id: str
    history_id: int


@event_type("account.email_confirmed")
@dataclass(frozen=True)
class EmailConfirmed(Event):
    """The account's owner followed the confirmation link sent to its email address."""

    subject: User
