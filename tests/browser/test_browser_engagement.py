"""The two engagement journeys in a real browser, in English and in Welsh (issue 6).

1. A public body publishes a consultation, an organisation responds (a draft saved, then
   finished and submitted), and after the close the owner publishes "you said, we did"
   feedback; the respondent is notified by email over a real SMTP server on localhost.
2. A user subscribes (themes, areas, frequency, language), gets the weekly digest by email
   and reads it on the web.

axe runs on every page of both journeys. Time passing (a consultation closing, a week going
by) is simulated by moving dates in the database between steps.
"""

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from commonground.core.models import Area, Organisation, Theme, User
from commonground.engagement import actions, principles
from commonground.engagement.models import Bulletin, Consultation, Digest, Response
from tests.conftest import PASSWORD
from tests.engagement.conftest import _free_port, _Inbox, wait_for

LANGUAGES = [("en", ""), ("cy", "/cy")]


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def inbox(settings: Any, live_server: Any) -> Iterator[_Inbox]:
    """A real SMTP server (aiosmtpd) that the live server's background tasks send to."""
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
    settings.SITE_URL = live_server.url
    try:
        yield inbox
    finally:
        controller.stop()


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())  # type: ignore[attr-defined]


def _signed_in(browser: Browser, url: Callable[[str], str], user: User, prefix: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    page.goto(url(f"{prefix}/sign-in/"))
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def _banner(page: Page) -> Any:
    return page.locator(".govuk-notification-banner")


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_consultation_journey(
    page: Page,
    sign_in: Callable[[Page, str, str], None],
    browser: Browser,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    inbox: _Inbox,
    area: Area,
    make_organisation: Callable[..., Organisation],
    make_user: Callable[..., User],
    language: str,
    prefix: str,
) -> None:
    council = make_organisation(
        name_en="Test County Council",
        name_cy="Cyngor Sir Prawf",
        kind=Organisation.Kind.PUBLIC_BODY,
        legal_form=Organisation.LegalForm.STATUTORY,
    )
    officer = make_user(
        role=("public_body_officer", area), role_organisation=council, language=language
    )
    charity = make_organisation(name_en="Lampeter Men's Shed", name_cy="Sied Dynion Llambed")
    respondent = make_user(admin_of=charity, language=language)
    today = timezone.localdate()

    # 1. The officer starts a consultation. Thirty days is short of the twelve-week compact
    # minimum: without a reason it is refused, with one it is saved.
    owner = page
    sign_in(owner, officer.email, prefix)
    owner.goto(url(f"{prefix}/engagement/consultations/"))
    expect(owner.locator("h1")).to_have_text(tr(language, "Consultations"))
    assert_accessible(owner)
    owner.get_by_role("link", name=tr(language, "Start a consultation")).click()
    expect(owner.locator("h1")).to_have_text(tr(language, "Start a consultation"))
    assert_accessible(owner)
    owner.locator("#id_title_en").fill("Future of day services")
    owner.locator("#id_title_cy").fill("Dyfodol gwasanaethau dydd")
    owner.locator("#id_summary_en").fill("Tell us what matters to you about day services.")
    owner.locator("#id_summary_cy").fill("Dywedwch wrthym beth sy’n bwysig i chi.")
    owner.locator("#id_opens_on").fill(today.isoformat())
    owner.locator("#id_closes_on").fill((today + timedelta(days=29)).isoformat())
    owner.locator("#id_feedback_due_on").fill((today + timedelta(days=60)).isoformat())
    owner.locator("main form button[type=submit]").click()
    expect(owner.locator(".govuk-error-summary")).to_be_visible()
    expect(owner.locator("#id_short_period_reason_en-error")).to_be_visible()
    assert_accessible(owner)
    assert not Consultation.objects.exists()
    reason = "The budget decision is due in the spring."
    owner.locator("#id_short_period_reason_en").fill(reason)
    owner.locator("#id_short_period_reason_cy").fill(
        "Mae’r penderfyniad ar y gyllideb yn y gwanwyn."
    )
    owner.locator("main form button[type=submit]").click()
    consultation = Consultation.objects.get()
    expect(_banner(owner)).to_contain_text(
        tr(language, "The draft consultation has been saved. Now add its questions.")
    )
    assert_accessible(owner)

    # 2. Questions, a document and the principles checklist; then it is published.
    for text_en, kind in [
        ("What works well now?", "free_text"),
        ("How satisfied are you?", "rating"),
    ]:
        owner.locator("#id_question-text_en").fill(text_en)
        owner.locator(f"input[name='question-kind'][value='{kind}']").check()
        owner.get_by_role("button", name=tr(language, "Add the question")).click()
        expect(_banner(owner)).to_contain_text(tr(language, "The question has been added."))
    # Before publishing, questions can be reordered (and changed or deleted): twice up is
    # back where it was.
    for _twice in range(2):
        move_up = (
            tr(language, "Move up") + " " + tr(language, "question %(number)s") % {"number": 2}
        )
        owner.get_by_role("button", name=move_up).click()
        expect(_banner(owner)).to_contain_text(tr(language, "The question has been moved."))
    expect(owner.locator("#questions")).to_contain_text("What works well now?")
    assert_accessible(owner)
    owner.locator("#id_document-title_en").fill("Consultation document")
    owner.locator("#id_document-url").fill("https://example.org/day-services.pdf")
    owner.get_by_role("button", name=tr(language, "Add the document")).click()
    expect(_banner(owner)).to_contain_text(tr(language, "The document has been added."))
    owner.get_by_role("link", name=tr(language, "Complete the principles checklist")).click()
    assert_accessible(owner)
    owner.locator(f"#id_met_{principles.CODES[0]}").check()
    owner.locator(f"#id_note_{principles.CODES[0]}").fill("Co-designed with people who use them.")
    owner.get_by_role("button", name=tr(language, "Save the checklist")).click()
    expect(_banner(owner)).to_contain_text(tr(language, "The principles checklist has been saved."))
    owner.get_by_role("button", name=tr(language, "Publish the consultation")).click()
    expect(_banner(owner)).to_contain_text(tr(language, "The consultation has been published."))
    title = "Dyfodol gwasanaethau dydd" if language == "cy" else "Future of day services"
    expect(owner.locator("h1")).to_have_text(title)
    window = owner.locator("#compact-window")
    expect(window).to_contain_text(tr(language, "Shorter than the compact minimum"))
    expect(window).to_contain_text(
        "Mae’r penderfyniad ar y gyllideb yn y gwanwyn." if language == "cy" else reason
    )
    expect(owner.locator("main")).to_contain_text("Co-designed with people who use them.")
    assert_accessible(owner)
    text_q, rating_q = consultation.questions.order_by("number")

    # 3. The organisation's admin starts a response, saves a draft and leaves.
    page = _signed_in(browser, url, respondent, prefix)
    page.goto(url(f"{prefix}/engagement/consultations/"))
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    assert_accessible(page)
    page.get_by_role("link", name=tr(language, "Respond to this consultation")).click()
    assert_accessible(page)
    page.locator(f"input[name=responding_for][value='{charity.pk}']").check()
    page.locator(f"#id_q{text_q.pk}").fill("The lunch club")
    page.get_by_role("button", name=tr(language, "Save as draft")).click()
    expect(_banner(page)).to_contain_text(
        tr(language, "Your draft has been saved. You can come back and finish it later.")
    )
    expect(page.locator("main")).to_contain_text(tr(language, "Draft saved"))
    assert_accessible(page)
    assert Response.objects.get().status == Response.Status.DRAFT
    page.context.close()

    # 4. They come back in a new session, finish the draft and submit it; a receipt follows.
    page = _signed_in(browser, url, respondent, prefix)
    page.goto(url(f"{prefix}{consultation.get_absolute_url()}"))
    page.get_by_role("link", name=tr(language, "Continue your response")).click()
    expect(page.locator(f"#id_q{text_q.pk}")).to_have_value("The lunch club")
    expect(page.locator(f"input[name=responding_for][value='{charity.pk}']")).to_be_checked()
    page.locator(f"#id_q{text_q.pk}").fill("The lunch club and the minibus")
    page.locator(f"input[name='q{rating_q.pk}'][value='4']").check()
    page.locator("#id_publish").check()
    page.get_by_role("button", name=tr(language, "Submit response")).click()
    expect(page.locator("h1")).to_have_text(tr(language, "Response received"))
    assert_accessible(page)
    response = Response.objects.get()
    assert response.status == Response.Status.SUBMITTED and response.organisation == charity
    receipt = wait_for(inbox, 1)[0]
    assert receipt["To"] == respondent.email and receipt["Content-Language"] == language
    assert response.reference in _text(receipt)

    # 5. Time passes: the consultation closes (dates moved in the database). The page says
    # so, and anyone who tries to respond now is refused with the close date shown.
    closed_on = today - timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=40),
        closes_on=closed_on,
        feedback_due_on=today + timedelta(days=30),
    )
    with translation.override(language):
        closed_date = date_format(closed_on, "j F Y")
    page.goto(url(f"{prefix}{consultation.get_absolute_url()}"))
    expect(page.locator("main")).to_contain_text(tr(language, "Closed"))
    expect(page.locator("main")).to_contain_text(closed_date)
    assert_accessible(page)
    owner.goto(url(f"{prefix}/engagement/consultations/{consultation.pk}/respond/"))
    expect(owner.locator("#closed-message")).to_contain_text(closed_date)
    assert_accessible(owner)
    assert Response.objects.count() == 1

    # 6. The owner writes the summary of responses, then publishes "you said, we did".
    owner.goto(url(f"{prefix}{consultation.get_absolute_url()}"))
    owner.get_by_role("link", name=tr(language, "Responses and results")).click()
    expect(owner.locator("main")).to_contain_text("The lunch club and the minibus")
    assert_accessible(owner)
    owner.goto(url(f"{prefix}{consultation.get_absolute_url()}"))
    owner.get_by_role("link", name=tr(language, "Summary and feedback")).click()
    expect(owner.locator("h1")).to_have_text(tr(language, "Summary and feedback"))
    assert_accessible(owner)
    owner.locator("#id_summary-response_summary_en").fill("People value the lunch club.")
    owner.locator("#id_summary-response_summary_cy").fill("Mae pobl yn gwerthfawrogi’r clwb cinio.")
    owner.get_by_role("button", name=tr(language, "Save the summary")).click()
    expect(_banner(owner)).to_contain_text(tr(language, "The summary of responses has been saved."))
    assert_accessible(owner)
    owner.locator("#id_feedback-feedback_en").fill("You said the lunch club matters; we kept it.")
    owner.locator("#id_feedback-feedback_cy").fill(
        "Dywedoch fod y clwb cinio’n bwysig; rydym wedi’i gadw."
    )
    owner.get_by_role(
        "button", name=tr(language, "Publish the feedback and tell respondents")
    ).click()
    expect(_banner(owner)).to_contain_text(
        tr(language, "The feedback has been published and respondents are being told.")
    )
    feedback = (
        "Dywedoch fod y clwb cinio’n bwysig; rydym wedi’i gadw."
        if language == "cy"
        else "You said the lunch club matters; we kept it."
    )
    expect(owner.locator("#you-said-we-did")).to_have_text(tr(language, "You said, we did"))
    expect(owner.locator("main")).to_contain_text(feedback)
    assert_accessible(owner)

    # 7. The respondent is told, in their language, and sees the feedback on the page.
    notices = wait_for(inbox, 2)
    assert len(notices) == 2
    notice = notices[1]
    assert notice["To"] == respondent.email and notice["Content-Language"] == language
    assert feedback in _text(notice)
    link = re.search(r"https?://\S+/engagement/consultations/\d+/", _text(notice))
    assert link is not None
    page.goto(link.group(0))
    expect(page.locator("main")).to_contain_text(feedback)
    expect(page.locator("main")).to_contain_text("The lunch club and the minibus")
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_subscription_and_digest_journey(
    page: Page,
    sign_in: Callable[[Page, str, str], None],
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    inbox: _Inbox,
    area: Area,
    other_area: Area,
    make_organisation: Callable[..., Organisation],
    make_user: Callable[..., User],
    language: str,
    prefix: str,
) -> None:
    council = make_organisation(name_en="Test County Council", kind=Organisation.Kind.PUBLIC_BODY)
    officer = make_user(role=("public_body_officer", area), role_organisation=council)
    reader = make_user(language=language)
    health = Theme.objects.get(slug="health-social-care")
    other_theme = Theme.objects.exclude(pk=health.pk).first()
    assert other_theme is not None

    # 1. The user subscribes: one theme, one area, weekly, in the journey's language.
    sign_in(page, reader.email, prefix)
    page.goto(url(f"{prefix}/engagement/subscription/"))
    expect(page.locator("h1")).to_have_text(tr(language, "Your subscription"))
    assert_accessible(page)
    page.locator("input[name=frequency][value=weekly]").check()
    page.locator(f"input[name=language][value={language}]").check()
    page.locator(f"input[name=themes][value='{health.pk}']").check()
    page.locator(f"input[name=areas][value='{area.pk}']").check()
    page.get_by_role("button", name=tr(language, "Save my subscription")).click()
    expect(_banner(page)).to_contain_text(tr(language, "Your subscription has been saved."))
    assert_accessible(page)
    subscription = reader.engagement_subscription  # type: ignore[attr-defined]
    assert subscription.frequency == "weekly" and subscription.language == language
    assert list(subscription.themes.all()) == [health] and list(subscription.areas.all()) == [area]

    # 2. Bulletins are published: two match, one is for another theme and area.
    def bulletin(title: str, theme: Theme, where: Area, priority: int) -> Bulletin:
        return actions.publish_bulletin(
            officer,
            council,
            {
                "title_en": title,
                "title_cy": f"{title} (cy)",
                "summary_en": f"Summary of {title}",
                "summary_cy": f"Crynodeb {title}",
                "body_en": f"FULL-TEXT {title}",
                "body_cy": f"TESTUN-LLAWN {title}",
                "priority": priority,
            },
            themes=[theme],
            areas=[where],
        )

    wanted = bulletin("Carers' fund opens", health, area, 1)
    also = bulletin("Hospital transport changes", health, area, 2)
    unwanted = bulletin("Powys arts grants", other_theme, other_area, 1)

    # 3. A week passes: the bulletins are moved into last week in the database, and the
    # weekly run sends the digest over SMTP.
    last_week = timezone.now() - timedelta(days=7)
    Bulletin.objects.filter(pk__in=[wanted.pk, also.pk, unwanted.pk]).update(published_at=last_week)
    call_command("send_digests", "weekly")
    message = wait_for(inbox, 1)[0]
    assert message["To"] == reader.email and message["Content-Language"] == language
    assert message["List-Unsubscribe"]
    text = _text(message)
    suffix = " (cy)" if language == "cy" else ""
    assert f"Carers' fund opens{suffix}" in text and "Powys arts grants" not in text
    assert "FULL-TEXT" not in text and "TESTUN-LLAWN" not in text
    digest = Digest.objects.get()

    # 4. The user reads the digest on the web, from their subscription page ...
    page.goto(url(f"{prefix}/engagement/subscription/"))
    page.locator(f"a[href$='{digest.public_id}/']").click()
    expect(page.locator("h1")).to_have_text(tr(language, "Weekly digest"))
    main = page.locator("main")
    expect(main).to_contain_text(f"Carers' fund opens{suffix}")
    expect(main).to_contain_text(f"Hospital transport changes{suffix}")
    expect(main).not_to_contain_text("Powys arts grants")
    expect(main).not_to_contain_text("FULL-TEXT")
    expect(main).not_to_contain_text("TESTUN-LLAWN")
    with translation.override(language):
        theme_name = str(health.name)
    expect(main.locator("h2").first).to_have_text(theme_name)
    assert_accessible(page)

    # ... and from the link in the email, then follows an item to its full text.
    web = re.search(r"https?://\S+/engagement/digests/[0-9a-f-]+/", text)
    assert web is not None
    page.goto(web.group(0))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(tr(language, "Weekly digest"))
    page.get_by_role("link", name=f"Carers' fund opens{suffix}").click()
    expect(page.locator("h1")).to_have_text(f"Carers' fund opens{suffix}")
    expect(page.locator("main")).to_contain_text(
        "TESTUN-LLAWN" if language == "cy" else "FULL-TEXT"
    )
    assert_accessible(page)
