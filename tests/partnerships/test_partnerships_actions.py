"""Bodies, seats and holders: permissions, validation, history and events."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import Area, DomainEvent, Organisation, Person, User
from commonground.partnerships import actions, queries
from commonground.partnerships.models import Meeting, PartnershipBody, Seat, SeatHolding

pytestmark = pytest.mark.django_db


def test_create_body_records_history_and_event(
    psb: PartnershipBody, staff: User, area: Area, council: Organisation
) -> None:
    assert psb.slug == "ceredigion-public-services-board"
    assert list(psb.areas.all()) == [area]
    assert psb.history.count() == 1 and psb.history.first().history_user == staff  # type: ignore[union-attr]
    event = DomainEvent.objects.get(type="partnership_body.created")
    assert event.area == area and event.organisation == council and event.actor == staff


@pytest.mark.parametrize("role", [None, "board_support_officer", "public_body_officer"])
def test_only_area_staff_create_bodies(
    make_user: Callable[..., User], area: Area, council: Organisation, role: str | None
) -> None:
    user = make_user(role=(role, area) if role else None)
    with pytest.raises(PermissionDenied):
        actions.create_body(user, {"name_en": "X", "kind": "forum", "convenor": council}, [area])
    assert not PartnershipBody.objects.exists()


def test_staff_of_another_area_cannot_change_body(
    make_user: Callable[..., User], other_area: Area, psb: PartnershipBody
) -> None:
    outsider = make_user(role=("infrastructure_staff", other_area))
    with pytest.raises(PermissionDenied):
        actions.update_body(outsider, psb, {"name_en": "Renamed"})
    with pytest.raises(PermissionDenied):
        actions.add_seat(outsider, psb, {"name_en": "Seat", "kind": "sector"})


def test_body_cannot_report_to_its_own_sub_group(
    staff: User, psb: PartnershipBody, council: Organisation, area: Area
) -> None:
    child = actions.create_body(
        staff, {"name_en": "Sub", "kind": "sub_group", "convenor": council, "parent": psb}, [area]
    )
    with pytest.raises(ValidationError):
        actions.update_body(staff, psb, {"parent": child})
    psb.refresh_from_db()
    assert psb.parent is None
    assert child.ancestors() == [psb]


def test_create_body_rejects_bad_input_without_writing(
    staff: User, council: Organisation, area: Area
) -> None:
    with pytest.raises(ValidationError):
        actions.create_body(staff, {"name_en": "", "kind": "forum", "convenor": council}, [area])
    with pytest.raises(ValidationError):
        actions.create_body(
            staff, {"name_en": "X", "kind": "nonsense", "convenor": council}, [area]
        )
    with pytest.raises(ValidationError):
        actions.create_body(staff, {"name_en": "X", "kind": "forum", "convenor": council}, [])
    with pytest.raises(ValidationError):
        actions.create_body(
            staff, {"name_en": "X", "slug": "area", "kind": "forum", "convenor": council}, [area]
        )
    assert not PartnershipBody.objects.exists()
    assert not DomainEvent.objects.filter(type="partnership_body.created").exists()


def test_reserved_seat_needs_its_role(staff: User, psb: PartnershipBody) -> None:
    with pytest.raises(ValidationError):
        actions.add_seat(staff, psb, {"name_en": "CVC chief officer", "kind": Seat.Kind.RESERVED})
    assert not psb.seats.exists()


def test_appointment_uses_term_length_and_refuses_overlaps(
    staff: User, sector_seat: Seat, person: Person, charity: Organisation
) -> None:
    start = date(2025, 1, 31)
    holding = actions.appoint_holder(
        staff, sector_seat, person=person, organisation=charity, route="elected", starts_on=start
    )
    assert holding.ends_on == date(2028, 1, 30)  # 36 months by default
    assert sector_seat.current_holding(date(2025, 6, 1)) == holding
    other = Person.objects.create(given_name="Dewi", family_name="Hughes")
    with pytest.raises(ValidationError):
        actions.appoint_holder(
            staff,
            sector_seat,
            person=other,
            organisation=charity,
            route="elected",
            starts_on=date(2026, 1, 1),
        )
    assert sector_seat.holdings.count() == 1
    replacement = actions.appoint_holder(
        staff,
        sector_seat,
        person=other,
        organisation=charity,
        route="elected",
        starts_on=date(2026, 1, 1),
        end_current=True,
        handover_note="Read the plan first.",
    )
    holding.refresh_from_db()
    assert holding.ended_on == date(2026, 1, 1) and holding.handover_note == "Read the plan first."
    assert sector_seat.current_holding(date(2026, 2, 1)) == replacement
    assert queries.handover_note_for(sector_seat) == "Read the plan first."
    assert DomainEvent.objects.filter(type="seat_holding.ended").count() == 1


def test_substitute_sits_beside_the_holder(staff: User, sector_seat: Seat, person: Person) -> None:
    today = timezone.localdate()
    actions.appoint_holder(
        staff, sector_seat, person=person, organisation=None, route="elected", starts_on=today
    )
    sub = Person.objects.create(given_name="Sub", family_name="Stitute")
    actions.appoint_holder(
        staff,
        sector_seat,
        person=sub,
        organisation=None,
        route="elected",
        starts_on=today,
        role="substitute",
    )
    row = queries.seats_with_holders(sector_seat.body)[0]
    assert row.holding is not None and row.holding.person == person
    assert row.substitute is not None and row.substitute.person == sub


def test_bad_terms_are_refused(staff: User, sector_seat: Seat, person: Person) -> None:
    with pytest.raises(ValidationError):
        actions.appoint_holder(
            staff,
            sector_seat,
            person=person,
            organisation=None,
            route="elected",
            starts_on=date(2025, 1, 1),
            ends_on=date(2024, 1, 1),
        )
    with pytest.raises(ValidationError):
        actions.appoint_holder(
            staff,
            sector_seat,
            person=person,
            organisation=None,
            route="bribed",
            starts_on=date(2025, 1, 1),
        )
    holding = actions.appoint_holder(
        staff,
        sector_seat,
        person=person,
        organisation=None,
        route="elected",
        starts_on=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError):
        actions.end_holding(staff, holding, date(2024, 12, 1))
    actions.end_holding(staff, holding, date(2025, 6, 1), "Notes")
    with pytest.raises(ValidationError):
        actions.end_holding(staff, holding, date(2025, 7, 1))
    assert SeatHolding.objects.count() == 1


def test_meeting_times_are_checked(support: User, psb: PartnershipBody) -> None:
    now = timezone.now()
    with pytest.raises(ValidationError):
        actions.schedule_meeting(
            support, psb, {"starts_at": now, "ends_at": now - timedelta(hours=1)}
        )
    assert not Meeting.objects.exists()


def test_record_meeting_marks_it_held_and_emits_once(
    support: User,
    psb: PartnershipBody,
    make_meeting: Callable[..., Meeting],
    person: Person,
    council: Organisation,
    area: Area,
) -> None:
    future = make_meeting(days=7)
    with pytest.raises(ValidationError):
        actions.record_meeting(support, future, minutes_en="Too early")
    meeting = make_meeting(days=-1)
    actions.record_meeting(
        support,
        meeting,
        minutes_en="Minutes",
        minutes_cy="Cofnodion",
        attendance=[actions.AttendanceEntry(person=person, status="present")],
        decisions=[("Agreed the plan", "Cytunwyd ar y cynllun")],
        actions=[
            actions.ActionEntry(
                description_en="Write it up", owner=council, due_on=date(2030, 1, 1)
            )
        ],
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.minutes_en == "Minutes"
    assert (
        meeting.decisions.count() == 1
        and meeting.actions.count() == 1
        and meeting.attendance.count() == 1
    )
    actions.record_meeting(
        support, meeting, attendance=[actions.AttendanceEntry(person=person, status="apologies")]
    )
    assert meeting.attendance.get().status == "apologies"
    held = DomainEvent.objects.filter(type="meeting.held")
    assert held.count() == 1
    assert (
        held[0].area == area
        and held[0].organisation == council
        and held[0].payload["decisions"] == 1
    )
    assert meeting.history.first().history_user == support  # type: ignore[union-attr]


def test_bad_action_rolls_back_the_whole_record(
    support: User, make_meeting: Callable[..., Meeting], council: Organisation
) -> None:
    meeting = make_meeting(days=-1)
    with pytest.raises(ValidationError):
        actions.record_meeting(
            support,
            meeting,
            minutes_en="Minutes",
            decisions=[("Fine", "")],
            actions=[
                actions.ActionEntry(description_en="   ", owner=council, due_on=date(2030, 1, 1))
            ],
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED and meeting.minutes_en == ""
    assert not meeting.decisions.exists()
    assert not DomainEvent.objects.filter(type="meeting.held").exists()


def test_cancelled_meeting_cannot_be_held(
    support: User, make_meeting: Callable[..., Meeting]
) -> None:
    meeting = make_meeting(days=-1)
    actions.cancel_meeting(support, meeting)
    with pytest.raises(ValidationError):
        actions.record_meeting(support, meeting, minutes_en="x")


def test_board_support_manages_meetings_but_not_seats(support: User, psb: PartnershipBody) -> None:
    assert support.has_perm("partnerships.manage_meetings", psb)
    assert not support.has_perm("partnerships.manage_seats", psb)
    with pytest.raises(PermissionDenied):
        actions.add_seat(support, psb, {"name_en": "Seat", "kind": "sector"})


def test_hierarchy_and_next_meeting(
    staff: User,
    psb: PartnershipBody,
    council: Organisation,
    area: Area,
    make_meeting: Callable[..., Meeting],
) -> None:
    child = actions.create_body(
        staff,
        {"name_en": "A sub-group", "kind": "sub_group", "convenor": council, "parent": psb},
        [area],
    )
    forum = actions.create_body(
        staff, {"name_en": "A forum", "kind": "forum", "convenor": council}, [area]
    )
    tree = queries.hierarchy(area)
    assert [n.body for n in tree] == [psb, forum]
    assert [n.body for n in tree[0].children] == [child]
    make_meeting(days=-3)
    soon = make_meeting(days=3)
    make_meeting(days=30)
    assert queries.next_meeting(psb) == soon
