"""Sign-in is throttled by account and by address; the owner hears of a lock-out."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from commonground.core.models import User
from tests.conftest import PASSWORD
from tests.engagement.conftest import smtp, wait_for  # noqa: F401 (the SMTP fixture)

LIMIT = 5


@pytest.fixture(autouse=True)
def _limit(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = LIMIT


def _sign_in(client: Client, email: str, password: str, path: str = "/sign-in/") -> Any:
    return client.post(path, {"username": email, "password": password})


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_is_refused_after_too_many_wrong_ones(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user()
    for _ in range(LIMIT):
        _sign_in(client, user.email, "wrong-password")
    response = _sign_in(client, user.email.upper(), PASSWORD)
    assert response.status_code == 429
    assert "too many attempts to sign in" in response.content.decode()
    assert not _signed_in(client)


def test_unknown_and_known_accounts_get_the_same_lock_out(
    make_user: Callable[..., User],
) -> None:
    user = make_user()
    pages = []
    for email, address in ((user.email, "192.0.2.1"), ("nobody@example.org", "192.0.2.2")):
        client = Client(REMOTE_ADDR=address)
        first = _sign_in(client, email, "wrong-password")
        for _ in range(LIMIT):
            last = _sign_in(client, email, "wrong-password")
        pages.append((first.status_code, last.status_code, last.content))
    assert pages[0] == pages[1]
    assert pages[0][:2] == (200, 429)


def test_one_address_trying_many_accounts_is_locked_out(
    make_user: Callable[..., User],
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(LIMIT):
        _sign_in(client, f"guess{n}@example.org", "wrong-password")
    user = make_user()
    assert _sign_in(client, user.email, PASSWORD).status_code == 429
    assert not _signed_in(client)
    # Another address can still sign in to that account.
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert _sign_in(other, user.email, PASSWORD).status_code == 302
    assert _signed_in(other)


def test_the_owner_is_emailed_once_in_their_language(
    smtp: Any,  # noqa: F811
    make_user: Callable[..., User],
) -> None:
    user = make_user(language="cy")
    client = Client()
    for _ in range(LIMIT + 3):
        response = _sign_in(client, user.email, "wrong-password", path="/cy/sign-in/")
    assert response.status_code == 429
    assert "gormod o ymdrechion i fewngofnodi" in response.content.decode()
    messages = wait_for(smtp, 1)
    assert len(messages) == 1
    assert messages[0]["To"] == user.email
    assert "wedi'i oedi" in messages[0]["Subject"]
    assert "15" in messages[0].get_content()


def test_a_lock_out_on_an_unknown_account_emails_nobody(db: None, smtp: Any) -> None:  # noqa: F811
    client = Client()
    for _ in range(LIMIT):
        _sign_in(client, "nobody@example.org", "wrong-password")
    assert wait_for(smtp, 1) == []
