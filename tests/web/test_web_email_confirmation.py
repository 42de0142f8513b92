"""Issue 11, missing 1: a new account confirms its email address from a link it is sent."""

import re
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from commonground.core import actions, confirmation
from commonground.core.models import Area, DomainEvent, Organisation, User
from tests.engagement.conftest import smtp, wait_for  # noqa: F401 (the SMTP fixture)

pytestmark = pytest.mark.django_db


def _sign_up(area: Area, make_organisation: Callable[..., Organisation], language: str) -> User:
    area.infrastructure_body = make_organisation(kind=Organisation.Kind.INFRASTRUCTURE)
    area.save()
    contact = {"given_name": "Nia", "family_name": "Morgan", "email": "nia@example.org"}
    with translation.override(language):  # the language the form was filled in
        actions.sign_up_organisation(
            {"name_en": "Borth Garden", "legal_form": "cio", "area": area},
            {**contact, "password": "a-long-enough-password"},
            "represent",
        )
    return User.objects.get(email="nia@example.org")


def _link(message: Any) -> str:
    found = re.search(r"https?://\S+(/confirm-email/\S+/)", message.get_content())
    assert found, message.get_content()
    return found.group(1)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_sign_up_emails_a_link_that_confirms_the_address_on_a_button_press(
    area: Area,
    make_organisation: Callable[..., Organisation],
    smtp: Any,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
    language: str,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        user = _sign_up(area, make_organisation, language)
    (message,) = wait_for(smtp, 1)
    assert message["To"] == "nia@example.org"
    subject = {"en": "Confirm your email address", "cy": "Cadarnhewch eich cyfeiriad e-bost"}
    assert subject[language] in message["Subject"]
    path = _link(message)
    prefix = "/cy" if language == "cy" else ""

    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    page = Client().get(prefix + path)
    assert page.status_code == 200 and "nia@example.org" in page.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed_at is None
    done = Client().post(prefix + path)
    assert done.status_code == 200
    heading = {"en": "Email address confirmed", "cy": "Cyfeiriad e-bost wedi’i gadarnhau"}
    assert heading[language] in done.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    # Following it again changes nothing and records no second event.
    Client().post(path)
    assert DomainEvent.objects.of_type("account.email_confirmed").count() == 1


def test_a_tampered_expired_or_stale_link_confirms_nothing_and_says_why(
    make_user: Callable[..., User],
) -> None:
    user = make_user()
    token = confirmation.token_for(user)
    for bad in [token[:-2] + "xx", "not-a-token", token.replace(":", "")]:
        response = Client().post(f"/confirm-email/{bad}/")
        assert response.status_code == 400
        assert "This link has expired or is not complete" in response.content.decode()
    welsh = Client().get(f"/cy/confirm-email/{token[:-2]}xx/").content.decode()
    assert "Mae’r ddolen hon wedi dod i ben" in welsh
    time.sleep(1.1)
    assert confirmation.user_for(token, max_age=timedelta(seconds=1)) is None  # expired
    # A link sent to an old address does not confirm the new one.
    user.email = "new@example.org"
    user.save()
    assert Client().post(f"/confirm-email/{token}/").status_code == 400
    user.refresh_from_db()
    assert user.email_confirmed_at is None


def test_the_account_page_shows_the_state_and_sends_a_new_link(
    make_user: Callable[..., User],
    smtp: Any,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = make_user()
    client = Client()
    client.force_login(user)
    page = client.get("/account/").content.decode()
    assert "Not confirmed" in page and "Send the confirmation email again" in page
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/account/confirm-email/", follow=True)
    assert f"We have sent a new link to {user.email}" in sent.content.decode()
    (message,) = wait_for(smtp, 1)
    assert client.post(_link(message)).status_code == 200
    page = client.get("/account/").content.decode()
    assert "Confirmed" in page and "Send the confirmation email again" not in page
    assert Client().post("/account/confirm-email/").status_code == 302  # signed out: sign in
