"""Input validation for directory pages, with messages in the user's language."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area, Theme
from commonground.directory import postcodes
from commonground.directory.models import SERVICE_FIELDS, Service, TaxonomyTerm
from commonground.presentation.forms import GovukFormMixin

DAY_CHOICES = [
    ("", _("Any day")),
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]
SORT_CHOICES = [("relevance", _("Relevance")), ("name", _("Name")), ("distance", _("Distance"))]
RADIUS_CHOICES = [
    ("", _("Any distance")),
    ("2", _("2 km")),
    ("5", _("5 km")),
    ("10", _("10 km")),
    ("25", _("25 km")),
]


class SearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label=_("Search for a service"), required=False, max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any theme"),
    )
    term = forms.ModelChoiceField(
        label=_("Type of service"),
        queryset=TaxonomyTerm.objects.all(),
        required=False,
        empty_label=_("Any type"),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.in_wales(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any area"),
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    radius = forms.ChoiceField(
        label=_("Distance from postcode"), choices=RADIUS_CHOICES, required=False
    )
    age = forms.IntegerField(
        label=_("Age of the person"), required=False, min_value=0, max_value=120
    )
    day = forms.ChoiceField(label=_("Open on"), choices=DAY_CHOICES, required=False)
    time = forms.TimeField(label=_("Open at (for example 14:30)"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["age"].error_messages["invalid"] = _(
            "Enter the age as a whole number, like 42."
        )
        self.fields["age"].error_messages["min_value"] = _("The age must be 0 or more.")
        self.fields["age"].error_messages["max_value"] = _("The age must be 120 or less.")
        self.fields["time"].error_messages["invalid"] = _("Enter a time like 09:30 or 14:00.")
        self.point: tuple[float, float] | None = None

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode") or ""
        if not value.strip():
            return ""
        try:
            compact = postcodes.normalise(value)
        except postcodes.InvalidPostcode:
            raise forms.ValidationError(
                _("Enter a real postcode, like SY23 1AA."), code="invalid"
            ) from None
        self.point = postcodes.locate(compact)
        if self.point is None:
            raise forms.ValidationError(
                _("We do not know where that postcode is. Check it, or search without it."),
                code="unknown",
            )
        return postcodes.display(compact)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("radius") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", _("Enter a postcode to search by distance."))
        if (
            data.get("sort") == "distance"
            and not data.get("postcode")
            and "postcode" not in self.errors
        ):
            self.add_error("postcode", _("Enter a postcode to sort by distance."))
        return data


class ServiceForm(GovukFormMixin, forms.ModelForm[Service]):
    """What an organisation's admins edit, and what others may suggest changing."""

    url = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    terms = forms.ModelMultipleChoiceField(
        label=_("Types of service"),
        queryset=TaxonomyTerm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = [*SERVICE_FIELDS, "themes"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_cy": forms.Textarea(attrs={"rows": 5}),
            "fees": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "maximum_age",
                _("The maximum age must be the same as or more than the minimum age."),
            )
        return data

    def changes(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["terms"] = list(self.cleaned_data["terms"])
        return {
            k: ("" if v is None and k not in ("minimum_age", "maximum_age") else v)
            for k, v in data.items()
        }


class SuggestionForm(ServiceForm):
    note = forms.CharField(
        label=_("Why should this change? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(GovukFormMixin, forms.Form):
    FORMATS = [
        ("oruk_json", _("Open Referral UK JSON")),
        ("oruk_csv", _("Open Referral UK CSV data package (zip)")),
        ("charity_commission", _("Charity Commission register extract")),
    ]
    format = forms.ChoiceField(label=_("File format"), choices=FORMATS, widget=forms.RadioSelect)
    area = forms.ModelChoiceField(
        label=_("Home area for new organisations"),
        queryset=Area.objects.in_wales(),
        to_field_name="slug",
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = _("Choose a file to import.")
        self.fields["file"].error_messages["empty"] = _("The file is empty.")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.DIRECTORY_IMPORT_MAX_UPLOAD_MB
        if upload.size > limit * 2**20:
            raise forms.ValidationError(
                _("The file must be %(limit)s MB or smaller. Split it into smaller files.")
                % {"limit": limit}
            )
        return upload
