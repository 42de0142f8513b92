"""Background work for accounts: emails never go out inside a web request."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from commonground.core.models import User


@task()
def send_account_email(user_id: int, template: str, context: dict[str, str]) -> None:
    """Render ``template`` (subject on its first line) in the account's language and send it."""
    user = User.objects.get(pk=user_id)
    with translation.override(user.preferred_language):
        text = render_to_string(template, {**context, "user": user, "site": settings.SITE_URL})
    subject, _, body = text.strip().partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])
