"""Sign-up and account recovery in a real browser, in English and Welsh (issue 11, missing 1).

Emails go through a real SMTP server (aiosmtpd) on localhost: the reset link in one is
followed in the browser, and the new password signs in; a new organisation's admin hears
that staff approved its membership.
"""

import re
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from commonground.core.models import Area, Membership, Organisation, Theme, User
from tests.conftest import PASSWORD
from tests.engagement.conftest import _free_port, _Inbox, wait_for

LANGUAGES = [("en", ""), ("cy", "/cy")]
# The machine the tests share is slow at times; a journey step may take longer than 5s.
expect.set_options(timeout=30_000)
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


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_organisation_signs_up_and_staff_approve(
    page: Page,
    browser: Browser,
    url: Callable[[str], str],
    sign_in: Callable[[Page, str, str], None],
    assert_accessible: Callable[[Page], None],
    mailbox: _Inbox,
    area: Area,
    make_organisation: Callable[..., Organisation],
    make_user: Callable[..., User],
    language: str,
    prefix: str,
) -> None:
    page.set_default_timeout(30_000)
    cvc = make_organisation(
        name_en="Test Association of Voluntary Organisations",
        name_cy="Cymdeithas Prawf Mudiadau Gwirfoddol",
        kind=Organisation.Kind.INFRASTRUCTURE,
    )
    area.infrastructure_body = cvc
    area.save()
    staff = make_user(role=("infrastructure_staff", area), language=language)
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None

    # 1. A new organisation signs itself up from the home page.
    page.goto(url(f"{prefix}/"))
    page.get_by_role("link", name=tr(language, "Sign up your organisation")).first.click()
    expect(page.locator("h1")).to_have_text(tr(language, "Sign up your organisation"))
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    assert not Organisation.objects.filter(name_en="Borth Community Garden").exists()
    page.locator("#id_name_en").fill("Borth Community Garden")
    page.locator("#id_name_cy").fill("Gardd Gymunedol y Borth")
    page.select_option("#id_legal_form", "unincorporated")
    page.locator("#id_description_en").fill("Growing food together by the sea.")
    page.select_option("#id_area", str(area.pk))
    page.locator(f"input[name=themes][value='{theme.pk}']").check()
    page.locator("#id_email").fill("hello@borth-garden.example")
    page.locator("#id_public_listing").check()
    page.locator("input[name=engagement_level][value=represent]").check()
    page.locator("#id_contact_given_name").fill("Nia")
    page.locator("#id_contact_family_name").fill("Morgan")
    page.locator("#id_contact_email").fill("nia@borth-garden.example")
    page.locator("#id_contact_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(tr(language, "Application sent"))
    assert_accessible(page)
    garden = Organisation.objects.get(name_en="Borth Community Garden")
    assert garden.area == area and list(garden.themes.all()) == [theme]
    assert not Membership.objects.filter(organisation=garden).exists()
    nia = User.objects.get(email="nia@borth-garden.example")
    assert nia.preferred_language == language
    assert garden.affiliations.get(person=nia.person).is_admin

    # 2. Nia confirms her email address from the link she is sent (issue 11, missing 1).
    [confirm] = wait_for(mailbox, 1)
    assert confirm["To"] == nia.email
    assert confirm["Subject"] == tr(language, "Confirm your email address for Commonground")
    path = re.search(r"(/cy)?/confirm-email/\S+/", _text(confirm))
    assert path is not None and path.group().startswith(f"{prefix}/confirm-email/")
    page.goto(url(path.group()))
    expect(page.locator("h1")).to_have_text(tr(language, "Confirm your email address"))
    assert_accessible(page)
    page.get_by_role("button", name=tr(language, "Confirm my email address")).click()
    expect(page.locator("h1")).to_have_text(tr(language, "Email address confirmed"))
    assert_accessible(page)
    nia.refresh_from_db()
    assert nia.email_confirmed_at is not None

    # 3. Staff find it on their home page and approve the membership.
    staff_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff_page.set_default_timeout(30_000)
    sign_in(staff_page, staff.email, prefix)
    staff_page.goto(url(f"{prefix}/"))
    panel = staff_page.locator("#panel-sign-ups")
    expect(panel).to_contain_text(tr(language, "Sign-ups to approve"))
    assert_accessible(staff_page)
    panel.get_by_role(
        "link", name=str(garden.name_cy if language == "cy" else garden.name_en)
    ).click()
    assert_accessible(staff_page)
    expect(staff_page.locator("main")).to_contain_text(tr(language, "Email confirmed"))
    staff_page.get_by_role("button", name=tr(language, "Approve the membership")).click()
    expect(staff_page.locator(".govuk-notification-banner")).to_be_visible()
    assert_accessible(staff_page)
    membership = Membership.objects.get(organisation=garden)
    assert membership.infrastructure_body == cvc
    assert membership.engagement_level == Membership.EngagementLevel.REPRESENT
    staff_page.context.close()

    # 4. The new admin is told by email, in the language they signed up in.
    message = wait_for(mailbox, 2)[-1]
    assert message["To"] == nia.email
    with translation.override(language):
        expected = gettext("%(organisation)s is now a member of %(body)s") % {
            "organisation": garden.name,
            "body": cvc.name,
        }
    assert message["Subject"] == expected
