"""Background work for accounts: emails never go out inside a web request."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from commonground.core.models import User


def send_templated(user: User, template: str, context: dict[str, object]) -> None:
    """Render ``template`` (subject on its first line) in the account's language and send it.

    Call it from a background task only: it talks to the SMTP server."""
    with translation.override(user.preferred_language):
        text = render_to_string(template, {"site": settings.SITE_URL, **context, "user": user})
    subject, _, body = text.strip().partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])


@task()
def send_account_email(user_id: int, template: str, context: dict[str, str]) -> None:
    send_templated(User.objects.get(pk=user_id), template, dict(context))
