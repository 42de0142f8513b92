"""Consultations: the compact window, responses, feedback, principles, export; events; the
report-back hook; the API. Bad input gives a clear message and writes nothing."""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from commonground.core import events as core_events
from commonground.core.models import Area, DomainEvent, Organisation, Theme, User
from commonground.engagement import actions, export, listeners, queries
from commonground.engagement.compact import Window
from commonground.engagement.models import (
    Bulletin,
    Consultation,
    Registration,
    Response,
)

from .conftest import wait_for

MONDAY = date(2026, 1, 5)


def _data(opens: date, closes: date, **extra: Any) -> dict[str, Any]:
    return {
        "title_en": "Future of day services",
        "title_cy": "Dyfodol gwasanaethau dydd",
        "summary_en": "Tell us what matters.",
        "opens_on": opens,
        "closes_on": closes,
        "feedback_due_on": closes + timedelta(days=42),
        **extra,
    }


def test_window_boundaries() -> None:
    exactly = Window(MONDAY, MONDAY + timedelta(days=83), 12)
    assert exactly.days == 84 and exactly.meets_minimum and exactly.closes_on == date(2026, 3, 29)
    short = Window(MONDAY, MONDAY + timedelta(days=82), 12)
    assert short.days == 83 and not short.meets_minimum
    assert short.earliest_compliant_close == date(2026, 3, 29)


def test_compact_window_enforced_at_boundaries(officer: User, council: Organisation) -> None:
    ok = actions.create_consultation(officer, council, _data(MONDAY, date(2026, 3, 29)))
    assert queries.window_for(ok).meets_minimum
    before = Consultation.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.create_consultation(officer, council, _data(MONDAY, date(2026, 3, 28)))
    assert "short_period_reason_en" in refused.value.message_dict
    assert "83 days" in refused.value.message_dict["short_period_reason_en"][0]
    assert Consultation.objects.count() == before
    reason = "The Welsh Government deadline for the plan is in March."
    short = actions.create_consultation(
        officer, council, _data(MONDAY, date(2026, 3, 28), short_period_reason_en=reason)
    )
    assert not queries.window_for(short).meets_minimum


def test_minimum_is_the_area_compact_override(
    officer: User, council: Organisation, area: Area
) -> None:
    # The minimum is the adopted compact pack's parameter (C7), read through core's hook.
    from commonground.compacts.models import Compact, ParameterOverride

    compact = Compact.objects.create(
        area=area, slug="c", title_en="Compact", kind="bipartite", scope="local"
    )
    ParameterOverride.objects.create(
        compact=compact,
        rule="consultation.minimum_period",
        parameter="minimum_weeks",
        value=8,
        reason="Agreed locally",
    )
    eight_weeks = actions.create_consultation(
        officer, council, _data(MONDAY, MONDAY + timedelta(days=55))
    )
    assert queries.window_for(eight_weeks).meets_minimum


def _open_consultation(officer: User, council: Organisation, reason: str = "") -> Consultation:
    today = timezone.localdate()
    consultation = actions.create_consultation(
        officer, council, _data(today, today + timedelta(days=30), short_period_reason_en=reason)
    )
    actions.add_question(
        officer, consultation, {"text_en": "What works?", "kind": "free_text", "required": True}
    )
    actions.add_question(
        officer,
        consultation,
        {
            "text_en": "Which matter?",
            "kind": "multiple_choice",
            "choices_en": "Transport\nCost\nHours",
        },
    )
    actions.add_question(
        officer, consultation, {"text_en": "How satisfied?", "kind": "rating", "rating_max": 5}
    )
    actions.record_principles(
        officer, consultation, {"designed": (True, "Co-designed with users"), "impact": (True, "")}
    )
    return actions.publish_consultation(officer, consultation)


def test_short_period_reason_is_shown_publicly(
    officer: User, council: Organisation, client: Client
) -> None:
    consultation = _open_consultation(officer, council, reason="Urgent budget decision.")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Shorter than the compact minimum" in page and "Urgent budget decision." in page
    assert "Co-designed with users" in page and "Engagement is effectively designed" in page
    assert (
        DomainEvent.objects.of_type("consultation.opened").get().payload["meets_compact_minimum"]
        is False
    )


def test_only_the_owner_may_edit(
    officer: User, council: Organisation, make_user: Any, make_organisation: Any, area: Area
) -> None:
    consultation = _open_consultation(officer, council, reason="Short")
    other_body = make_organisation(kind=Organisation.Kind.PUBLIC_BODY)
    other_officer = make_user(role=("public_body_officer", area), role_organisation=other_body)
    member = make_user(member_of=council)
    for user in (other_officer, member):
        assert not user.has_perm("engagement.change_consultation", consultation)
        with pytest.raises(PermissionDenied):
            actions.update_consultation(user, consultation, {"title_en": "Hijacked"})
    admin = make_user(role=("area_admin", area))
    assert admin.has_perm("engagement.change_consultation", consultation)
    with pytest.raises(PermissionDenied):
        actions.create_consultation(other_officer, council, _data(MONDAY, date(2026, 3, 29)))


def test_response_draft_submit_receipt_feedback_and_export(
    smtp: Any,
    officer: User,
    council: Organisation,
    make_user: Any,
    make_organisation: Any,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    consultation = _open_consultation(officer, council, reason="Short")
    q_text, q_multi, q_rating = consultation.questions.all()
    charity = make_organisation()
    respondent = make_user(admin_of=charity, language="cy")
    client.force_login(respondent)
    url = f"/engagement/consultations/{consultation.pk}/respond/"

    draft = client.post(
        url, {"save": "1", f"q{q_text.pk}": "Half written", "responding_for": str(charity.pk)}
    )
    assert draft.status_code == 302
    saved = Response.objects.get()
    assert saved.status == "draft" and saved.organisation == charity
    assert "Half written" in client.get(url).content.decode()  # the draft comes back

    wrong = client.post(
        url, {"submit": "1", f"q{q_text.pk}": "x", f"q{q_rating.pk}": "9", f"q{q_multi.pk}": ["7"]}
    )
    assert wrong.status_code == 200 and "govuk-error-message" in wrong.content.decode()
    with pytest.raises(ValidationError) as error:
        actions.save_response(
            respondent, consultation, {q_rating.pk: "lots", q_multi.pk: "Cost"}, submit=True
        )
    assert {f"q{q_rating.pk}", f"q{q_multi.pk}"} <= set(error.value.message_dict)
    assert Response.objects.get().status == "draft"

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url,
            {
                "submit": "1",
                f"q{q_text.pk}": "More buses",
                f"q{q_multi.pk}": ["0", "1"],
                f"q{q_rating.pk}": "4",
                "responding_for": str(charity.pk),
                "publish": "on",
            },
        )
    assert done.status_code == 302 and done["Location"].endswith("/receipt/")
    response = Response.objects.get()
    assert response.status == "submitted" and response.publish
    receipt = wait_for(smtp, 1)[0]
    assert receipt["To"] == respondent.email and receipt["Content-Language"] == "cy"
    assert response.reference in receipt.get_content()
    assert (
        DomainEvent.objects.of_type("consultation.response_submitted").get().organisation_id
        == charity.pk
    )

    # Two more responses for the rating summary.
    for rating in ("4", "2"):
        person = make_user()
        actions.save_response(
            person, consultation, {q_text.pk: "ok", q_rating.pk: rating}, submit=True
        )
    summary = export.rating_table(consultation)[1]
    assert [r[1:] for r in summary if r[2]] == [[2, 1, 33.3, 3], [4, 2, 66.7, 3]]
    csv_text = export.as_csv(consultation)
    assert "More buses" in csv_text and "Transport; Cost" in csv_text and "Base (n)" in csv_text
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(io.BytesIO(export.as_xlsx(consultation)))
    assert book.sheetnames == ["Responses", "Ratings"]
    assert book["Responses"].max_row == 4
    assert book["Ratings"]._charts

    client.force_login(officer)
    results = client.get(f"/engagement/consultations/{consultation.pk}/results/").content.decode()
    assert "cg-bar-chart__bar cg-w-67" in results and "66.7%" in results
    assert (
        client.get(f"/engagement/consultations/{consultation.pk}/responses.xlsx").status_code == 200
    )
    client.force_login(respondent)
    assert client.get(f"/engagement/consultations/{consultation.pk}/results/").status_code == 403

    # After the close: refused responses, then summary and feedback, and respondents told.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=date(2025, 1, 1), closes_on=date(2025, 4, 1), feedback_due_on=date(2025, 5, 1)
    )
    consultation.refresh_from_db()
    assert consultation.feedback_overdue()
    late = make_user()
    with pytest.raises(ValidationError) as closed:
        actions.save_response(late, consultation, {q_text.pk: "late"}, submit=True)
    assert "1 April 2025" in closed.value.messages[0]
    client.force_login(late)
    page = client.get(url).content.decode()
    assert "closed on 1 April 2025" in page
    assert (
        client.get(consultation.get_absolute_url()).content.decode().count("Feedback overdue") >= 1
    )

    with pytest.raises(ValidationError):
        actions.publish_feedback(officer, consultation, "We did things")  # summary first
    actions.write_response_summary(officer, consultation, "People want buses.")
    before = len(smtp.messages)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_feedback(
            officer, consultation, "You said buses; we added a route.", "Dywedoch chi fysiau."
        )
    notices = wait_for(smtp, before + 3)[before:]
    assert len(notices) == 3
    welsh = next(m for m in notices if m["To"] == respondent.email)
    assert "Dywedoch chi fysiau." in welsh.get_content()
    event = DomainEvent.objects.of_type("consultation.feedback_published").get()
    assert event.payload["respondents"] == 3 and event.payload["overdue"] is True
    public = Client().get(consultation.get_absolute_url()).content.decode()
    assert "You said buses; we added a route." in public and "More buses" in public


def test_api_shows_questions_and_responses_only_to_the_owner(
    officer: User, council: Organisation, make_user: Any, client: Client
) -> None:
    consultation = _open_consultation(officer, council, reason="Short")
    person = make_user()
    actions.save_response(
        person, consultation, {consultation.questions.first().pk: "Yes"}, submit=True
    )
    data = client.get(f"/api/engagement/consultations/{consultation.pk}").json()
    assert len(data["questions"]) == 3 and data["meets_compact_minimum"] is False
    assert data["questions"][1]["choices_en"] == ["Transport", "Cost", "Hours"]
    assert (
        client.get(f"/api/engagement/consultations/{consultation.pk}/responses").status_code == 401
    )
    client.force_login(person)
    assert (
        client.get(f"/api/engagement/consultations/{consultation.pk}/responses").status_code == 403
    )
    client.force_login(officer)
    owner_view = client.get(f"/api/engagement/consultations/{consultation.pk}/responses").json()
    assert owner_view["count"] == 1 and owner_view["items"][0]["answers"][0]["text"] == "Yes"
    assert client.get("/api/engagement/bulletins").status_code == 200
    assert client.get("/api/engagement/events").status_code == 200


def test_events_capacity_waiting_list_invitation_and_attendance(
    smtp: Any,
    officer: User,
    council: Organisation,
    make_user: Any,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    start = timezone.now() + timedelta(days=3)
    event = actions.create_event(
        officer,
        council,
        {
            "kind": "forum",
            "title_en": "Sector forum",
            "location": "Aberaeron",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "capacity": 1,
        },
    )
    first, second = make_user(), make_user()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.register_for_event(first, event).status == Registration.Status.CONFIRMED
    invite = wait_for(smtp, 1)[0]
    calendar = next(p for p in invite.iter_attachments() if p.get_content_type() == "text/calendar")
    ics = calendar.get_content()
    ics = ics.decode() if isinstance(ics, bytes) else ics
    ics = ics.replace("\r\n ", "")  # unfold RFC 5545's 75-octet lines: a long address folds
    assert "METHOD:REQUEST" in ics and "Sector forum" in ics and first.email in ics

    client.force_login(second)
    full = client.post(f"/engagement/events/{event.pk}/register/", follow=True)
    assert "waiting list" in full.content.decode()
    waiting = Registration.objects.get(user=second)
    assert waiting.status == Registration.Status.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        promoted = actions.cancel_registration(first, Registration.objects.get(user=first))
    assert promoted == waiting and len(wait_for(smtp, 2)) == 2

    with pytest.raises(ValidationError):
        actions.record_attendance(officer, event, [second.pk])  # not started yet
    from commonground.engagement.models import Event

    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    event.refresh_from_db()
    assert actions.record_attendance(officer, event, [second.pk]) == 1
    assert DomainEvent.objects.of_type("event.held").get().payload["attendees"] == 1
    assert DomainEvent.objects.of_type("event.attendance_recorded").count() == 1
    with pytest.raises(PermissionDenied):
        actions.record_attendance(second, event, [second.pk])
    assert (
        "BEGIN:VCALENDAR" in client.get(f"/engagement/events/{event.pk}/event.ics").content.decode()
    )


@dataclass(frozen=True)
class _FakeReportBackPublished:
    """The fields the representation capability's ``reportback.published`` event carries."""

    report_back: int
    title_en: str
    title_cy: str
    summary_en: str
    summary_cy: str
    url: str
    themes: list[Theme] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)


def test_published_report_back_becomes_one_bulletin(
    area: Area, django_capture_on_commit_callbacks: Any
) -> None:
    # The representation app owns (and registers) the event type; the hook subscribes by
    # name. Here the listener is driven with an event of the same shape and its log record.
    assert listeners.report_back_to_bulletin in core_events._SUBSCRIBERS["reportback.published"]
    theme = Theme.objects.get(slug="housing")
    event = _FakeReportBackPublished(
        report_back=41,
        title_en="Housing board, March",
        title_cy="Bwrdd tai, Mawrth",
        summary_en="What the board decided. " * 20,
        summary_cy="Beth benderfynodd y bwrdd.",
        url="/representation/report-backs/41/",
        themes=[theme],
        areas=[area],
    )
    for _ in range(2):  # delivered twice: still one bulletin
        record = DomainEvent.objects.create(
            type="reportback.published",
            occurred_at=timezone.now(),
            area=area,
            payload={"report_back": 41},
        )
        with django_capture_on_commit_callbacks(execute=True):
            listeners.report_back_to_bulletin(event, record)
    bulletin = Bulletin.objects.get(source="reportback:41")
    assert bulletin.title_cy == "Bwrdd tai, Mawrth" and len(bulletin.summary_en) <= 200
    assert list(bulletin.themes.all()) == [theme] and list(bulletin.areas.all()) == [area]
    assert bulletin.link.endswith("/representation/report-backs/41/")
    assert DomainEvent.objects.of_type("bulletin.published").count() == 1


def test_bad_input_never_gives_a_server_error(
    officer: User, council: Organisation, client: Client
) -> None:
    client.force_login(officer)
    bad = client.post(
        "/engagement/consultations/new/",
        {
            "owner": council.pk,
            "title_en": "X",
            "opens_on": "2026-01-05",
            "closes_on": "2026-03-28",
            "feedback_due_on": "not a date",
        },
    )
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    short = client.post(
        "/engagement/consultations/new/",
        {
            "owner": council.pk,
            "title_en": "X",
            "summary_en": "S",
            # Future dates: a consultation cannot open in the past (issue 11, defect 9).
            "opens_on": timezone.localdate() + timedelta(days=7),
            "closes_on": timezone.localdate() + timedelta(days=7 + 82),
            "feedback_due_on": timezone.localdate() + timedelta(days=7 + 120),
        },
    )
    assert (
        short.status_code == 200
        and "Give the reason for a shorter period" in short.content.decode()
    )
    assert not Consultation.objects.exists()
    for path in (
        "/engagement/consultations/999/",
        "/engagement/events/999/",
        "/engagement/bulletins/999/",
    ):
        assert client.get(path).status_code == 404
    assert client.get("/engagement/consultations/1/responses.csv").status_code == 404


def test_real_report_back_becomes_a_bulletin(
    area: Area,
    make_organisation: Any,
    make_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """End to end with the representation capability's own ``reportback.published``."""
    from commonground.partnerships.models import SeatHolding
    from commonground.representation import actions as representation
    from tests.representation.conftest import build_scene, end_nominations, held_meeting

    scene = build_scene(area, make_organisation, make_user)
    vacancy = scene.advertise()
    representation.validate_nomination(scene.staff, scene.nominate(vacancy, 0), accept=True)
    end_nominations(vacancy)
    representation.close_nominations(scene.staff, vacancy)
    holding = SeatHolding.objects.get(seat=scene.seat)
    holding.starts_on = timezone.localdate() - timedelta(days=60)
    holding.save()
    meeting = held_meeting(scene.body, days_ago=30)
    fields = {
        "title_en": "Board agrees new funding timetable",
        "decided_en": "Grants will be decided by March.",
        "meaning_en": "Organisations hear earlier.",
        "ask_en": "Tell us if March is too late.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        report_back = representation.post_report_back(scene.admins[0], holding, meeting, fields)
    bulletin = Bulletin.objects.get(source=f"reportback:{report_back.pk}")
    assert bulletin.title_en == "Board agrees new funding timetable"
    assert bulletin.status == Bulletin.Status.PUBLISHED and len(bulletin.summary_en) <= 200
    assert list(bulletin.areas.all()) == [area]
