"""Confirming an account's email address from the link it was sent.

Following the link shows a page with a button: the address is confirmed by the POST, so a
mail scanner that opens every link in a message confirms nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.core import actions, confirmation
from commonground.core.requests import signed_in_user


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    user = confirmation.user_for(token)
    error = ""
    if request.method == "POST":
        try:
            user = actions.confirm_email(token)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            return render(request, "web/confirm_email/done.html", {"confirmed": user})
    elif user is None:
        error = _(
            "This link has expired or is not complete. Sign in and ask for a new "
            "confirmation email from your account page."
        )
    return render(
        request,
        "web/confirm_email/confirm.html",
        {"confirming": user, "error": error},
        status=400 if error else 200,
    )


@require_POST
@login_required
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.email_confirmed_at is None:
        actions.send_email_confirmation(user)
        messages.success(
            request, _("We have sent a new link to %(email)s.") % {"email": user.email}
        )
    return redirect("web:account")
