"""Commissioning in the browser, in English and Welsh, with axe on each page:
a commissioner adds an opportunity and completes the checklist; an organisation finds it
among "what fits us", looks for partners and forms a consortium, which the partner accepts
before the lead records the agreement; staff record bid support
and see the funnel."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from commonground.commissioning import actions
from commonground.commissioning.models import Opportunity
from commonground.core.models import Area, Organisation, Theme, User

LANGUAGES = [("en", ""), ("cy", "/cy")]


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion County Council", name_cy="Cyngor Sir Ceredigion", kind="public_body",
        legal_form="statutory",
    )


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_a_commissioner_adds_an_opportunity_and_completes_the_checklist(
    page: Page, url: Callable[[str], str], assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None], make_user: Callable[..., User], council: Organisation,
    area: Area, language: str, prefix: str,
) -> None:
    officer = make_user(role=("public_body_officer", area), role_organisation=council, language=language)
    sign_in(page, officer.email, prefix)
    page.goto(url(f"{prefix}/commissioning/new/"))
    assert_accessible(page)
    page.get_by_role("button", name=tr(language, "Add opportunity")).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_buyer").select_option(str(council.pk))
    page.locator("#id_title_en").fill("Emergency food hubs")
    page.locator("#id_title_cy").fill("Hybiau bwyd brys")
    page.locator("#id_route").select_option("contract")
    page.locator("#id_estimated_value").fill("90000")
    page.get_by_label(area.name_cy if language == "cy" else area.name_en).check()
    page.get_by_role("button", name=tr(language, "Add opportunity")).click()
    expect(page.locator("h1")).to_have_text("Hybiau bwyd brys" if language == "cy" else "Emergency food hubs")
    assert_accessible(page)

    page.get_by_role("link", name=tr(language, "Complete the checklist")).click()
    assert_accessible(page)
    for number in (1, 2, 6):
        page.locator(f"input[name=principles][value='{number}']").check()
    page.locator("#id_note_en").fill("We met local groups twice.")
    page.get_by_role("button", name=tr(language, "Save checklist")).click()
    checklist = page.locator("#checklist")
    expect(checklist.get_by_text(tr(language, "Met"), exact=True)).to_have_count(3)
    assert_accessible(page)


@pytest.fixture
def hubs(make_user: Callable[..., User], council: Organisation, area: Area) -> Opportunity:
    officer = make_user(role=("public_body_officer", area), role_organisation=council)
    theme = Theme.objects.order_by("pk").first()
    o = actions.create_opportunity(
        officer,
        {"buyer": council, "title_en": "Emergency food hubs", "title_cy": "Hybiau bwyd brys",
         "route": "contract", "estimated_value_pence": 20_000_00,
         "tender_deadline": timezone.localdate() + timedelta(days=20)},
        [area], [theme] if theme else [],
    )
    return actions.change_stage(officer, o, Opportunity.Stage.OPEN)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_an_organisation_finds_a_fit_looks_for_partners_and_forms_a_consortium(
    page: Page, url: Callable[[str], str], assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None], make_user: Callable[..., User],
    make_organisation: Callable[..., Organisation], hubs: Opportunity, language: str, prefix: str,
) -> None:
    food_bank = make_organisation(name_en="Aberystwyth Food Bank", income_band="small")
    food_bank.themes.set(hubs.themes.all())
    advice = make_organisation(name_en="Ceredigion Advice")
    advice_admin = make_user(admin_of=advice, language=language)
    actions.post_partner_search(advice_admin, hubs, advice, "Advisers", "Food")
    gareth = make_user(admin_of=food_bank, language=language)
    sign_in(page, gareth.email, prefix)

    page.goto(url(f"{prefix}/commissioning/fits/"))
    assert_accessible(page)
    title = "Hybiau bwyd brys" if language == "cy" else "Emergency food hubs"
    expect(page.locator("main")).to_contain_text(tr(language, "Why it fits:"))
    page.get_by_role("link", name=title).click()

    page.get_by_role("link", name=tr(language, "Look for partners"), exact=True).click()
    assert_accessible(page)
    page.locator("#id_offers").fill("Two warehouses and 40 volunteers.")
    page.locator("#id_needs").fill("Benefits and debt advice.")
    page.get_by_role("button", name=tr(language, "Post")).click()
    expect(page.locator("main")).to_contain_text("Two warehouses and 40 volunteers.")
    assert_accessible(page)

    page.locator(".govuk-summary-card", has_text="Ceredigion Advice").get_by_role(
        "link", name=tr(language, "Propose a consortium")
    ).click()
    assert_accessible(page)
    page.locator("#id_name").fill("Food and Advice Partnership")
    page.get_by_role("button", name=tr(language, "Propose consortium")).click()
    expect(page.locator("h1")).to_have_text("Food and Advice Partnership")
    expect(page.locator("table")).to_contain_text("Ceredigion Advice")
    expect(page.locator("#waiting")).to_contain_text("Ceredigion Advice")  # signing waits
    assert_accessible(page)
    consortium_page = page.url

    # The partner's admin accepts the invitation, from "what fits us".
    page.context.clear_cookies()
    sign_in(page, advice_admin.email, prefix)
    page.goto(url(f"{prefix}/commissioning/fits/"))
    page.get_by_role("link", name="Food and Advice Partnership").click()
    assert_accessible(page)
    page.get_by_label(tr(language, "Yes, we accept")).check()
    page.get_by_role("button", name=tr(language, "Send answer")).click()
    expect(page.locator("table tr", has_text="Ceredigion Advice")).to_contain_text(tr(language, "Accepted"))
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, gareth.email, prefix)
    page.goto(consortium_page)
    page.locator("#id_signed_on").fill(timezone.localdate().isoformat())
    page.locator("#id_statement").fill("We agree to bid together, 60:40.")
    page.get_by_role("button", name=tr(language, "Record agreement")).click()
    expect(page.locator("#agreement")).to_contain_text(tr(language, "Signed"))
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_staff_record_bid_support_and_see_the_funnel(
    page: Page, url: Callable[[str], str], assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None], make_user: Callable[..., User],
    make_organisation: Callable[..., Organisation], area: Area, language: str, prefix: str,
) -> None:
    charity = make_organisation(name_en="Aberystwyth Food Bank")
    staff = make_user(role=("infrastructure_staff", area), language=language)
    sign_in(page, staff.email, prefix)
    page.goto(url(f"{prefix}/commissioning/area/{area.slug}/bids/"))
    assert_accessible(page)
    page.get_by_role("link", name=tr(language, "Record bid support")).click()
    assert_accessible(page)
    page.locator("#id_organisation").select_option(str(charity.pk))
    page.locator("#id_requested_on").fill(timezone.localdate().isoformat())
    page.locator("#id_request").fill("Help with a tender for meals on wheels.")
    page.locator("input[name=kind][value=tailored]").check()
    page.locator("#id_hours").fill("6")
    page.locator("#id_outcome").select_option("won")
    page.get_by_role("button", name=tr(language, "Record")).click()
    table = page.locator("#funnel-table")
    for step in ("Organisations supported", "Received tailored support", "Submitted bids with support", "Won"):
        expect(table.locator("tr", has_text=tr(language, step))).to_contain_text("1")
    expect(page.locator("svg[role=img]")).to_have_count(4)
    assert_accessible(page)
