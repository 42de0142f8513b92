"""iCalendar (RFC 5545) feeds of meetings. Pure: no Django, so it is testable on its own.

Callers pass plain ``CalendarEvent`` values; ``build_calendar`` returns the bytes of a
``VCALENDAR`` with one ``VEVENT`` each. UIDs are supplied by the caller and must stay the
same for the same meeting so calendar clients update events instead of duplicating them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar

PRODID = "-//Commonground//Partnerships register//EN"


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


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("Calendar times must be timezone-aware.")
    return value.astimezone(UTC)


def build_calendar(name: str, events: Iterable[CalendarEvent], *, description: str = "") -> bytes:
    """A complete iCalendar document for ``events``, times in UTC."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    for item in events:
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
        calendar.add_component(event)
    return calendar.to_ical()
