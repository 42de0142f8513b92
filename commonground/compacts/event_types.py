"""Domain events of compacts, indexed by the compact's area.

A dispute's events never name its reporter: an anonymous one is emitted with no actor, and
the payload holds only the dispute and its stage.
"""

from dataclasses import dataclass

from commonground.compacts.models import AnnualReport, Compact, Dispute
from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation


class _CompactEvent(Event):
    compact: Compact

    @property
    def area(self) -> Area | None:
        return self.compact.area

    @property
    def organisation(self) -> Organisation | None:
        return None


@event_type("compact.registered")
@dataclass(frozen=True)
class CompactRegistered(_CompactEvent):
    compact: Compact


@event_type("compact.reviewed")
@dataclass(frozen=True)
class CompactReviewed(_CompactEvent):
    compact: Compact
    reviewed_on: str


@event_type("compact.status_changed")
@dataclass(frozen=True)
class CompactStatusChanged(_CompactEvent):
    compact: Compact
    status: str


@event_type("compact.pack_adopted")
@dataclass(frozen=True)
class PackAdopted(_CompactEvent):
    compact: Compact
    pack_id: str


@event_type("compact.parameter_overridden")
@dataclass(frozen=True)
class ParameterOverridden(_CompactEvent):
    compact: Compact
    rule: str
    parameter: str
    value: object
    reason: str


@event_type("compact.reason_recorded")
@dataclass(frozen=True)
class ReasonRecorded(_CompactEvent):
    compact: Compact
    rule: str
    record_type: str
    record_id: int


class _DisputeEvent(Event):
    dispute: Dispute

    @property
    def area(self) -> Area | None:
        return self.dispute.compact.area

    @property
    def organisation(self) -> Organisation | None:
        return None


@event_type("dispute.raised")
@dataclass(frozen=True)
class DisputeRaised(_DisputeEvent):
    dispute: Dispute


@event_type("dispute.moved")
@dataclass(frozen=True)
class DisputeMoved(_DisputeEvent):
    dispute: Dispute
    stage: str


@event_type("dispute.message_added")
@dataclass(frozen=True)
class DisputeMessageAdded(_DisputeEvent):
    dispute: Dispute


@event_type("dispute.resolved")
@dataclass(frozen=True)
class DisputeResolved(_DisputeEvent):
    dispute: Dispute


@event_type("compact_report.published")
@dataclass(frozen=True)
class ReportPublished(Event):
    report: AnnualReport

    @property
    def area(self) -> Area | None:
        return self.report.compact.area


@event_type("compact_report.sent_to_council")
@dataclass(frozen=True)
class ReportSent(Event):
    report: AnnualReport

    @property
    def area(self) -> Area | None:
        return self.report.compact.area
