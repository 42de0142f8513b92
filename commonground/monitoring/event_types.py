"""Domain events of programme monitoring: logic models loaded, evidence recorded and judged."""

from dataclasses import dataclass

from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation
from commonground.monitoring.models import CaptureRule, Evidence, Programme


@event_type("logic_model.imported")
@dataclass(frozen=True)
class LogicModelImported(Event):
    programme: Programme
    strands: int
    indicators: int


class _EvidenceEvent(Event):
    evidence: Evidence

    @property
    def area(self) -> Area | None:
        return self.evidence.area

    @property
    def organisation(self) -> Organisation | None:
        return self.evidence.organisation


@event_type("evidence.recorded")
@dataclass(frozen=True)
class EvidenceRecorded(_EvidenceEvent):
    evidence: Evidence
    indicator: str
    status: str
    source: str  # "event", "entered" or "imported"


@event_type("evidence.status_changed")
@dataclass(frozen=True)
class EvidenceStatusChanged(_EvidenceEvent):
    evidence: Evidence
    old_status: str
    status: str
    reason: str


@event_type("evidence.imported")
@dataclass(frozen=True)
class EvidenceImported(Event):
    programme: Programme
    added: int
    unchanged: int


@event_type("capture_rule.saved")
@dataclass(frozen=True)
class CaptureRuleSaved(Event):
    rule: CaptureRule
    event_type: str
    indicator: str
    active: bool
