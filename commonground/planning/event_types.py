"""Domain events of plans, report cards and the government requests log, indexed by the
area of the body they belong to (and, for actions, the owner organisation).

Monitoring (C9) and digests (C5) read these: ``plan.published`` can become a bulletin.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation
from commonground.partnerships.models import PartnershipBody
from commonground.partnerships.queries import body_area
from commonground.planning.models import Action, GovernmentRequest, Measure, Plan, ReportCard


class _BodyScoped(Event):
    @property
    def body(self) -> PartnershipBody:
        raise NotImplementedError

    @property
    def area(self) -> Area | None:
        return body_area(self.body)

    @property
    def organisation(self) -> Organisation | None:
        return None


class _PlanEvent(_BodyScoped):
    plan: Plan

    @property
    def body(self) -> PartnershipBody:
        return self.plan.body


@event_type("plan.created")
@dataclass(frozen=True)
class PlanCreated(_PlanEvent):
    plan: Plan


@event_type("plan.updated")
@dataclass(frozen=True)
class PlanUpdated(_PlanEvent):
    """The plan, its needs assessment or its priorities changed."""

    plan: Plan
    change: str


@event_type("plan.published")
@dataclass(frozen=True)
class PlanPublished(_PlanEvent):
    """Also carries what the digests need to turn it into a bulletin (as report-backs do)."""

    plan: Plan
    version: int

    def _title(self, language: str) -> str:
        with translation.override(language):
            name = getattr(self.plan, f"title_{language}") or str(self.plan.title)
            return _("Plan published: %(plan)s (version %(version)d)") % {
                "plan": name,
                "version": self.version,
            }

    @property
    def title_en(self) -> str:
        return self._title("en")

    @property
    def title_cy(self) -> str:
        return self._title("cy")

    def _summary(self, language: str) -> str:
        written = getattr(self.plan, f"summary_{language}")
        if written:
            return str(written)
        with translation.override(language):  # a bulletin needs a summary: say what happened
            return _("%(body)s has published its plan for %(start)d to %(end)d.") % {
                "body": str(self.body.name),
                "start": self.plan.starts_on.year,
                "end": self.plan.ends_on.year,
            }

    @property
    def summary_en(self) -> str:
        return self._summary("en")

    @property
    def summary_cy(self) -> str:
        return self._summary("cy")

    @property
    def url(self) -> str:
        return self.plan.get_absolute_url()

    @property
    def areas(self) -> list[Area]:
        return list(self.body.areas.all())

    @property
    def organisation(self) -> Organisation | None:
        return self.body.convenor


class _ActionEvent(_BodyScoped):
    action: Action

    @property
    def body(self) -> PartnershipBody:
        return self.action.priority.plan.body

    @property
    def organisation(self) -> Organisation | None:
        return self.action.owner


@event_type("plan_action.created")
@dataclass(frozen=True)
class ActionCreated(_ActionEvent):
    action: Action


@event_type("plan_action.updated")
@dataclass(frozen=True)
class ActionUpdated(_ActionEvent):
    action: Action
    status: str


@event_type("plan_action.completed")
@dataclass(frozen=True)
class ActionCompleted(_ActionEvent):
    action: Action


@event_type("plan_action.overdue")
@dataclass(frozen=True)
class ActionOverdue(_ActionEvent):
    """An open action passed its due date (the daily task, once per action)."""

    action: Action
    due_on: str


@event_type("plan_action.reminded")
@dataclass(frozen=True)
class ActionReminded(_ActionEvent):
    action: Action
    recipients: int


class _CardEvent(_BodyScoped):
    card: ReportCard

    @property
    def body(self) -> PartnershipBody:
        return self.card.body


@event_type("report_card.changed")
@dataclass(frozen=True)
class ReportCardChanged(_CardEvent):
    card: ReportCard
    change: str


class _MeasureEvent(_BodyScoped):
    measure: Measure

    @property
    def body(self) -> PartnershipBody:
        return self.measure.card.body


@event_type("measure.updated")
@dataclass(frozen=True)
class MeasureUpdated(_MeasureEvent):
    measure: Measure
    periods: list[str]


@event_type("measure.off_track")
@dataclass(frozen=True)
class MeasureOffTrack(_MeasureEvent):
    """A change of values left the measure's latest due period off track."""

    measure: Measure
    period: str


class _RequestEvent(_BodyScoped):
    request: GovernmentRequest

    @property
    def body(self) -> PartnershipBody:
        return self.request.body

    @property
    def organisation(self) -> Organisation | None:
        return self.request.owner


@event_type("government_request.logged")
@dataclass(frozen=True)
class RequestLogged(_RequestEvent):
    request: GovernmentRequest


@event_type("government_request.answered")
@dataclass(frozen=True)
class RequestAnswered(_RequestEvent):
    request: GovernmentRequest
    answered_on: str


@event_type("exception_report.attached")
@dataclass(frozen=True)
class ExceptionReportAttached(_BodyScoped):
    """An exception report's PDF went into a meeting's papers."""

    report_body: PartnershipBody
    meeting_id: int
    paper_id: int
    as_of: str

    @property
    def body(self) -> PartnershipBody:
        return self.report_body
