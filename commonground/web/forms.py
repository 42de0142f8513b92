from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area, Organisation, Theme, User
from commonground.core.tasks import send_account_email
from commonground.presentation.forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    username = forms.EmailField(label=_("Email address"), max_length=254)
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)

    error_messages = {
        "invalid_login": _("Enter a correct email address and password."),
        "inactive": _("This account has been switched off."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")


class ResetPasswordForm(GovukFormMixin, PasswordResetForm):
    """Django's reset, with the email sent as a background task in the account's language."""

    email = forms.EmailField(label=_("Email address"), max_length=254)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user: User = context["user"]
        with translation.override(user.preferred_language):
            path = reverse(
                "web:password-reset-confirm",
                kwargs={"uidb64": context["uid"], "token": context["token"]},
            )
        send_account_email.enqueue(
            user.pk,
            "core/email/password_reset.txt",
            {
                "email": to_email,
                "reset_url": f"{context['protocol']}://{context['domain']}{path}",
            },
        )


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    """Choosing a new password from a reset link."""


class OrganisationFilterForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.in_wales(),
        required=False,
        empty_label=_("Any area"),
        to_field_name="slug",
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any kind")), *Organisation.Kind.choices],
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Any theme"),
        to_field_name="slug",
    )
