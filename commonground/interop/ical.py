"""iCalendar (RFC 5545): feeds of meetings and opportunities, and event invitations. Pure:
no Django, so it is testable on its own.

Callers pass plain ``CalendarEvent`` values. ``build_calendar`` returns the bytes of a
published ``VCALENDAR`` (METHOD:PUBLISH, for feeds and "add to calendar" links) with one
``VEVENT`` each; ``invitation`` returns one event as a METHOD:REQUEST naming its organiser and
attendee, for the attachment of a booking's confirmation. UIDs are supplied by the caller and
must stay the same for the same event so calendar clients update events instead of
duplicating them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar

PRODID = "-//Commonground//Commonground//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    last_modified: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    sequence: int = 0


@dataclass(frozen=True)
class Participant:
    """An organiser or attendee of an invitation."""

    email: str
    name: str = ""


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("Calendar times must be timezone-aware.")
    return value.astimezone(UTC)


def _calendar(method: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _vevent(item: CalendarEvent) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", _utc(item.last_modified))
    event.add("last-modified", _utc(item.last_modified))
    event.add("dtstart", _utc(item.starts_at))
    event.add("dtend", _utc(item.ends_at))
    event.add("summary", item.summary)
    event.add("sequence", item.sequence)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    return event


def _address(who: Participant, **params: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{who.email}")
    if who.name:
        address.params["cn"] = icalendar.vText(who.name)
    for key, value in params.items():
        address.params[key] = icalendar.vText(value)
    return address


def build_calendar(name: str, events: Iterable[CalendarEvent], *, description: str = "") -> bytes:
    """A complete published iCalendar document for ``events``, times in UTC."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    for item in events:
        calendar.add_component(_vevent(item))
    return calendar.to_ical()


def invitation(item: CalendarEvent, *, organiser: Participant, attendee: Participant) -> bytes:
    """A METHOD:REQUEST invitation to ``item``, the attendee's place already accepted."""
    calendar = _calendar("REQUEST")
    event = _vevent(item)
    event.add("organizer", _address(organiser))
    event.add(
        "attendee", _address(attendee, role="REQ-PARTICIPANT", partstat="ACCEPTED"), encode=False
    )
    calendar.add_component(event)
    return calendar.to_ical()
