"""The roll-up, the exception report (page, PDF, attached to a meeting's papers in one
click), actions' flags and reminders, and the events."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import DomainEvent, Organisation, User
from commonground.engagement.listeners import plan_to_bulletin
from commonground.engagement.models import Bulletin
from commonground.partnerships.models import Meeting, PartnershipBody
from commonground.planning import actions, curves, queries, tasks
from commonground.planning.event_types import PlanPublished
from commonground.planning.importer import ValueRow
from commonground.planning.models import (
    Action,
    GovernmentRequest,
    Measure,
    Plan,
    Priority,
    ReportCard,
)

TODAY = timezone.localdate()
DUE = curves.latest_due_period("quarterly", TODAY).label  # the quarter whose values are due


def _action(
    support: User, priority: Priority, owner: Organisation, title: str, due: date, status: str
) -> Action:
    return actions.create_action(
        support, priority, {"title_en": title, "owner": owner, "due_on": due, "status": status}
    )


def test_the_board_scorecard_shows_a_sub_group_change_at_once(
    support: User, psb: PartnershipBody, card: ReportCard, measure: Measure
) -> None:
    board = queries.scorecard(psb, TODAY, published_only=True)
    assert [s.status for c in board.cards for s in c.measures] == [curves.Status.NO_DATA]
    actions.set_values(support, measure, [ValueRow(DUE, actual=Decimal(40), target=Decimal(60))])
    board = queries.scorecard(psb, TODAY, published_only=True)
    [summary] = [s for c in board.cards for s in c.measures]
    assert summary.status == curves.Status.OFF_TRACK
    assert summary.latest_actual == Decimal(40)
    assert ReportCard.objects.count() == 1  # read from the sub-group, not copied
    actions.set_values(support, measure, [ValueRow(DUE, actual=Decimal(61), target=Decimal(60))])
    page = Client().get(reverse("planning:body", args=[psb.slug])).content.decode()
    assert "Walkers who feel fitter" in page and "Healthy Communities Sub-group" in page
    assert "On track" in page


def test_an_off_track_measure_emits_its_event(support: User, measure: Measure) -> None:
    actions.set_values(support, measure, [ValueRow(DUE, actual=Decimal(30), target=Decimal(60))])
    event = DomainEvent.objects.get(type="measure.off_track")
    assert event.payload["period"] == DUE


def test_the_exception_report_puts_exceptions_first_and_counts_the_rest(
    support: User,
    council: Organisation,
    psb: PartnershipBody,
    priority: Priority,
    measure: Measure,
) -> None:
    late = _action(
        support, priority, council, "Map the walking routes", TODAY - timedelta(days=3), "on_track"
    )
    risky = _action(
        support, priority, council, "Train walk leaders", TODAY + timedelta(days=30), "at_risk"
    )
    _action(support, priority, council, "Open a new group", TODAY + timedelta(days=60), "on_track")
    _action(support, priority, council, "Print leaflets", TODAY - timedelta(days=30), "done")
    request = actions.log_request(
        support,
        psb,
        {
            "kind": GovernmentRequest.Kind.INFORMATION,
            "title": "Well-being plan progress return",
            "sender": "Welsh Government",
            "received_on": TODAY - timedelta(days=40),
            "owner": council,
            "due_on": TODAY - timedelta(days=1),
        },
    )
    report = queries.exception_report(psb, TODAY)
    assert report.overdue_actions == [late]
    assert report.off_track_actions == [risky]
    assert [s.measure for s in report.no_data_measures] == [measure]
    assert report.overdue_requests == [request]
    assert (report.actions_on_track, report.measures_on_track) == (1, 0)
    # Answered, the request leaves the report.
    actions.answer_request(support, request, "Sent the return.", TODAY)
    assert queries.exception_report(psb, TODAY).overdue_requests == []
    assert DomainEvent.objects.filter(type="government_request.answered").count() == 1


def test_the_report_is_a_pdf_attached_to_the_meeting_in_one_click(
    client: Client,
    support: User,
    council: Organisation,
    psb: PartnershipBody,
    priority: Priority,
    meeting: Meeting,
) -> None:
    from pypdf import PdfReader

    _action(
        support, priority, council, "Map the walking routes", TODAY - timedelta(days=3), "on_track"
    )
    client.force_login(support)
    url = reverse("planning:exceptions", args=[psb.slug])
    page = client.get(url)
    assert "Map the walking routes" in page.content.decode()
    pdf = client.get(url, {"download": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Map the walking routes" in text
    response = client.post(
        reverse("planning:exceptions-attach", args=[psb.slug]), {"meeting": meeting.pk}
    )
    assert response.status_code == 302
    [paper] = meeting.papers.all()
    assert paper.title.startswith("Exception report: Ceredigion Public Services Board")
    assert paper.file.read(5) == b"%PDF-"
    assert DomainEvent.objects.filter(type="paper.uploaded").count() == 1
    assert DomainEvent.objects.filter(type="exception_report.attached").count() == 1


def test_owners_are_reminded_once_before_the_due_date_and_overdue_actions_flagged(
    support: User, council: Organisation, priority: Priority, make_user: object
) -> None:
    admin = make_user(admin_of=council, language="cy")  # type: ignore[operator]
    soon = _action(
        support, priority, council, "Open a new group", TODAY + timedelta(days=5), "on_track"
    )
    _action(support, priority, council, "Later", TODAY + timedelta(days=90), "on_track")
    late = _action(
        support, priority, council, "Map the routes", TODAY - timedelta(days=1), "not_started"
    )
    assert tasks.send_action_reminders.call(TODAY.isoformat()) == 1
    [email] = mail.outbox
    assert email.to == [admin.email]
    assert "Open a new group" in email.subject
    assert tasks.send_action_reminders.call(TODAY.isoformat()) == 0  # once only
    assert len(mail.outbox) == 1
    soon.refresh_from_db()
    assert soon.reminded_on == TODAY
    flagged = DomainEvent.objects.filter(type="plan_action.overdue")
    assert [e.subject_id for e in flagged] == [str(late.pk)]


def test_progress_updates_are_dated_and_completion_is_an_event(
    support: User, council: Organisation, priority: Priority
) -> None:
    action = _action(
        support, priority, council, "Open a new group", TODAY + timedelta(days=5), "on_track"
    )
    actions.record_progress(support, action, "Two groups are running.", "done")
    action.refresh_from_db()
    assert action.status == "done"
    assert [u.text for u in action.updates.all()] == ["Two groups are running."]
    assert DomainEvent.objects.filter(type="plan_action.completed").count() == 1
    assert DomainEvent.objects.filter(type="plan_action.created").count() == 1


def test_a_partnership_action_needs_its_partners(
    support: User, council: Organisation, priority: Priority, make_organisation: object
) -> None:
    from django.core.exceptions import ValidationError

    data = {
        "title_en": "Joint walking festival",
        "owner": council,
        "due_on": TODAY,
        "delivery": Action.Delivery.PARTNERSHIP,
    }
    with pytest.raises(ValidationError) as raised:
        actions.create_action(support, priority, data)
    assert "partners" in raised.value.message_dict
    charity = make_organisation(name_en="Ramblers Cymru")  # type: ignore[operator]
    action = actions.create_action(support, priority, data, [charity])
    assert list(action.partners.all()) == [charity]


def test_publishing_the_plan_makes_versions_and_an_event(
    support: User, plan: Plan, priority: Priority
) -> None:
    assert Client().get(plan.get_absolute_url()).status_code == 404  # a draft is not public
    actions.publish_plan(support, plan)
    actions.publish_plan(support, plan)
    plan.refresh_from_db()
    assert plan.version == 2
    assert [e.payload["version"] for e in DomainEvent.objects.filter(type="plan.published")] == [
        1,
        2,
    ]
    page = Client().get(plan.get_absolute_url()).content.decode()
    assert "Healthy communities" in page and "A healthier Wales" in page


def test_shortlisting_a_candidate_makes_a_priority_with_its_reason(
    support: User, plan: Plan
) -> None:
    candidate = actions.add_candidate(
        support,
        plan,
        {
            "title_en": "Loneliness",
            "evidence": "Well-being assessment, chapter 4",
            "source": "Assessment 2022",
        },
    )
    decided = actions.decide_candidate(
        support, candidate, "shortlisted", "Strong evidence of need."
    )
    assert decided.priority is not None and decided.priority.title_en == "Loneliness"
    other = actions.add_candidate(
        support, plan, {"title_en": "Parking", "evidence": "Survey", "source": "Council"}
    )
    actions.decide_candidate(support, other, "not_shortlisted", "Not a partnership matter.")
    assert list(plan.priorities.values_list("title_en", flat=True)) == ["Loneliness"]


def test_a_sub_group_member_builds_its_report_card(
    make_user: object, sub_group: PartnershipBody, psb: PartnershipBody, staff: User
) -> None:
    from django.core.exceptions import PermissionDenied

    from commonground.partnerships import actions as partnerships

    chair = make_user()  # type: ignore[operator]
    seat = partnerships.add_seat(
        staff, sub_group, {"name_en": "Chair", "kind": "sector", "term_months": 24}
    )
    partnerships.appoint_holder(
        staff,
        seat,
        person=chair.person,
        organisation=None,
        route="appointed",
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=700),
    )
    card = actions.create_card(
        chair, sub_group, {"kind": "population", "title_en": "People are active"}
    )
    assert card.body == sub_group
    with pytest.raises(PermissionDenied):
        actions.create_card(chair, psb, {"kind": "population", "title_en": "Not theirs"})


def test_the_chart_has_a_text_alternative_and_a_data_table(
    support: User, measure: Measure, card: ReportCard
) -> None:
    actions.set_values(
        support, measure, [ValueRow("2024-Q2", actual=Decimal(52), target=Decimal(55))]
    )
    page = Client().get(card.get_absolute_url()).content.decode()
    assert 'role="img"' in page and "<desc id=" in page
    assert "Baseline 50 % in 2024-Q1." in page
    assert (
        "Values by period" in page and "<script" not in page.split("<main")[1].split("</main>")[0]
    )


def test_each_published_version_becomes_one_bulletin_in_both_languages(
    support: User, plan: Plan, priority: Priority, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # listeners run after commit
        actions.publish_plan(support, plan)
    bulletin = Bulletin.objects.get(source=f"plan:{plan.pk}:1")
    assert plan.title_en in bulletin.title_en and "version 1" in bulletin.title_en
    assert "fersiwn 1" in bulletin.title_cy
    assert bulletin.summary_en and bulletin.summary_cy
    assert bulletin.link.endswith(plan.get_absolute_url())
    assert set(bulletin.areas.all()) == set(plan.body.areas.all())
    # Delivered twice (a replay of the event), it is still one bulletin.
    record = DomainEvent.objects.get(type="plan.published")
    plan_to_bulletin(PlanPublished(plan=plan, version=1), record)
    assert Bulletin.objects.filter(source__startswith=f"plan:{plan.pk}:").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_plan(support, plan)
    assert Bulletin.objects.filter(source__startswith=f"plan:{plan.pk}:").count() == 2
