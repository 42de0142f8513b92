"""Compacts in the browser, in English and Welsh, with axe: Siân reviews findings and opens a
dispute from one; a charity reports a concern anonymously and follows it by its reference;
Meera compares compact health across areas."""

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from commonground.compacts import actions
from commonground.compacts.findings import run_compact
from commonground.compacts.models import Compact, Dispute
from commonground.core.models import Area, Organisation, User
from commonground.funding.models import Agreement

LANGUAGES = [("en", ""), ("cy", "/cy")]


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture(autouse=True)
def _patient(page: Page) -> None:
    page.set_default_timeout(60_000)


def _compact(admin: User, area: Area, council: Organisation, slug: str, **extra: object) -> Compact:
    compact = actions.register_compact(
        admin,
        area,
        slug=slug,
        title_en=f"{area.name_en} Compact",
        title_cy=f"Compact {area.name_cy or area.name_en}",
        kind=Compact.Kind.BIPARTITE,
        scope=Compact.Scope.LOCAL,
        adopted_on=date(2019, 6, 1),
        last_reviewed_on=date(2026, 6, 1),
        parties=[(council, date(2019, 6, 1))],
        packs=["model-local-compact"],
        **extra,  # type: ignore[arg-type]
    )
    return compact


@pytest.fixture
def setting(
    make_user: Callable[..., User], make_organisation: Callable[..., Organisation], area: Area
) -> tuple[Compact, Agreement, Organisation]:
    admin = make_user(is_superuser=True)
    council = make_organisation(
        name_en="Ceredigion County Council",
        name_cy="Cyngor Sir Ceredigion",
        kind=Organisation.Kind.PUBLIC_BODY,
    )
    charity = make_organisation(name_en="Aberystwyth Food Bank", name_cy="Banc Bwyd Aberystwyth")
    compact = _compact(admin, area, council, "ceredigion-compact")
    refused = Agreement.objects.create(
        identifier="360G-CGN-1",
        reference="CGN-1",
        title="Youth work in Tregaron",
        funder=council,
        recipient=charity,
        amount_pence=3_000_000,
        award_date=date(2026, 3, 1),
        starts_on=date(2026, 4, 1),
        ends_on=date(2029, 3, 31),
        area=area,
        status=Agreement.Status.RUNNING,
        fcr_allowed=False,
    )
    run_compact(compact)
    return compact, refused, charity


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_sian_reviews_findings_and_opens_a_dispute_from_one(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    setting: tuple[Compact, Agreement, Organisation],
    area: Area,
    language: str,
    prefix: str,
) -> None:
    compact, refused, _ = setting
    sian = make_user(role=("infrastructure_staff", area), language=language)
    sign_in(page, sian.email, prefix)
    page.goto(url(f"{prefix}/compacts/{compact.pk}/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    findings = page.locator("#findings")
    expect(findings).to_contain_text("funding.full_cost_recovery")
    expect(findings).to_contain_text("Youth work in Tregaron")
    expect(findings).to_contain_text(tr(language, "Breach"))
    assert_accessible(page)
    findings.get_by_role("link", name=tr(language, "Raise a concern")).click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("funding.full_cost_recovery")
    assert_accessible(page)
    page.get_by_role("button", name=tr(language, "Raise the concern")).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_summary").fill("Overheads were refused for the third year running.")
    page.locator("input[name=anonymous][value=no]").check()
    page.get_by_role("button", name=tr(language, "Raise the concern")).click()
    dispute = Dispute.objects.get()
    expect(page.locator("#reference")).to_have_text(dispute.reference)
    expect(page.locator("main")).to_contain_text("Youth work in Tregaron")
    assert dispute.finding is not None and dispute.finding.record_id == refused.pk
    assert dispute.reporter_id == sian.pk
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_a_charity_reports_a_concern_anonymously_and_follows_it_by_its_reference(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    setting: tuple[Compact, Agreement, Organisation],
    language: str,
    prefix: str,
) -> None:
    compact = setting[0]
    page.goto(url(f"{prefix}/compacts/{compact.pk}/"))
    page.get_by_role("link", name=tr(language, "Raise a concern about this compact")).click()
    page.locator("#id_summary").fill("We were told of the cut two weeks before it happened.")
    page.locator("input[name=anonymous][value=yes]").check()
    assert_accessible(page)
    page.get_by_role("button", name=tr(language, "Raise the concern")).click()
    dispute = Dispute.objects.get()
    assert dispute.anonymous and dispute.reporter_id is None
    reference = page.locator("#reference").inner_text()
    assert reference == dispute.reference

    page.goto(url(f"{prefix}/compacts/follow/"))
    page.locator("#id_reference").fill("D-WRONG000")
    page.get_by_role("button", name=tr(language, "Find the concern")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        tr(language, "No concern has that reference. Check it and try again.")
    )
    assert_accessible(page)
    page.locator("#id_reference").fill(reference.lower())
    page.get_by_role("button", name=tr(language, "Find the concern")).click()
    expect(page.locator("#reference")).to_have_text(reference)
    expect(page.locator("main")).to_contain_text(tr(language, "anonymously"))
    page.locator("#id_text").fill("Is there any news?")
    page.get_by_role("button", name=tr(language, "Add the message")).click()
    expect(page.locator("#steps")).to_contain_text("Is there any news?")
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_meera_compares_compact_health_across_areas(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    make_organisation: Callable[..., Organisation],
    setting: tuple[Compact, Agreement, Organisation],
    other_area: Area,
    language: str,
    prefix: str,
) -> None:
    admin = make_user(is_superuser=True)
    powys_council = make_organisation(
        name_en="Powys County Council", kind=Organisation.Kind.PUBLIC_BODY, area=other_area
    )
    resting = _compact(
        admin, other_area, powys_council, "powys-compact", status=Compact.Status.RESTING
    )
    resting.last_reviewed_on = date(2022, 1, 1)
    resting.save()
    run_compact(resting)
    meera = make_user(role=("national_viewer", None), language=language)
    sign_in(page, meera.email, prefix)
    page.goto(url(f"{prefix}/compacts/health/"))
    table = page.locator("#national")
    ceredigion_row = table.locator("tr", has_text="Ceredigion")
    powys_row = table.locator("tr", has_text="Powys")
    expect(ceredigion_row).to_contain_text(tr(language, "Active"))
    expect(powys_row).to_contain_text(tr(language, "Resting"))
    expect(powys_row).to_contain_text(tr(language, "Review overdue"))
    assert_accessible(page)
    powys_row.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(tr(language, "Compact health"))
    assert_accessible(page)
