"""The events the directory emits."""

from dataclasses import dataclass, field

from commonground.core.events import Event, event_type
from commonground.core.models import Organisation
from commonground.directory.models import Suggestion


@dataclass(frozen=True)
class _ServiceEvent(Event):
    """``subject`` is the organisation that owns the service (so the log indexes it)."""

    subject: Organisation
    service_id: str


@event_type("service.created")
@dataclass(frozen=True)
class ServiceCreated(_ServiceEvent):
    pass


@event_type("service.updated")
@dataclass(frozen=True)
class ServiceUpdated(_ServiceEvent):
    changed_fields: list[str] = field(default_factory=list)


@event_type("service.change_suggested")
@dataclass(frozen=True)
class ChangeSuggested(Event):
    suggestion: Suggestion

    @property
    def organisation(self) -> Organisation | None:
        return self.suggestion.service.organisation


@event_type("service.suggestion_reviewed")
@dataclass(frozen=True)
class SuggestionReviewed(Event):
    suggestion: Suggestion
    accepted: bool

    @property
    def organisation(self) -> Organisation | None:
        return self.suggestion.service.organisation


@event_type("directory.imported")
@dataclass(frozen=True)
class DirectoryImported(Event):
    source: str
    counts: dict[str, int]
