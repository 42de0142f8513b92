from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from commonground.core.forms import GovukFormMixin
from commonground.core.models import Area, Organisation, Theme


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


class OrganisationFilterForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.all(),
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
