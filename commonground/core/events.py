"""The domain event API: one way to record that something happened, one way to listen.

Apps define event types as frozen dataclasses registered with ``@event_type``::

    @event_type("organisation.updated")
    @dataclass(frozen=True)
    class OrganisationUpdated(Event):
        organisation: Organisation
        changed_fields: list[str]

then call ``emit(OrganisationUpdated(...), actor=user)`` inside the transaction that made the
change, and listen with ``@subscribe(OrganisationUpdated)``. Subscribers run once the
transaction commits, so a failing listener never undoes the change it heard about; the log
itself is written in the same transaction, so it never records a change that did not happen.
"""

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, ClassVar, TypeVar

from django.db import models, transaction
from django.utils import timezone

from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.core.models.events import ActorKind

logger = logging.getLogger(__name__)

E = TypeVar("E", bound="Event")
Handler = Callable[[Any, DomainEvent], None]

_REGISTRY: dict[str, type["Event"]] = {}
_SUBSCRIBERS: dict[str, list[Handler]] = defaultdict(list)


class Event:
    """Base for event types. ``area`` and ``organisation`` are indexed for queries."""

    type: ClassVar[str]

    @property
    def area(self) -> Area | None:
        organisation = self.organisation
        return organisation.area if organisation is not None else None

    @property
    def organisation(self) -> Organisation | None:
        subject = getattr(self, "subject", None)
        return subject if isinstance(subject, Organisation) else None

    @property
    def subject_record(self) -> models.Model | None:
        """The record the event is about: its first field that holds one."""
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, models.Model):
                return value
        return None


def event_type(name: str) -> Callable[[type[E]], type[E]]:
    """Register an event class under its type name (``"<noun>.<past-tense verb>"``)."""

    def register(cls: type[E]) -> type[E]:
        if name in _REGISTRY:
            raise ValueError(f"Event type {name!r} is already registered.")
        cls.type = name
        _REGISTRY[name] = cls
        return cls

    return register


def registered_types() -> dict[str, type["Event"]]:
    return dict(_REGISTRY)


def subscribe(
    event: type[E] | str,
) -> Callable[[Callable[[E, DomainEvent], None]], Handler]:
    """Decorate ``handler(event, record)`` to run after each such event commits.

    ``event`` is the event class, or its type name when the emitting app is optional or
    would otherwise be a circular import (e.g. ``"reportback.published"``).
    """
    name = event if isinstance(event, str) else event.type

    def register(handler: Callable[[E, DomainEvent], None]) -> Handler:
        _SUBSCRIBERS[name].append(handler)
        return handler

    return register


def _serialise(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_serialise(v) for v in value]
    if isinstance(value, dict):
        return {k: _serialise(v) for k, v in value.items()}
    return value


def _record(event: Event, actor: User | None, at: datetime | None) -> DomainEvent:
    if not dataclasses.is_dataclass(event) or _REGISTRY.get(
        getattr(type(event), "type", "")
    ) is not type(event):
        raise TypeError(f"{type(event).__name__} is not a registered event type.")
    payload = {f.name: _serialise(getattr(event, f.name)) for f in dataclasses.fields(event)}
    person = actor if actor is not None and actor.is_authenticated else None
    subject = event.subject_record
    return DomainEvent(
        type=event.type,
        occurred_at=at or timezone.now(),
        area=event.area,
        organisation=event.organisation,
        actor=person,
        actor_kind=ActorKind.SYSTEM if person is None else ActorKind.PERSON,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        payload=payload,
    )


def _schedule(event: Event, record: DomainEvent) -> None:
    for handler in _SUBSCRIBERS.get(event.type, []):
        transaction.on_commit(_runner(handler, event, record), robust=True)


def emit(event: Event, *, actor: User | None = None, at: datetime | None = None) -> DomainEvent:
    """Append ``event`` to the log and schedule its subscribers for after commit."""
    record = _record(event, actor, at)
    record.save()
    _schedule(event, record)
    return record


def emit_many(events: Sequence[Event], *, actor: User | None = None) -> list[DomainEvent]:
    """``emit`` for a bulk verb: one event each, appended to the log in a few statements."""
    at = timezone.now()
    records = DomainEvent.objects.bulk_create(
        [_record(event, actor, at) for event in events], batch_size=1000
    )
    for event, record in zip(events, records, strict=True):
        _schedule(event, record)
    return records


def _runner(handler: Handler, event: Event, record: DomainEvent) -> Callable[[], None]:
    def run() -> None:
        try:
            handler(event, record)
        except Exception:
            logger.exception("Subscriber %s failed on %s", handler.__qualname__, record)
            raise

    return run
