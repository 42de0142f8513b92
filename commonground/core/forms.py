"""Input validation for core records, with messages in the user's language."""

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core import identifiers
from commonground.core.models import Affiliation, Membership, Organisation, User
from commonground.presentation.forms import GovukFormMixin


class OrganisationForm(GovukFormMixin, forms.ModelForm[Organisation]):
    """What an organisation's admins (and infrastructure staff) may edit."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name_en",
            "name_cy",
            "identifier",
            "legal_form",
            "description_en",
            "description_cy",
            "income_band",
            "themes",
            "beneficiary_groups",
            "areas_served",
            "welsh_language",
            "constituted",
            "founded_on",
            "website",
            "email",
            "phone",
            "postcode",
            "public_listing",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "beneficiary_groups": forms.CheckboxSelectMultiple,
            "areas_served": forms.CheckboxSelectMultiple,
            "welsh_language": forms.RadioSelect,
            "legal_form": forms.Select,
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_cy": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_identifier(self) -> str | None:
        value = self.cleaned_data.get("identifier")
        if not value:
            return None
        try:
            return identifiers.validate(value)
        except identifiers.InvalidIdentifier as exc:
            raise forms.ValidationError(str(exc), code="invalid_identifier") from exc

    def clean_founded_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("founded_on")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(_("The date founded must be today or in the past."))
        return value

    def changes(self) -> dict[str, Any]:
        """The cleaned values, ready for ``actions.update_organisation``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PreferredLanguageForm(GovukFormMixin, forms.Form):
    preferred_language = forms.ChoiceField(
        label=_("Which language should we use for pages and emails?"),
        choices=User.Language.choices,
        widget=forms.RadioSelect,
    )


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show an action's ``ValidationError`` on ``form``: on its field where it names one of
    the form's fields, otherwise at the top (the error summary lists both)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class SignUpForm(GovukFormMixin, forms.ModelForm[Organisation]):
    """An organisation's own registration: its details, its contact, and the membership it
    asks its area's infrastructure body for."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    engagement_level = forms.ChoiceField(
        label=_("How would you like to take part?"),
        choices=Membership.EngagementLevel.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Information only: news and digests. Consultation: you also vote in elections. "
            "Eligible to represent: you can also stand for seats on partnership boards."
        ),
    )
    contact_given_name = forms.CharField(label=_("Your given name"), max_length=100)
    contact_family_name = forms.CharField(label=_("Your family name"), max_length=100)
    contact_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("You sign in with this address and become the organisation's admin."),
    )
    contact_password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput,
        help_text=_("At least 8 characters, not a common password."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name_en",
            "name_cy",
            "identifier",
            "legal_form",
            "description_en",
            "description_cy",
            "area",
            "areas_served",
            "themes",
            "welsh_language",
            "constituted",
            "website",
            "email",
            "phone",
            "postcode",
            "public_listing",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "areas_served": forms.CheckboxSelectMultiple,
            "welsh_language": forms.RadioSelect,
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_cy": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        legal_form = self.fields["legal_form"]
        assert isinstance(legal_form, forms.ChoiceField)
        legal_form.choices = [
            c for c in Organisation.LegalForm.choices if c[0] != Organisation.LegalForm.STATUTORY
        ]

    clean_identifier = OrganisationForm.clean_identifier

    def clean_contact_password(self) -> str:
        password: str = self.cleaned_data["contact_password"]
        validate_password(password)
        return password

    def organisation_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def contact(self) -> dict[str, str]:
        return {
            "given_name": self.cleaned_data["contact_given_name"],
            "family_name": self.cleaned_data["contact_family_name"],
            "email": self.cleaned_data["contact_email"],
            "password": self.cleaned_data["contact_password"],
        }


class DeclineForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the application declined?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("We send this to the organisation's admin."),
    )


class JoinRequestForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(
        label=_("How are you involved?"), choices=Affiliation.Role.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Message to the organisation's admins (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
