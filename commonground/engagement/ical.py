"""iCalendar (RFC 5545) for events, through the ``icalendar`` library."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from commonground.engagement.models import Event


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Commonground//Engagement//EN")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def _vevent(event: Event, url: str) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"{event.uid}@commonground")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.starts_at)
    vevent.add("dtend", event.ends_at)
    vevent.add("summary", str(event.title))
    vevent.add("location", event.location)
    if event.description:
        vevent.add("description", str(event.description))
    vevent.add("url", url)
    vevent.add("sequence", 0)
    return vevent


def invitation(event: Event, attendee: str, url: str) -> bytes:
    """A METHOD:REQUEST invitation naming the attendee, for calendar clients to accept."""
    calendar = _calendar("REQUEST")
    vevent = _vevent(event, url)
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organiser.params["cn"] = vText(str(event.organiser))
    vevent.add("organizer", organiser)
    who = vCalAddress(f"mailto:{attendee}")
    who.params["role"] = vText("REQ-PARTICIPANT")
    who.params["partstat"] = vText("ACCEPTED")
    vevent.add("attendee", who, encode=False)
    calendar.add_component(vevent)
    return calendar.to_ical()


def published(event: Event, url: str) -> bytes:
    """The event on its own (METHOD:PUBLISH), for "add to calendar" links."""
    calendar = _calendar("PUBLISH")
    calendar.add_component(_vevent(event, url))
    return calendar.to_ical()
