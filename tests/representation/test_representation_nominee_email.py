"""Nominees hear by email when staff validate or reject their nomination (issue 11, missing 4).

The email goes through a real SMTP server (aiosmtpd), in each recipient's language.
"""

from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils import translation
from django.utils.translation import gettext

from commonground.representation import actions
from tests.engagement.conftest import _free_port, _Inbox, wait_for
from tests.representation.conftest import Scene

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mailbox(settings: Any) -> Iterator[_Inbox]:
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    try:
        yield inbox
    finally:
        controller.stop()


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())  # type: ignore[attr-defined]


def test_nominee_is_told_of_validation_and_of_rejection_with_the_reason(
    scene: Scene, mailbox: _Inbox
) -> None:
    vacancy = scene.advertise()
    valid, rejected = scene.nominate(vacancy, 0), scene.nominate(vacancy, 1)
    welsh = scene.admins[1]
    welsh.preferred_language = "cy"
    welsh.save()
    mailbox.messages.clear()  # the vacancy's own emails to eligible organisations
    actions.validate_nomination(scene.staff, valid, accept=True)
    reason = "The statement names a different seat."
    actions.validate_nomination(scene.staff, rejected, accept=False, reason=reason)

    first, second = wait_for(mailbox, 2)
    assert first["To"] == scene.admins[0].email
    seat, body = vacancy.seat.name_en, vacancy.seat.body.name_en
    assert first["Subject"] == f"Your nomination for {seat} on {body} is valid"
    assert second["To"] == welsh.email
    with translation.override("cy"):
        subject = gettext("Your nomination for %(seat)s on %(body)s was not accepted")
    seat_cy = vacancy.seat.name_cy or seat
    body_cy = vacancy.seat.body.name_cy or body
    assert second["Subject"] == subject % {"seat": seat_cy, "body": body_cy}
    assert subject != "Your nomination for %(seat)s on %(body)s was not accepted"
    assert reason in _text(second)
    assert vacancy.get_absolute_url() in _text(second)
