"""The liaison issues log: a written response, or an officer at the next meeting (004 L352)."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.partnerships import actions, queries
from commonground.partnerships.models import LiaisonIssue, Meeting, PartnershipBody

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison(staff: User, council: Organisation, area: Area) -> PartnershipBody:
    return actions.create_body(
        staff,
        {"name_en": "Compact Liaison Committee", "kind": "liaison", "convenor": council},
        [area],
    )


@pytest.fixture
def officer(make_user: Callable[..., User], area: Area) -> User:
    return make_user(role=("public_body_officer", area))


def _issue(
    support: User, meeting: Meeting, charity: Organisation, title: str = "Late grants"
) -> LiaisonIssue:
    return actions.raise_liaison_issue(
        support,
        meeting,
        raised_by=charity,
        text={"title_en": title, "description_en": "Paid late."},
    )


def test_issue_is_overdue_once_the_next_meeting_has_passed(
    support: User,
    liaison: PartnershipBody,
    make_meeting: Callable[..., Meeting],
    charity: Organisation,
    area: Area,
) -> None:
    first = make_meeting(days=-60, body=liaison)
    issue = _issue(support, first, charity)
    assert not queries.overdue_liaison_issues(area).exists()
    upcoming = make_meeting(days=10, body=liaison)
    assert not queries.overdue_liaison_issues(area).exists()
    # Time passes: the next meeting takes place without a response.
    later = timezone.now() + timedelta(days=11)
    assert list(queries.overdue_liaison_issues(area, now=later)) == [issue]
    assert queries.liaison_log(liaison, now=later)[0].is_overdue  # type: ignore[attr-defined]
    # A cancelled meeting does not count as the next meeting.
    actions.cancel_meeting(support, upcoming)
    assert not queries.overdue_liaison_issues(area, now=later).exists()


def test_meetings_of_other_bodies_do_not_make_issues_overdue(
    support: User,
    liaison: PartnershipBody,
    psb: PartnershipBody,
    make_meeting: Callable[..., Meeting],
    charity: Organisation,
    area: Area,
) -> None:
    _issue(support, make_meeting(days=-60, body=liaison), charity)
    make_meeting(days=-5, body=psb)
    assert not queries.overdue_liaison_issues(area).exists()


def test_answer_and_officer_attendance_clear_the_flag(
    support: User,
    officer: User,
    liaison: PartnershipBody,
    make_meeting: Callable[..., Meeting],
    charity: Organisation,
    area: Area,
    council: Organisation,
) -> None:
    first = make_meeting(days=-60, body=liaison)
    answered = _issue(support, first, charity, "Answered")
    attending = _issue(support, first, charity, "Officer attending")
    waiting = _issue(support, first, charity, "Still waiting")
    make_meeting(days=-2, body=liaison)
    assert queries.overdue_liaison_issues(area).count() == 3

    actions.answer_liaison_issue(officer, answered, "Payments now go out on the first working day.")
    actions.arrange_officer_attendance(officer, attending, "Head of Finance")
    assert list(queries.overdue_liaison_issues(area)) == [waiting]
    log = queries.liaison_log(liaison)
    assert log[0] == waiting and log[0].is_overdue  # type: ignore[attr-defined]

    event = DomainEvent.objects.get(type="liaison_issue.answered")
    assert event.area == area and event.organisation == council and event.actor == officer
    answered.refresh_from_db()
    assert (
        answered.status == LiaisonIssue.Status.ANSWERED
        and answered.responded_on == timezone.localdate()
    )


def test_bad_answers_change_nothing(
    support: User,
    officer: User,
    make_user: Callable[..., User],
    liaison: PartnershipBody,
    make_meeting: Callable[..., Meeting],
    charity: Organisation,
) -> None:
    issue = _issue(support, make_meeting(days=-1, body=liaison), charity)
    with pytest.raises(ValidationError):
        actions.answer_liaison_issue(officer, issue, "   ")
    with pytest.raises(ValidationError):
        actions.answer_liaison_issue(
            officer, issue, "Soon", responded_on=timezone.localdate() + timedelta(days=3)
        )
    with pytest.raises(ValidationError):
        actions.arrange_officer_attendance(officer, issue, "")
    with pytest.raises(ValidationError):
        actions.close_liaison_issue(support, issue)
    with pytest.raises(PermissionDenied):
        actions.answer_liaison_issue(make_user(member_of=charity), issue, "I am not the council")
    with pytest.raises(PermissionDenied):
        actions.raise_liaison_issue(
            officer,
            issue.raised_at,
            raised_by=charity,
            text={"title_en": "x", "description_en": "y"},
        )
    issue.refresh_from_db()
    assert issue.status == LiaisonIssue.Status.OPEN and issue.response == ""
    assert not DomainEvent.objects.filter(type="liaison_issue.answered").exists()


def test_issues_page_flags_overdue_first_and_answer_form_validates(
    client: Client,
    support: User,
    officer: User,
    liaison: PartnershipBody,
    make_meeting: Callable[..., Meeting],
    charity: Organisation,
) -> None:
    first = make_meeting(days=-60, body=liaison)
    answered = _issue(support, first, charity, "An answered issue")
    _issue(support, first, charity, "An overdue issue")
    make_meeting(days=-2, body=liaison)
    actions.answer_liaison_issue(officer, answered, "Done.")
    page = client.get(f"/partnerships/{liaison.slug}/issues/").content.decode()
    assert page.index("An overdue issue") < page.index("An answered issue")
    assert "Overdue" in page

    client.force_login(officer)
    url = f"/partnerships/{liaison.slug}/issues/{answered.pk + 1}/answer/"
    response = client.post(url, {"response_en": "", "responded_on": "2020-02-31"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    response = client.post(
        url, {"response_en": "We will fix it.", "responded_on": str(timezone.localdate())}
    )
    assert response.status_code == 302
    assert LiaisonIssue.objects.get(pk=answered.pk + 1).status == LiaisonIssue.Status.ANSWERED


def test_an_issue_is_raised_and_answered_in_welsh_alone(
    client: Client,
    support: User,
    officer: User,
    liaison: PartnershipBody,
    make_meeting: Callable[..., Meeting],
    charity: Organisation,
) -> None:
    """Issue 11, defect 6: either language alone is accepted; the English page shows the
    Welsh text with a note that it is only in Welsh."""
    meeting = make_meeting(days=-1, body=liaison)
    client.force_login(support)
    new = f"/cy/partnerships/{liaison.slug}/issues/new/"
    empty = client.post(new, {"raised_at": meeting.pk, "raised_by": charity.pk})
    assert empty.status_code == 400 and 'href="#id_title_en"' in empty.content.decode()
    assert not LiaisonIssue.objects.exists()
    raised = client.post(
        new,
        {
            "raised_at": meeting.pk,
            "raised_by": charity.pk,
            "title_cy": "Grantiau hwyr",
            "description_cy": "Mae grwpiau’n aros am eu grantiau.",
        },
    )
    assert raised.status_code == 302
    issue = LiaisonIssue.objects.get()
    assert (issue.title_en, issue.title_cy) == ("", "Grantiau hwyr")

    client.force_login(officer)
    answered = client.post(
        f"/cy/partnerships/{liaison.slug}/issues/{issue.pk}/answer/",
        {
            "response_cy": "Bydd y grantiau’n cael eu talu ddydd Llun.",
            "responded_on": str(timezone.localdate()),
        },
    )
    assert answered.status_code == 302
    issue.refresh_from_db()
    assert issue.status == LiaisonIssue.Status.ANSWERED and issue.response_en == ""

    welsh = Client().get(f"/cy/partnerships/{liaison.slug}/issues/").content.decode()
    assert "Grantiau hwyr" in welsh and "Bydd y grantiau’n cael eu talu" in welsh
    assert "cg-language-note" not in welsh
    english = Client().get(f"/partnerships/{liaison.slug}/issues/").content.decode()
    assert "Grantiau hwyr" in english and "Bydd y grantiau’n cael eu talu" in english
    assert english.count("This is only available in Welsh.") == 2
