"""Domain events of commissioning, indexed by the buyer's area and organisation."""

from dataclasses import dataclass

from commonground.commissioning.models import BidSupport, Consortium, Opportunity, PartnerSearch
from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation


class _OpportunityEvent(Event):
    """Indexed by the opportunity's first area (else its buyer's) and its buyer."""

    @property
    def opportunity(self) -> Opportunity:
        raise NotImplementedError

    @property
    def area(self) -> Area | None:
        return self.opportunity.areas.order_by("pk").first() or self.opportunity.buyer.area

    @property
    def organisation(self) -> Organisation | None:
        return self.opportunity.buyer


class _OpportunityChanged(_OpportunityEvent):
    """Events whose subject is the opportunity itself."""

    subject: Opportunity

    @property
    def opportunity(self) -> Opportunity:
        return self.subject


class _ConsortiumEvent(_OpportunityEvent):
    """Events about a consortium bidding for an opportunity, counted to its lead."""

    consortium: Consortium

    @property
    def opportunity(self) -> Opportunity:
        return self.consortium.opportunity

    @property
    def organisation(self) -> Organisation | None:
        return self.consortium.lead


class _BidSupportEvent(Event):
    """Indexed by the supported bid's area and organisation."""

    record: BidSupport

    @property
    def area(self) -> Area | None:
        return self.record.area

    @property
    def organisation(self) -> Organisation | None:
        return self.record.organisation


class _SubscriptionEvent(Event):
    """Hearing of an area's new opportunities: indexed by that area."""

    subject_area: Area

    @property
    def area(self) -> Area | None:
        return self.subject_area


@event_type("opportunity.created")
@dataclass(frozen=True)
class OpportunityCreated(_OpportunityChanged):
    subject: Opportunity


@event_type("opportunity.updated")
@dataclass(frozen=True)
class OpportunityUpdated(_OpportunityChanged):
    subject: Opportunity
    changed_fields: list[str]


@event_type("opportunity.stage_changed")
@dataclass(frozen=True)
class OpportunityStageChanged(_OpportunityChanged):
    subject: Opportunity
    from_stage: str
    to_stage: str


@event_type("opportunity.checklist_updated")
@dataclass(frozen=True)
class ChecklistUpdated(_OpportunityChanged):
    subject: Opportunity
    principles_done: list[int]


@event_type("ocds.package_imported")
@dataclass(frozen=True)
class OcdsPackageImported(Event):
    source_name: str
    releases_new: int
    releases_duplicate: int
    ocids: list[str]


@event_type("partner_search.posted")
@dataclass(frozen=True)
class PartnerSearchPosted(_OpportunityEvent):
    search: PartnerSearch

    @property
    def opportunity(self) -> Opportunity:
        return self.search.opportunity

    @property
    def organisation(self) -> Organisation | None:
        return self.search.organisation


@event_type("consortium.proposed")
@dataclass(frozen=True)
class ConsortiumProposed(_ConsortiumEvent):
    consortium: Consortium


@event_type("consortium.member_added")
@dataclass(frozen=True)
class ConsortiumMemberAdded(_ConsortiumEvent):
    consortium: Consortium
    member: Organisation

    @property
    def organisation(self) -> Organisation | None:
        return self.member


@event_type("consortium.member_accepted")
@dataclass(frozen=True)
class ConsortiumMemberAccepted(ConsortiumMemberAdded):
    """The member's own admins agreed to join."""


@event_type("consortium.member_declined")
@dataclass(frozen=True)
class ConsortiumMemberDeclined(ConsortiumMemberAdded):
    """The member's own admins said no."""


@event_type("consortium.agreement_signed")
@dataclass(frozen=True)
class ConsortiumAgreementSigned(_ConsortiumEvent):
    """A collaborative agreement within the third sector: a programme output (000 T7)."""

    consortium: Consortium
    member_count: int


@event_type("bid_support.recorded")
@dataclass(frozen=True)
class BidSupportRecorded(_BidSupportEvent):
    record: BidSupport


@event_type("bid_support.outcome_recorded")
@dataclass(frozen=True)
class BidOutcomeRecorded(_BidSupportEvent):
    record: BidSupport
    outcome: str


@event_type("opportunity_subscription.started")
@dataclass(frozen=True)
class SubscriptionStarted(_SubscriptionEvent):
    subject_area: Area


@event_type("opportunity_subscription.ended")
@dataclass(frozen=True)
class SubscriptionEnded(_SubscriptionEvent):
    subject_area: Area
