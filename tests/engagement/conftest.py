"""Fixtures for engagement tests: a real SMTP server on localhost, publishers, content."""

import socket
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from commonground.core.models import Area, Organisation, Theme, User
from commonground.engagement import actions


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings: Any) -> Iterator[_Inbox]:
    """A real SMTP server (aiosmtpd) that Django's SMTP backend sends to."""
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


def wait_for(inbox: _Inbox, count: int) -> list[EmailMessage]:
    deadline = time.monotonic() + 5
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return inbox.messages


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Test County Council",
        kind=Organisation.Kind.PUBLIC_BODY,
        legal_form=Organisation.LegalForm.STATUTORY,
    )


@pytest.fixture
def officer(make_user: Callable[..., User], council: Organisation, area: Area) -> User:
    return make_user(role=("public_body_officer", area), role_organisation=council)


@pytest.fixture
def themes(area: Area) -> dict[str, Theme]:
    return {t.slug: t for t in Theme.objects.all()}


@pytest.fixture
def publish(officer: User, council: Organisation) -> Callable[..., Any]:
    def do(
        title: str,
        *,
        themes: list[Theme] = (),
        areas: list[Area] = (),
        priority: int = 2,
        **extra: Any,
    ) -> Any:  # type: ignore[assignment]
        data = {
            "title_en": title,
            "title_cy": f"{title} (cy)",
            "summary_en": f"Summary of {title}",
            "summary_cy": f"Crynodeb {title}",
            "body_en": f"BODY-EN {title} " * 20,
            "body_cy": f"CORFF {title} " * 20,
            "priority": priority,
            **extra,
        }
        return actions.publish_bulletin(officer, council, data, themes=themes, areas=areas)

    return do
