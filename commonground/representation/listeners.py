"""Background work that follows representation's events, queued once they commit."""

from commonground.core.events import subscribe
from commonground.core.models import DomainEvent
from commonground.representation import event_types, tasks


@subscribe(event_types.VacancyAdvertised)
def notify_eligible_organisations(event: event_types.VacancyAdvertised, record: DomainEvent) -> None:
    tasks.notify_eligible_organisations.enqueue(event.vacancy.pk)


@subscribe(event_types.VotingClosed)
@subscribe(event_types.RecountRequested)
def count_the_votes(
    event: event_types.VotingClosed | event_types.RecountRequested, record: DomainEvent
) -> None:
    tasks.count_election.enqueue(event.election.pk)


@subscribe(event_types.NominationValidated)
def tell_the_nominee(event: event_types.NominationValidated, record: DomainEvent) -> None:
    tasks.notify_nominee.enqueue(event.nomination.pk)
