"""The foundation's pages in a real browser, in English and Welsh, checked with axe-core."""

from collections.abc import Callable

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from commonground.core.models import Organisation, User

LANGUAGES = [("en", ""), ("cy", "/cy")]


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def food_bank(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Aberystwyth Food Bank",
        name_cy="Banc Bwyd Aberystwyth",
        slug="aberystwyth-food-bank",
        description_en="Emergency food parcels.",
        description_cy="Parseli bwyd brys.",
    )


@pytest.fixture
def admin_user(make_user: Callable[..., User], food_bank: Organisation) -> User:
    return make_user(admin_of=food_bank)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_public_pages_render_accessibly_in_each_language(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    food_bank: Organisation,
    language: str,
    prefix: str,
) -> None:
    expected_name = "Banc Bwyd Aberystwyth" if language == "cy" else "Aberystwyth Food Bank"
    for path, heading in [
        ("/", tr(language, "Public services and the third sector, working together")),
        ("/sign-in/", tr(language, "Sign in")),
        ("/organisations/", tr(language, "Organisations")),
        ("/organisations/aberystwyth-food-bank/", expected_name),
    ]:
        page.goto(url(prefix + path))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_text(heading)
        assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_admin_signs_in_and_edits_their_organisation(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    admin_user: User,
    food_bank: Organisation,
    language: str,
    prefix: str,
) -> None:
    admin_user.preferred_language = language
    admin_user.save()
    sign_in(page, admin_user.email, prefix)
    expect(page.get_by_role("button", name=tr(language, "Sign out"))).to_be_visible()

    page.goto(url(f"{prefix}/organisations/aberystwyth-food-bank/edit/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)

    # Bad input: the error summary appears, in this language, and nothing is saved.
    page.locator("#id_identifier").fill("GB-CHC-12")
    page.get_by_role("button", name=tr(language, "Save changes")).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(tr(language, "There is a problem"))
    assert_accessible(page)
    food_bank.refresh_from_db()
    assert food_bank.identifier is None

    page.locator("#id_identifier").fill("gb-chc 1234567")
    page.locator("#id_phone").fill("01970 123456")
    page.get_by_role("button", name=tr(language, "Save changes")).click()
    expect(page.locator("h1")).to_contain_text("Aberystwyth")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        tr(language, "Your changes have been saved.")
    )
    food_bank.refresh_from_db()
    assert food_bank.identifier == "GB-CHC-1234567"
    assert food_bank.phone == "01970 123456"


@pytest.mark.parametrize(
    "path", ["/", "/organisations/", "/organisations/aberystwyth-food-bank/", "/sign-in/"]
)
def test_language_switch_keeps_you_on_the_same_page(
    page: Page, url: Callable[[str], str], food_bank: Organisation, path: str
) -> None:
    page.goto(url(path + "?page=1" if path == "/organisations/" else path))
    page.locator("#language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert page.url == url("/cy" + path + ("?page=1" if path == "/organisations/" else ""))
    page.locator("#language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == url(path + ("?page=1" if path == "/organisations/" else ""))


def test_pages_work_without_javascript(
    browser: object, url: Callable[[str], str], food_bank: Organisation
) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url("/organisations/"))
    page.get_by_label(tr("en", "Name contains")).fill("food")
    page.get_by_role("button", name=tr("en", "Apply filters")).click()
    expect(page.get_by_role("link", name="Aberystwyth Food Bank")).to_be_visible()
    context.close()
