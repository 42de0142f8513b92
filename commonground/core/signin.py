"""Sign-in throttling with django-axes: who is counted, and telling an owner of a lock-out.

Failures are counted by account (the email address as typed, lower-cased, whether or not an
account exists) and by address, separately: after ``AXES_FAILURE_LIMIT`` failures either one
is refused for ``AXES_COOLOFF_TIME``, even with the right password. Unknown and known
accounts get the same answer at the same speed: while locked, no password is checked at all.
"""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.conf import settings
from django.core.mail import send_mail
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from commonground.core.models import User


class ThrottledSignIn(AxesStandaloneBackend):
    """django-axes's backend, for web sign-in only. Without a request there is no sign-in
    form and no address to count (the test client's ``login``, a shell), so it stands aside
    rather than refusing every such call."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Sign-in ignores the case of an email address, so the count must too."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(value).strip().lower()


def client_address(request: HttpRequest) -> str | None:
    """Behind the TLS proxy every request comes from the proxy, so the client is the last
    address the proxy appended to X-Forwarded-For (earlier ones are the client's own claims)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR")


@receiver(user_locked_out)
def tell_the_owner(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    # Axes signals again on every refused attempt while locked; only the attempt that
    # reached the limit starts a lock-out, so the owner gets one email per lock-out.
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    owner = User.objects.filter(email__iexact=username, is_active=True).first()
    if owner is not None:
        send_lockout_notice.enqueue(owner.pk)


@task()
def send_lockout_notice(user_id: int) -> None:
    user = User.objects.get(pk=user_id)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    with translation.override(user.preferred_language):
        text = render_to_string(
            "core/emails/signin_locked.txt",
            {"user": user, "minutes": minutes, "site": settings.SITE_URL},
        ).strip()
    subject, _, body = text.partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])
