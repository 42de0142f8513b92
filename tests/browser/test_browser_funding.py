"""Funding in the browser, in English and Welsh, with axe: a funder records an agreement
with its schedule; an organisation uses the calculator and downloads its breakdown; staff
view the area's funding flows and download them."""

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from commonground.core.models import Area, Organisation, User
from commonground.funding import actions
from commonground.funding.models import Agreement

LANGUAGES = [("en", ""), ("cy", "/cy")]


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture(autouse=True)
def _patient(page: Page) -> None:
    """The shared machine is often loaded; these pages do real work (XLSX, aggregates)."""
    page.set_default_timeout(60_000)


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion County Council",
        name_cy="Cyngor Sir Ceredigion",
        kind=Organisation.Kind.PUBLIC_BODY,
        identifier="GB-PLA-CGN",
    )


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_funder_records_an_agreement_with_its_schedule(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    make_organisation: Callable[..., Organisation],
    council: Organisation,
    area: Area,
    language: str,
    prefix: str,
) -> None:
    charity = make_organisation(name_en="Aberystwyth Food Bank", name_cy="Banc Bwyd Aberystwyth")
    officer = make_user(
        role=("public_body_officer", None), role_organisation=council, language=language
    )
    sign_in(page, officer.email, prefix)
    page.goto(url(f"{prefix}/funding/agreements/new/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    page.get_by_role("button", name=tr(language, "Record agreement")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(tr(language, "There is a problem"))
    assert_accessible(page)

    page.locator("#id_funder").select_option(str(council.pk))
    page.locator("#id_reference").fill("CGN-2026-01")
    page.locator("#id_title").fill("Emergency food")
    page.locator("#id_description").fill("Food parcels and advice.")
    page.locator("#id_recipient").select_option(str(charity.pk))
    page.locator("input[name=mode][value=grant]").check()
    page.locator("#id_amount").fill("12000")
    page.locator("#id_award_date").fill("2026-03-01")
    page.locator("#id_planned_start").fill("2026-04-01")
    page.locator("#id_planned_end").fill("2027-03-31")
    page.locator("#id_notice_days").fill("90")
    page.locator("input[name=fcr_allowed][value=yes]").check()
    page.locator("#id_monitoring_frequency").select_option("quarterly")
    page.locator("#id_area").select_option(str(area.pk))
    page.locator("#id_instalment_1_due").fill("2026-04-01")
    page.locator("#id_instalment_1_amount").fill("6000")
    page.locator("#id_instalment_1_timing").select_option("advance")
    page.locator("#id_instalment_2_due").fill("2026-10-01")
    page.locator("#id_instalment_2_amount").fill("6000")
    page.locator("#id_instalment_2_timing").select_option("arrears")
    page.get_by_role("button", name=tr(language, "Record agreement")).click()

    expect(page.locator("h1")).to_have_text("Emergency food")
    expect(page.locator("table")).to_contain_text(tr(language, "In advance"))
    expect(page.locator("table")).to_contain_text(tr(language, "In arrears"))
    expect(page.locator("table")).to_contain_text("£6,000.00")
    assert_accessible(page)
    agreement = Agreement.objects.get(reference="CGN-2026-01")
    assert [i.timing for i in agreement.instalments.all()] == ["advance", "arrears"]
    assert agreement.identifier == "360G-commonground-CGN-2026-01"


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_organisation_uses_the_calculator_and_downloads_its_breakdown(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    make_organisation: Callable[..., Organisation],
    language: str,
    prefix: str,
) -> None:
    admin = make_user(admin_of=make_organisation(), language=language)
    sign_in(page, admin.email, prefix)
    page.goto(url(f"{prefix}/funding/calculator/"))
    assert_accessible(page)
    page.locator("#id_direct_1_name").fill("Project worker")
    page.locator("#id_direct_1_amount").fill("24000")
    page.locator("#id_overhead_1_name").fill("Rent")
    page.locator("#id_overhead_1_amount").fill("12000")
    page.locator("#id_overhead_1_basis").select_option("floor_area")
    page.locator("#id_overhead_1_project").fill("20")
    page.locator("#id_overhead_1_total").fill("80")
    page.get_by_role("button", name=tr(language, "Calculate the full cost")).click()
    table = page.locator("table").first
    expect(table).to_contain_text("£27,000.00")
    expect(table).to_contain_text(tr(language, "Floor area (square metres)"))
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=tr(language, "Download the breakdown as CSV")).click()
    text = open(info.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert "27000.00" in text and tr(language, "Full cost") in text
    with page.expect_download() as info:
        page.get_by_role("link", name=tr(language, "Download the breakdown as XLSX")).click()
    assert info.value.suggested_filename == "full-cost-recovery.xlsx"


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_staff_view_and_download_the_areas_funding_flows(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    make_organisation: Callable[..., Organisation],
    council: Organisation,
    area: Area,
    language: str,
    prefix: str,
) -> None:
    staff = make_user(role=("infrastructure_staff", area), language=language)
    for n, published in enumerate([True, False]):
        agreement = actions.offer_agreement(
            staff,
            {
                "reference": f"R{n}",
                "title": f"Grant {n}",
                "funder": council,
                "recipient": make_organisation(),
                "amount_pence": 500_000,
                "award_date": date(2025, 5, 1),
                "planned_start": "2025-05-01",
                "planned_end": "2026-04-30",
                "area": area,
                "published": published,
            },
            [],
        )
        actions.sign_agreement(staff, agreement, date(2025, 5, 1))
    sign_in(page, staff.email, prefix)
    page.goto(url(f"{prefix}/funding/area/{area.slug}/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("body")).to_contain_text("£10,000.00")
    expect(page.locator("body")).to_contain_text("2025-26")
    expect(page.locator("svg[role=img]")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=tr(language, "Download as CSV")).click()
    text = open(info.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert tr(language, "By financial year") in text and "10000.00" in text
    with page.expect_download() as info:
        page.get_by_role("link", name=tr(language, "Download as XLSX")).click()
    assert info.value.suggested_filename == f"funding-flows-{area.slug}.xlsx"
