"""Public pages and staff pages: what they show, who may use them, and bad input."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from commonground.core.models import Area, Organisation, Person, User
from commonground.partnerships import actions
from commonground.partnerships.models import Meeting, Paper, PartnershipBody, Seat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path
    yield


def test_body_page_shows_hierarchy_seats_and_next_meeting(
    client: Client,
    staff: User,
    psb: PartnershipBody,
    sector_seat: Seat,
    person: Person,
    charity: Organisation,
    council: Organisation,
    area: Area,
    make_meeting: Callable[..., Meeting],
) -> None:
    child = actions.create_body(
        staff,
        {
            "name_en": "Poverty Forum",
            "name_cy": "Fforwm Tlodi",
            "kind": "forum",
            "convenor": council,
            "parent": psb,
        },
        [area],
    )
    actions.add_seat(staff, psb, {"name_en": "Empty seat", "name_cy": "Sedd wag", "kind": "sector"})
    actions.appoint_holder(
        staff,
        sector_seat,
        person=person,
        organisation=charity,
        route="elected",
        starts_on=date(2025, 1, 1),
        ends_on=date(2099, 12, 31),
    )
    make_meeting(days=12)
    page = client.get("/partnerships/ceredigion-public-services-board/").content.decode()
    for text in [
        "Mari Lewis",
        "Aberystwyth Food Bank",
        "31 December 2099",
        "Vacant",
        "Poverty Forum",
        "No report-back has been published yet.",
    ]:
        assert text in page
    next_day = timezone.localtime(timezone.now() + timedelta(days=12)).strftime("%-d %B %Y")
    assert next_day in page

    child_page = client.get(f"/partnerships/{child.slug}/").content.decode()
    assert "Ceredigion Public Services Board" in child_page

    welsh = client.get("/cy/partnerships/ceredigion-public-services-board/").content.decode()
    assert (
        'lang="cy"' in welsh
        and "Banc Bwyd Aberystwyth" in welsh
        and "Fforwm Tlodi" in welsh
        and "Gwag" in welsh
    )
    area_page = client.get(f"/partnerships/area/{area.slug}/").content.decode()
    assert area_page.index("Ceredigion Public Services Board") < area_page.index("Poverty Forum")


def test_latest_report_back_is_filled_by_the_panel_representation_registers(
    client: Client, psb: PartnershipBody, monkeypatch: pytest.MonkeyPatch
) -> None:
    from commonground.partnerships import panels

    class Report:
        title = "What the board decided"
        decided = "The board agreed the plan."
        ask = ""
        published_at = None

    monkeypatch.setitem(panels._PANELS, "latest_report_back", lambda body: Report())
    page = client.get(f"/partnerships/{psb.slug}/").content.decode()
    assert "What the board decided" in page and "The board agreed the plan." in page


def test_unknown_pages_are_404(client: Client, psb: PartnershipBody) -> None:
    for path in [
        "/partnerships/nope/",
        "/partnerships/area/nowhere/",
        f"/partnerships/{psb.slug}/meetings/999/",
        f"/partnerships/{psb.slug}/seats/999/",
        "/partnerships/nope/meetings.ics",
    ]:
        assert client.get(path).status_code == 404, path


def test_public_cannot_use_staff_pages(
    client: Client, make_user: Callable[..., User], psb: PartnershipBody, sector_seat: Seat
) -> None:
    assert client.get("/partnerships/new/").status_code == 302  # to sign in
    client.force_login(make_user())
    for path in [
        "/partnerships/new/",
        f"/partnerships/{psb.slug}/edit/",
        f"/partnerships/{psb.slug}/seats/new/",
        f"/partnerships/{psb.slug}/seats/{sector_seat.pk}/appoint/",
        f"/partnerships/{psb.slug}/meetings/new/",
    ]:
        assert client.get(path).status_code == 403, path


def test_staff_create_a_body_and_a_seat_through_the_forms(
    client: Client, staff: User, council: Organisation, area: Area
) -> None:
    client.force_login(staff)
    bad = client.post(
        "/partnerships/new/",
        {
            "name_en": "",
            "kind": "psb",
            "convenor": "999999",
            "status": "active",
            "meeting_frequency": "quarterly",
        },
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert (
        "There is a problem" in text and "Select at least one" not in text
    )  # errors named per field
    assert not PartnershipBody.objects.exists()
    ok = client.post(
        "/partnerships/new/",
        {
            "name_en": "Ceredigion PSB",
            "name_cy": "BGC Ceredigion",
            "kind": "psb",
            "convenor": council.pk,
            "status": "active",
            "meeting_frequency": "quarterly",
            "areas": [area.pk],
        },
    )
    assert ok.status_code == 302
    body = PartnershipBody.objects.get()
    assert ok["Location"] == body.get_absolute_url()

    bad_seat = client.post(
        f"/partnerships/{body.slug}/seats/new/",
        {"name_en": "CVC", "kind": "reserved", "term_months": "0", "max_consecutive_terms": "2"},
    )
    assert bad_seat.status_code == 400
    assert "Enter the role this seat is reserved for." in bad_seat.content.decode()
    assert not body.seats.exists()
    assert (
        client.post(
            f"/partnerships/{body.slug}/seats/new/",
            {
                "name_en": "Third sector seat",
                "kind": "sector",
                "term_months": "24",
                "max_consecutive_terms": "2",
                "has_substitute": "on",
            },
        ).status_code
        == 302
    )
    assert body.seats.get().term_months == 24


def test_staff_appoint_and_end_through_the_forms(
    client: Client,
    staff: User,
    sector_seat: Seat,
    charity: Organisation,
    make_user: Callable[..., User],
) -> None:
    holder = make_user(admin_of=charity).person
    client.force_login(staff)
    url = f"/partnerships/{sector_seat.body.slug}/seats/{sector_seat.pk}/appoint/"
    assert (
        client.post(
            url,
            {
                "person": holder.pk,
                "role": "holder",
                "route": "elected",
                "starts_on": "2025-01-01",
                "ends_on": "2024-01-01",
            },
        ).status_code
        == 400
    )
    assert (
        client.post(
            url,
            {"person": holder.pk, "role": "holder", "route": "elected", "starts_on": "not a date"},
        ).status_code
        == 400
    )
    assert not sector_seat.holdings.exists()
    assert (
        client.post(
            url,
            {
                "person": holder.pk,
                "organisation": charity.pk,
                "role": "holder",
                "route": "elected",
                "starts_on": "2025-01-01",
            },
        ).status_code
        == 302
    )
    holding = sector_seat.holdings.get()
    # A second, overlapping appointment is refused with the reason in the error summary.
    clash = client.post(
        url, {"person": holder.pk, "role": "holder", "route": "elected", "starts_on": "2025-06-01"}
    )
    assert clash.status_code == 400 and "End their term first" in clash.content.decode()
    end_url = (
        f"/partnerships/{sector_seat.body.slug}/seats/{sector_seat.pk}/holdings/{holding.pk}/end/"
    )
    assert client.post(end_url, {"ended_on": "2020-01-01"}).status_code == 400
    assert (
        client.post(end_url, {"ended_on": "2025-03-01", "handover_note": "Notes"}).status_code
        == 302
    )
    holding.refresh_from_db()
    assert holding.ended_on == date(2025, 3, 1)


def test_meeting_form_and_record_form(
    client: Client,
    support: User,
    psb: PartnershipBody,
    council: Organisation,
    staff: User,
    sector_seat: Seat,
    person: Person,
) -> None:
    actions.appoint_holder(
        staff,
        sector_seat,
        person=person,
        organisation=None,
        route="elected",
        starts_on=date(2020, 1, 1),
        ends_on=date(2099, 1, 1),
    )
    client.force_login(support)
    url = f"/partnerships/{psb.slug}/meetings/new/"
    assert (
        client.post(
            url, {"starts_at": "2026-05-01T10:00", "ends_at": "2026-05-01T09:00"}
        ).status_code
        == 400
    )
    assert (
        client.post(url, {"starts_at": "yesterday", "ends_at": "2026-05-01T09:00"}).status_code
        == 400
    )
    assert not Meeting.objects.exists()
    assert (
        client.post(
            url,
            {"starts_at": "2025-05-01T10:00", "ends_at": "2025-05-01T12:00", "venue": "Aberaeron"},
        ).status_code
        == 302
    )
    meeting = Meeting.objects.get()
    record = f"/partnerships/{psb.slug}/meetings/{meeting.pk}/record/"
    assert f'name="attendance_{person.pk}"' in client.get(record).content.decode()
    bad = client.post(
        record,
        {
            f"attendance_{person.pk}": "present",
            "action_1_description_en": "Do it",
            "action_1_due_on": "2025-13-01",
        },
    )
    assert bad.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    ok = client.post(
        record,
        {
            "minutes_en": "Minutes",
            f"attendance_{person.pk}": "apologies",
            "decisions_en": "First\nSecond",
            "decisions_cy": "Cyntaf",
            "action_1_description_en": "Do it",
            "action_1_owner": council.pk,
            "action_1_due_on": "2025-06-01",
        },
    )
    assert ok.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert [d.text_cy for d in meeting.decisions.all()] == ["Cyntaf", ""]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert (
        "Second" in page and "Do it" in page and "1 Jun 2025" in page and "Sent apologies" in page
    )
    action = meeting.actions.get()
    assert (
        client.post(
            f"/partnerships/{psb.slug}/actions/{action.pk}/status/", {"status": "done"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/partnerships/{psb.slug}/actions/{action.pk}/status/", {"status": "zzz"}
        ).status_code
        == 400
    )
    action.refresh_from_db()
    assert action.status == "done"


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        (
            "minutes.exe",
            b"MZ\x90\x00",
            "application/octet-stream",
            "must be a PDF, DOCX, ODT, XLSX, CSV or TXT",
        ),
        ("minutes.pdf", b"not really a pdf", "application/pdf", "contents do not match"),
        ("minutes.pdf", b"%PDF-1.4 but sent as", "image/png", "contents do not match"),
        ("empty.txt", b"", "text/plain", "empty"),
    ],
)
def test_paper_upload_rejects_bad_files(
    client: Client,
    support: User,
    make_meeting: Callable[..., Meeting],
    name: str,
    content: bytes,
    content_type: str,
    message: str,
) -> None:
    meeting = make_meeting(days=3)
    client.force_login(support)
    response = client.post(
        f"/partnerships/{meeting.body.slug}/meetings/{meeting.pk}/papers/new/",
        {"title": "Minutes", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Paper.objects.exists()


def test_paper_too_large_is_rejected(
    support: User, make_meeting: Callable[..., Meeting], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.exceptions import ValidationError

    from commonground.partnerships import files

    monkeypatch.setattr(files, "MAX_PAPER_BYTES", 10)
    with pytest.raises(ValidationError, match="20 MB"):
        actions.upload_paper(
            support,
            make_meeting(days=3),
            "Big",
            SimpleUploadedFile("big.txt", b"x" * 11, "text/plain"),
        )
    assert not Paper.objects.exists()


def test_paper_upload_and_download(
    client: Client, support: User, make_meeting: Callable[..., Meeting]
) -> None:
    meeting = make_meeting(days=3)
    client.force_login(support)
    response = client.post(
        f"/partnerships/{meeting.body.slug}/meetings/{meeting.pk}/papers/new/",
        {
            "title": "Budget",
            "file": SimpleUploadedFile(
                "budget.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    client.logout()
    page = client.get(meeting.get_absolute_url()).content.decode()
    url = f"/partnerships/{meeting.body.slug}/meetings/{meeting.pk}/papers/{paper.pk}/"
    assert url in page
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]
    assert (
        client.get(f"/partnerships/other/meetings/{meeting.pk}/papers/{paper.pk}/").status_code
        == 404
    )


def test_representation_registers_its_report_back_panel_at_start_up() -> None:
    from commonground.partnerships import panels
    from commonground.representation import queries as representation_queries

    assert panels._PANELS["latest_report_back"] is representation_queries.latest_report_back
