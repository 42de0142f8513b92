"""Re-run the rules when the records they read change, through the event log."""

from commonground.compacts.findings import run_compact
from commonground.compacts.models import Compact
from commonground.core.events import subscribe
from commonground.core.models import DomainEvent

# Events of the records the rules read (engagement, funding, partnerships, compacts).
WATCHED = (
    "consultation.opened",
    "consultation.updated",
    "consultation.feedback_published",
    "agreement.offered",
    "agreement.signed",
    "agreement.imported",
    "agreement.varied",
    "agreement.notice_given",
    "agreement.ended",
    "meeting.scheduled",
    "meeting.updated",
    "meeting.held",
    "meeting.cancelled",
    "liaison_issue.raised",
    "liaison_issue.answered",
    "liaison_issue.officer_arranged",
    "liaison_issue.closed",
    "compact.registered",
    "compact.reviewed",
    "compact.status_changed",
    "compact.pack_adopted",
    "compact.parameter_overridden",
    "compact.reason_recorded",
)


def rerun(event: object, record: DomainEvent) -> None:
    """The compacts of the event's area; every live compact when it has none (a meeting)."""
    compacts = Compact.objects.exclude(status=Compact.Status.ENDED)
    if record.area_id is not None:
        compacts = compacts.filter(area_id=record.area_id)
    for compact in compacts.select_related("area"):
        run_compact(compact)


for _name in WATCHED:
    subscribe(_name)(rerun)
