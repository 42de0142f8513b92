"""The signed-in home of each demo persona, and the national view, in a real browser in
English and Welsh with axe (issue 11, missing 2 and 5).

The demo is loaded once (it is large), then each persona signs in and finds what needs them
now; Meera opens the national view and drills down into Gwynedd, a second area.
"""

import io
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from commonground.core.demo.loader import DEMO_PASSWORD
from commonground.core.models import User

LANGUAGES = [("en", ""), ("cy", "/cy")]
# The machine the tests share is slow at times; a journey step may take longer than 5s.
expect.set_options(timeout=30_000)

# Each persona and the panels their home shows.
PERSONAS = [
    ("admin@commonground.example", ["national", "tools", "nominations", "gaps"]),
    ("sian@cavo.example", ["tools", "sign-ups", "nominations", "overdue-report-backs", "gaps"]),
    ("gareth@aberystwyth-foodbank.example", ["ballots", "vacancies", "consultations", "digest"]),
    ("rhian@ceredigion-council.example", ["own-consultations", "feedback-due"]),
    ("dafydd@ceredigion-council.example", ["meetings"]),
    ("meera@wcva.example", ["national"]),
]
# Panels the demo data is known to fill: nominations are waiting for Siân, and Gareth's food
# bank can vote in the election in progress and stand for the open vacancy.
NOT_EMPTY = {
    "sian@cavo.example": ["nominations"],
    "gareth@aberystwyth-foodbank.example": ["ballots", "vacancies"],
}


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def _signed_in(browser: Browser, url: Callable[[str], str], email: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    page.goto(url("/sign-in/"))
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def test_each_persona_home_and_the_national_view(
    browser: Browser,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    live_server: Any,
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    for language, prefix in LANGUAGES:
        for email, panels in PERSONAS:
            page = _signed_in(browser, url, email)
            page.goto(url(f"{prefix}/"))
            person = User.objects.get(email=email).person
            assert person is not None
            greeting = tr(language, "Hello, %(name)s") % {"name": person.given_name}
            expect(page.locator("h1")).to_have_text(greeting)
            for key in panels:
                expect(page.locator(f"#panel-{key}")).to_be_visible()
            for key in NOT_EMPTY.get(email, []):
                expect(page.locator(f"#panel-{key} .govuk-tag")).not_to_have_text("0")
                expect(page.locator(f"#panel-{key} li a").first).to_be_visible()
            assert_accessible(page)
            if email.startswith("sian"):
                # Staff tools are reachable from the home, not only through deep links.
                tools = page.locator("#panel-tools")
                tools.get_by_role("link", name=tr(language, "Directory review queue")).click()
                expect(page).to_have_url(url(f"{prefix}/directory/review/"))
            if email.startswith("meera"):
                _national_drill_down(page, url, assert_accessible, language, prefix)
            page.context.close()


def _national_drill_down(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    language: str,
    prefix: str,
) -> None:
    page.locator("#panel-national").get_by_role(
        "link", name=tr(language, "National view of every area")
    ).click()
    expect(page.locator("h1")).to_have_text(tr(language, "Across Wales"))
    assert_accessible(page)
    ceredigion = page.locator("tr[data-area=ceredigion]")
    gwynedd = page.locator("tr[data-area=gwynedd]")
    # Ceredigion's demo has many more organisations than the twelve listed in Gwynedd.
    expect(gwynedd.locator("td").nth(0)).to_have_text("12")
    assert int(ceredigion.locator("td").nth(0).inner_text()) > 100
    expect(gwynedd.locator("td").nth(3)).to_have_text("2")  # vacant sector seats
    gwynedd.get_by_role("link", name="Gwynedd", exact=True).click()
    expect(page.locator("h1")).to_have_text("Gwynedd")
    assert_accessible(page)
    board = (
        "Bwrdd Gwasanaethau Cyhoeddus Gwynedd"
        if language == "cy"
        else "Gwynedd Public Services Board"
    )
    expect(page.locator("main")).to_contain_text(board)
    page.get_by_role("link", name=tr(language, "See the coverage")).click()
    expect(page).to_have_url(url(f"{prefix}/representation/coverage/gwynedd/"))
    expect(page.locator("[data-status=vacant]")).to_have_count(2)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=tr(language, "Download as CSV")).click()
    assert download.value.suggested_filename == "coverage-gwynedd.csv"
