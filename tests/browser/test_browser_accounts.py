"""Account recovery in a real browser, in English and Welsh (issue 11, missing 1).

The reset email goes through a real SMTP server (aiosmtpd) on localhost; the link in it is
followed in the browser, and the new password signs in.
"""

import re
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from commonground.core.models import User
from tests.engagement.conftest import _free_port, _Inbox, wait_for

LANGUAGES = [("en", ""), ("cy", "/cy")]
NEW_PASSWORD = "a-new-and-longer-password"


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def mailbox(settings: Any, live_server: Any) -> Iterator[_Inbox]:
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())  # type: ignore[attr-defined]


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_password_reset_by_email(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    mailbox: _Inbox,
    make_user: Callable[..., User],
    live_server: Any,
    language: str,
    prefix: str,
) -> None:
    page.set_default_timeout(30_000)  # the shared machine is slow; the journey is not
    user = make_user(language=language)

    page.goto(url(f"{prefix}/sign-in/"))
    page.get_by_role("link", name=tr(language, "Forgotten your password?")).click()
    expect(page.locator("h1")).to_have_text(tr(language, "Reset your password"))
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    # An address with no account gets the same answer, so the page reveals nobody's account.
    page.locator("#id_email").fill("nobody@example.org")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(tr(language, "Check your email"))
    page.goto(url(f"{prefix}/password-reset/"))
    page.locator("#id_email").fill(user.email.upper())
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(tr(language, "Check your email"))
    assert_accessible(page)

    [message] = wait_for(mailbox, 1)
    assert message["To"] == user.email
    assert message["Subject"] == tr(language, "Reset your Commonground password")
    link = re.search(r"http://\S+", _text(message))
    assert link is not None
    assert link.group().startswith(f"{live_server.url}{prefix}/password-reset/")

    page.goto(link.group())
    expect(page.locator("h1")).to_have_text(tr(language, "Choose a new password"))
    assert_accessible(page)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill("something-else-entirely")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(tr(language, "Your password has been changed"))
    assert_accessible(page)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # The link works once.
    page.goto(link.group())
    expect(page.locator("h1")).to_have_text(tr(language, "This link has expired"))
    assert_accessible(page)

    page.goto(url(f"{prefix}/sign-in/"))
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("button", name=tr(language, "Sign out"))).to_be_visible()
