"""Input validation for core records, with messages in the user's language."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core import identifiers
from commonground.core.models import Organisation, User


class GovukFormMixin:
    """Field messages written for people, naming the field, in the active language."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = field.label or ""
            field.error_messages["required"] = _("Enter a value for ‘%(label)s’.") % {
                "label": label
            }
            if isinstance(field, forms.ChoiceField):
                field.error_messages["required"] = _("Select an option for ‘%(label)s’.") % {
                    "label": label
                }
                field.error_messages["invalid_choice"] = _(
                    "Select a valid option for ‘%(label)s’."
                ) % {"label": label}
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = _(
                    "‘%(label)s’ must be %(limit)d characters or fewer."
                ) % {"label": label, "limit": field.max_length}
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = _(
                    "Enter an email address in the correct format, like name@example.org."
                )
            if isinstance(field, forms.URLField):
                field.error_messages["invalid"] = _(
                    "Enter a web address in the correct format, like https://www.example.org."
                )
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _(
                    "Enter ‘%(label)s’ as a real date, like 2019-03-27."
                ) % {"label": label}


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
