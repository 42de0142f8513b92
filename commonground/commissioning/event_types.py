"""Domain events of commissioning, indexed by the buyer's area and organisation."""

from dataclasses import dataclass

from commonground.commissioning.models import BidSupport, Consortium, Opportunity, PartnerSearch
from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation


class _OpportunityEvent(Event):
    @property
    def opportunity(self) -> Opportunity:
        raise NotImplementedError

    @property
    def area(self) -> Area | None:
        return self.opportunity.areas.order_by("pk").first() or self.opportunity.buyer.area

    @property
    def organisation(self) -> Organisation | None:
        return self.opportunity.buyer


@event_type("opportunity.created")
@dataclass(frozen=True)
class OpportunityCreated(_OpportunityEvent):
    subject: Opportunity

    @property
    def opportunity(self) -> Opportunity:
        return self.subject


@event_type("opportunity.updated")
@dataclass(frozen=True)
class OpportunityUpdated(_OpportunityEvent):
    subject: Opportunity
    changed_fields: list[str]

    @property
    def opportunity(self) -> Opportunity:
        return self.subject


@event_type("opportunity.stage_changed")
@dataclass(frozen=True)
class OpportunityStageChanged(_OpportunityEvent):
    subject: Opportunity
    from_stage: str
    to_stage: str

    @property
    def opportunity(self) -> Opportunity:
        return self.subject


@event_type("opportunity.checklist_updated")
@dataclass(frozen=True)
class ChecklistUpdated(_OpportunityEvent):
    subject: Opportunity
    principles_done: list[int]

    @property
    def opportunity(self) -> Opportunity:
        return self.subject


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
class ConsortiumProposed(_OpportunityEvent):
    consortium: Consortium

    @property
    def opportunity(self) -> Opportunity:
        return self.consortium.opportunity

    @property
    def organisation(self) -> Organisation | None:
        return self.consortium.lead


@event_type("consortium.member_added")
@dataclass(frozen=True)
class ConsortiumMemberAdded(_OpportunityEvent):
    consortium: Consortium
    member: Organisation

    @property
    def opportunity(self) -> Opportunity:
        return self.consortium.opportunity

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
class ConsortiumAgreementSigned(_OpportunityEvent):
    """A collaborative agreement within the third sector: a programme output (000 T7)."""

    consortium: Consortium
    member_count: int

    @property
    def opportunity(self) -> Opportunity:
        return self.consortium.opportunity

    @property
    def organisation(self) -> Organisation | None:
        return self.consortium.lead


@event_type("bid_support.recorded")
@dataclass(frozen=True)
class BidSupportRecorded(Event):
    record: BidSupport

    @property
    def area(self) -> Area | None:
        return self.record.area

    @property
    def organisation(self) -> Organisation | None:
        return self.record.organisation


@event_type("bid_support.outcome_recorded")
@dataclass(frozen=True)
class BidOutcomeRecorded(Event):
    record: BidSupport
    outcome: str

    @property
    def area(self) -> Area | None:
        return self.record.area

    @property
    def organisation(self) -> Organisation | None:
        return self.record.organisation


@event_type("opportunity_subscription.started")
@dataclass(frozen=True)
class SubscriptionStarted(Event):
    subject_area: Area

    @property
    def area(self) -> Area | None:
        return self.subject_area


@event_type("opportunity_subscription.ended")
@dataclass(frozen=True)
class SubscriptionEnded(Event):
    subject_area: Area

    @property
    def area(self) -> Area | None:
        return self.subject_area
