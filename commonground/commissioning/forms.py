"""Forms for commissioners, organisations and staff. Money is typed in pounds, kept in pence."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.commissioning.models import BidSupport, Lot, Opportunity
from commonground.commissioning.principles import PRINCIPLES
from commonground.core.models import Area, Organisation, Theme
from commonground.presentation.forms import GovukFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def pounds_field(label: Any, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        help_text=_("In pounds, for example 45000."),
    )


def _pence(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


class OpportunityForm(GovukFormMixin, forms.ModelForm[Opportunity]):
    estimated_value = pounds_field(_("Estimated value"))
    areas = forms.ModelMultipleChoiceField(
        Area.objects.in_wales().order_by("name_en"), label=_("Areas"), widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.order_by("name_en"),
        label=_("Themes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Opportunity
        fields = [
            "buyer",
            "title_en",
            "title_cy",
            "description_en",
            "description_cy",
            "route",
            "planned_publication",
            "tender_deadline",
            "award_date",
            "contract_start",
            "contract_end",
            "extension_months",
        ]
        widgets = {
            name: DateInput()
            for name in [
                "planned_publication",
                "tender_deadline",
                "award_date",
                "contract_start",
                "contract_end",
            ]
        }

    def __init__(self, *args: Any, buyers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if buyers is not None:
            self.fields["buyer"].queryset = buyers  # type: ignore[attr-defined]
        if self.instance.pk:
            value = self.instance.estimated_value_pence
            self.fields["estimated_value"].initial = None if value is None else Decimal(value) / 100
            self.fields["areas"].initial = list(self.instance.areas.all())
            self.fields["themes"].initial = list(self.instance.themes.all())

    def data_for_action(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["estimated_value_pence"] = _pence(self.cleaned_data.get("estimated_value"))
        return data


class ChecklistForm(GovukFormMixin, forms.Form):
    principles = forms.TypedMultipleChoiceField(
        label=_("Principles of good commissioning met"),
        choices=[(n, f"{n}. {text}") for n, text in PRINCIPLES.items()],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note_en = forms.CharField(
        label=_("How the principles were met (English)"), widget=forms.Textarea, required=False
    )
    note_cy = forms.CharField(
        label=_("How the principles were met (Welsh)"), widget=forms.Textarea, required=False
    )


class StageForm(GovukFormMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=Opportunity.Stage.choices)


class LotForm(GovukFormMixin, forms.ModelForm[Lot]):
    value = pounds_field(_("Value"))

    class Meta:
        model = Lot
        fields = ["reference", "title_en", "title_cy", "description_en", "description_cy"]

    def data_for_action(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["value_pence"] = _pence(self.cleaned_data.get("value"))
        return data


def _choose(queryset: Any, label: Any, **kwargs: Any) -> forms.ModelChoiceField:
    """A select of organisations; views give the ones the user may act for."""
    return forms.ModelChoiceField(queryset, label=label, **kwargs)


class PartnerSearchForm(GovukFormMixin, forms.Form):
    organisation = _choose(Organisation.objects.none(), _("Organisation"), empty_label=None)
    lot = _choose(Lot.objects.none(), _("Lot"), required=False, empty_label=_("The whole opportunity"))
    offers = forms.CharField(label=_("What we bring"), max_length=2000, widget=forms.Textarea)
    needs = forms.CharField(
        label=_("What we need from partners"), max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args: Any, organisations: Any, lots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["lot"].queryset = lots  # type: ignore[attr-defined]


class ConsortiumForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the consortium"), max_length=200)
    lead = _choose(Organisation.objects.none(), _("Lead organisation"), empty_label=None)
    partners = forms.ModelMultipleChoiceField(
        Organisation.objects.none(), label=_("Partners"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, leads: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]


class MemberForm(GovukFormMixin, forms.Form):
    organisation = _choose(Organisation.objects.none(), _("Organisation"))
    role = forms.CharField(label=_("Role in the consortium"), max_length=200)
    share_percent = forms.DecimalField(
        label=_("Share (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        required=False,
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class AnswerForm(GovukFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Will your organisation join this consortium?"),
        choices=[("accept", _("Yes, we accept")), ("decline", _("No, we decline"))],
        widget=forms.RadioSelect,
    )


class AgreementForm(GovukFormMixin, forms.Form):
    signed_on = forms.DateField(label=_("Date signed"), widget=DateInput())
    statement = forms.CharField(
        label=_("Statement agreed by the members"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Or upload the signed document below."),
    )
    document = forms.FileField(label=_("Signed agreement"), required=False)


class OcdsUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("OCDS release package (JSON)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )


class LinkSupplierForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name_en"), label=_("Organisation in the directory")
    )


class BidSupportForm(GovukFormMixin, forms.ModelForm[BidSupport]):
    class Meta:
        model = BidSupport
        fields = [
            "organisation",
            "opportunity",
            "requested_on",
            "request",
            "kind",
            "hours",
            "support_given",
            "outcome",
        ]
        widgets = {"requested_on": DateInput(), "kind": forms.RadioSelect}

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            area=area
        ).exclude(kind=Organisation.Kind.PUBLIC_BODY).order_by("name_en")
        self.fields["opportunity"].queryset = Opportunity.objects.filter(areas=area).order_by(  # type: ignore[attr-defined]
            "title_en"
        )


class OutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=BidSupport.Outcome.choices)
