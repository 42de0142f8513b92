"""Planning in the browser, in English and Welsh, with axe: Dafydd updates an action and a
measure, then prints the exception report and attaches it to the next board meeting; a
sub-group's chair builds a report card with its turn-the-curve fields; the public reads the
published plan and its report cards."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from commonground.core.models import Area, Organisation, User
from commonground.partnerships import actions as partnerships
from commonground.partnerships.models import Meeting, PartnershipBody
from commonground.planning import actions, curves
from commonground.planning.importer import ValueRow
from commonground.planning.models import Action, Measure, Outcome, Plan, ReportCard
from commonground.planning.reference import load_goals

LANGUAGES = [("en", ""), ("cy", "/cy")]
TODAY = timezone.localdate()


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture(autouse=True)
def _patient(page: Page) -> None:
    page.set_default_timeout(60_000)  # the shared machine is often loaded; PDFs take time


@dataclass
class Board:
    psb: PartnershipBody
    sub_group: PartnershipBody
    plan: Plan
    action: Action
    card: ReportCard
    measure: Measure
    meeting: Meeting
    staff: User


@pytest.fixture
def board(
    make_user: Callable[..., User], make_organisation: Callable[..., Organisation], area: Area
) -> Board:
    load_goals(Outcome)
    council = make_organisation(
        name_en="Ceredigion County Council", name_cy="Cyngor Sir Ceredigion", kind="public_body"
    )
    staff = make_user(role=("infrastructure_staff", area))
    psb = partnerships.create_body(
        staff,
        {
            "name_en": "Ceredigion Public Services Board",
            "name_cy": "Bwrdd Gwasanaethau Cyhoeddus Ceredigion",
            "kind": "psb",
            "convenor": council,
        },
        [area],
    )
    sub_group = partnerships.create_body(
        staff,
        {
            "name_en": "Healthy Communities Sub-group",
            "name_cy": "Is-grŵp Cymunedau Iach",
            "kind": "sub_group",
            "parent": psb,
            "convenor": council,
        },
        [area],
    )
    plan = actions.create_plan(
        staff,
        psb,
        {
            "kind": "wellbeing",
            "title_en": "Ceredigion Well-being Plan",
            "title_cy": "Cynllun Llesiant Ceredigion",
            "starts_on": TODAY.replace(month=1, day=1),
            "ends_on": TODAY.replace(year=TODAY.year + 5, month=1, day=1),
        },
    )
    priority = actions.add_priority(
        staff,
        plan,
        {"title_en": "Healthy and active communities", "title_cy": "Cymunedau iach a gweithgar"},
        Outcome.objects.filter(code="healthier"),
    )
    action = actions.create_action(
        staff,
        priority,
        {
            "title_en": "Community walking groups",
            "title_cy": "Grwpiau cerdded cymunedol",
            "owner": council,
            "due_on": TODAY - timedelta(days=5),
            "status": "on_track",
        },
    )
    actions.publish_plan(staff, plan)
    card = actions.create_card(
        staff,
        psb,
        {
            "kind": "performance",
            "title_en": "Walking programme",
            "title_cy": "Rhaglen gerdded",
            "published": True,
        },
    )
    measure = actions.add_measure(
        staff,
        card,
        {
            "question": "how_much",
            "title_en": "Walks led",
            "title_cy": "Teithiau a arweiniwyd",
            "unit": "walks",
            "is_percentage": False,
            "polarity": "higher",
            "frequency": "quarterly",
            "baseline_period": "2024-Q1",
            "baseline_value": Decimal(100),
            "data_source": "Walk leaders’ returns",
        },
    )
    actions.set_values(
        staff,
        measure,
        [ValueRow("2024-Q2", actual=Decimal(104), target=Decimal(105), forecast=Decimal(99))],
    )
    starts = timezone.now() + timedelta(days=14)
    meeting = partnerships.schedule_meeting(
        staff,
        psb,
        {"starts_at": starts, "ends_at": starts + timedelta(hours=2), "venue": "Aberaeron"},
    )
    return Board(psb, sub_group, plan, action, card, measure, meeting, staff)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_dafydd_updates_then_attaches_the_exception_report(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    area: Area,
    board: Board,
    language: str,
    prefix: str,
) -> None:
    dafydd = make_user(role=("board_support_officer", area), language=language)
    sign_in(page, dafydd.email, prefix)
    page.goto(url(f"{prefix}/planning/actions/{board.action.pk}/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main")).to_contain_text(tr(language, "Overdue"))
    assert_accessible(page)
    page.get_by_role("link", name=tr(language, "Update progress")).click()
    page.get_by_role("button", name=tr(language, "Record progress")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(tr(language, "There is a problem"))
    assert_accessible(page)
    page.locator("input[name=status][value=off_track]").check()
    page.locator("#id_text").fill("Two walk leaders left; recruiting.")
    page.get_by_role("button", name=tr(language, "Record progress")).click()
    expect(page.locator("main")).to_contain_text("Two walk leaders left; recruiting.")

    # The measure's value for the quarter that is due: off track against its target.
    due = curves.latest_due_period("quarterly", TODAY).label
    page.goto(url(f"{prefix}/planning/measures/{board.measure.pk}/values/"))
    assert_accessible(page)
    page.locator("#id_period").fill(due)
    page.locator("#id_actual").fill("90")
    page.locator("#id_target").fill("120")
    page.get_by_role("button", name=tr(language, "Save values")).click()
    expect(page.locator("main")).to_contain_text(tr(language, "Off track"))
    expect(page.locator("main table")).to_contain_text(due)
    assert_accessible(page)

    page.goto(url(f"{prefix}/planning/bodies/{board.psb.slug}/exceptions/"))
    main = page.locator("main")
    expect(main).to_contain_text(tr(language, "Overdue actions"))
    expect(main).to_contain_text(
        "Grwpiau cerdded cymunedol" if language == "cy" else "Community walking groups"
    )
    expect(main).to_contain_text("Teithiau a arweiniwyd" if language == "cy" else "Walks led")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=tr(language, "Download the report as a PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("button", name=tr(language, "Attach to the meeting’s papers")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        tr(language, "The exception report is in the meeting’s papers.")
    )
    expect(page.locator("main")).to_contain_text(tr(language, "Exception report").split(":")[0])
    assert board.meeting.papers.count() == 1
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_a_sub_group_chair_builds_a_report_card(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    board: Board,
    language: str,
    prefix: str,
) -> None:
    chair = make_user(language=language)
    seat = partnerships.add_seat(
        board.staff, board.sub_group, {"name_en": "Chair", "kind": "sector", "term_months": 24}
    )
    partnerships.appoint_holder(
        board.staff,
        seat,
        person=chair.person,
        organisation=None,
        route="appointed",
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=700),
    )
    sign_in(page, chair.email, prefix)
    page.goto(url(f"{prefix}/planning/bodies/{board.sub_group.slug}/"))
    assert_accessible(page)
    page.get_by_role("link", name=tr(language, "Create a report card")).click()
    page.locator("input[name=kind][value=population]").check()
    page.locator("#id_title_en").fill("People in Ceredigion are active")
    page.locator("#id_title_cy").fill("Mae pobl Ceredigion yn weithgar")
    page.locator("#id_population_en").fill("Adults in Ceredigion")
    page.locator("#id_published").check()
    page.get_by_role("button", name=tr(language, "Create report card")).click()
    expect(page.locator("h1")).to_have_text(
        "Mae pobl Ceredigion yn weithgar" if language == "cy" else "People in Ceredigion are active"
    )
    page.get_by_role("link", name=tr(language, "Add a population indicator")).click()
    assert_accessible(page)
    page.locator("#id_title_en").fill("Adults active for 150 minutes a week")
    page.locator("#id_unit").fill("%")
    page.locator("#id_is_percentage").check()
    page.locator("input[name=polarity][value=higher]").check()
    page.locator("input[name=frequency][value=annual]").check()
    page.locator("#id_baseline_period").fill("spring")
    page.locator("#id_baseline_value").fill("54")
    page.locator("#id_data_source").fill("National Survey for Wales")
    page.locator("#id_story_en").fill("Activity fell after the pandemic and has not recovered.")
    page.locator("#id_partners_en").fill("Leisure centres, walking groups, GPs.")
    page.locator("#id_what_works_en").fill("Activity close to home, with a friend.")
    page.get_by_label(
        "Community walking groups" if language == "en" else "Grwpiau cerdded cymunedol"
    ).check()
    page.get_by_role("button", name=tr(language, "Add measure")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        tr(language, "Enter the period like %(example)s.") % {"example": "2025"}
    )
    assert_accessible(page)
    page.locator("#id_baseline_period").fill("2023")
    page.get_by_role("button", name=tr(language, "Add measure")).click()
    main = page.locator("main")
    expect(main).to_contain_text(tr(language, "Turning the curve"))
    expect(main).to_contain_text("Activity fell after the pandemic and has not recovered.")
    expect(main).to_contain_text(
        "Grwpiau cerdded cymunedol" if language == "cy" else "Community walking groups"
    )
    assert_accessible(page)
    # The board's scorecard shows the sub-group's new measure at once.
    page.goto(url(f"{prefix}/planning/bodies/{board.psb.slug}/"))
    expect(page.locator("main")).to_contain_text("Adults active for 150 minutes a week")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_the_public_reads_the_plan_and_its_report_cards(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    board: Board,
    language: str,
    prefix: str,
) -> None:
    page.goto(url(f"{prefix}/planning/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    page.get_by_role(
        "link",
        name="Cynllun Llesiant Ceredigion" if language == "cy" else "Ceredigion Well-being Plan",
    ).click()
    main = page.locator("main")
    expect(main).to_contain_text(
        "Cymunedau iach a gweithgar" if language == "cy" else "Healthy and active communities"
    )
    expect(main).to_contain_text("Cymru iachach" if language == "cy" else "A healthier Wales")
    expect(main).to_contain_text(tr(language, "Overdue"))
    assert_accessible(page)
    page.goto(url(f"{prefix}/planning/bodies/{board.psb.slug}/"))
    assert_accessible(page)
    page.get_by_role(
        "link", name="Rhaglen gerdded" if language == "cy" else "Walking programme"
    ).first.click()
    chart = page.locator("svg[role=img]")
    expect(chart).to_have_count(1)
    expect(page.locator("svg desc")).to_contain_text("2024-Q2")
    expect(page.locator("main table").first).to_contain_text("104")
    expect(main).to_contain_text(tr(language, "How much did we do?"))
    assert_accessible(page)
    assert page.locator("a[href*='/edit/']").count() == 0  # nothing to change for the public
