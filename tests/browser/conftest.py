"""Browser tests: Debian's Chromium driven by Playwright against a live test server.

Fixtures:
- ``page``: a fresh Playwright page; ``page.goto(url(path))`` with ``url`` below.
- ``url``: turns a path into an absolute URL on the live server.
- ``assert_accessible(page)``: runs axe-core (from node_modules) and fails on any serious or
  critical violation, listing each with its rule, impact and the offending elements.
- ``sign_in(page, email)``: signs in through the real form.
"""

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# fixtures from the same thread are safe here because nothing else runs concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # One worker drives all browser tests, so the two cores are not both running Chromium.
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/bootstrap --browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def url(live_server: Any) -> Callable[[str], str]:
    return lambda path: f"{live_server.url}{path}"


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']})"
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def assert_accessible() -> Callable[[Page], None]:
    def check(page: Page) -> None:
        violations = _axe_violations(page)
        summary = [
            {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ]
        assert not violations, f"axe on {page.url}:\n{json.dumps(summary, indent=2)}"

    return check


@pytest.fixture
def sign_in(url: Callable[[str], str]) -> Callable[[Page, str], None]:
    def do(page: Page, email: str, language_prefix: str = "") -> None:
        page.goto(url(f"{language_prefix}/sign-in/"))
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state()

    return do
