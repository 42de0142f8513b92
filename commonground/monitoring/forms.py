"""Input for programme monitoring, in the reader's language."""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area, Organisation
from commonground.monitoring import logic_model
from commonground.monitoring.capture import CAPTURABLE
from commonground.monitoring.models import CaptureRule, Evidence, Indicator, Programme
from commonground.presentation.forms import GovukFormMixin

MAX_UPLOAD = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date_field(label: Any, required: bool = False) -> forms.DateField:
    field = forms.DateField(label=label, required=required, widget=DateInput())
    field.error_messages["invalid"] = _("Enter ‘%(label)s’ as a real date, like 2026-04-01.") % {
        "label": label
    }
    return field


def _read(upload: Any) -> bytes:
    if upload.size > MAX_UPLOAD:
        raise forms.ValidationError(_("The file must be smaller than 5 MB."))
    return bytes(upload.read())


class LogicModelForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Logic model (JSON)"),
        help_text=_("In the format docs/monitoring.md describes, as export_logic_model writes it."),
    )

    def clean_file(self) -> logic_model.ParsedModel:
        try:
            document = json.loads(_read(self.cleaned_data["file"]).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise forms.ValidationError(_("The file is not JSON text.")) from None
        try:
            return logic_model.parse(document)
        except logic_model.LogicModelError as exc:
            raise forms.ValidationError(exc.problems) from None


class EvidenceUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Evidence records (CSV)"),
        help_text=_(
            "Columns: programme, indicator, date, area, delivery_partner, organisation_id, "
            "person_ref, quantity, status, reason, source_ref."
        ),
    )

    def clean_file(self) -> bytes:
        return _read(self.cleaned_data["file"])


class StatusForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=Evidence.Status.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the record's history: why it counts, or why it does not."),
    )


class ReportForm(GovukFormMixin, forms.Form):
    by = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[
            ("", _("Whole programme")),
            ("area", _("Area")),
            ("partner", _("Delivery partner")),
            ("area,partner", _("Area and delivery partner")),
        ],
    )
    start = _date_field(_("From"))
    end = _date_field(_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must be on or after the start."))
        return data


class RuleForm(GovukFormMixin, forms.ModelForm[CaptureRule]):
    event_type = forms.ChoiceField(label=_("When"), choices=list(CAPTURABLE.items()))
    conditions = forms.CharField(
        label=_("Conditions (JSON)"),
        required=False,
        help_text=_('For example {"kind": "training"}. Leave empty to count every such event.'),
    )
    status = forms.ChoiceField(label=_("Status given"), choices=Evidence.Status.choices)

    class Meta:
        model = CaptureRule
        fields = ["event_type", "indicator", "conditions", "quantity_field", "status", "active"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["indicator"]
        field.queryset = Indicator.objects.filter(programme=programme)
        self.instance.programme = programme
        if self.instance.pk:
            self.initial["conditions"] = json.dumps(self.instance.conditions)

    def clean_conditions(self) -> dict[str, Any]:
        text = self.cleaned_data.get("conditions") or ""
        if not text.strip():
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            raise forms.ValidationError(
                _('Give the conditions as a JSON object, like {"kind": "training"}.')
            ) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _('Give the conditions as a JSON object, like {"kind": "training"}.')
            )
        return value


class EvidenceForm(GovukFormMixin, forms.Form):
    """Staff enter one evidence record by hand."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    date = _date_field(_("Date"), required=True)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    delivery_partner = forms.ModelChoiceField(
        label=_("Delivery partner"), queryset=Organisation.objects.none(), required=False
    )
    organisation_ref = forms.CharField(
        label=_("Organisation (org id)"),
        required=False,
        max_length=80,
        help_text=_("For example GB-CHC-1094512, for an organisation trained or supported."),
    )
    person_ref = forms.CharField(
        label=_("Person reference"),
        required=False,
        max_length=80,
        help_text=_("A pseudonymous reference, never a name."),
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, initial=1)
    status = forms.ChoiceField(
        label=_("Status"), choices=Evidence.Status.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the record is in the pipeline or not eligible."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["indicator"].queryset = programme.indicators.all()
        areas = programme.areas.all()
        fields["area"].queryset = areas if areas.exists() else Area.objects.all()
        fields["delivery_partner"].queryset = programme.delivery_partners.all()

    def data_for(self) -> Any:
        from commonground.monitoring.actions import EvidenceData

        d = self.cleaned_data
        return EvidenceData(
            indicator=d["indicator"],
            date=d["date"],
            status=d["status"],
            quantity=d["quantity"],
            area=d["area"],
            delivery_partner=d["delivery_partner"],
            organisation_ref=d["organisation_ref"],
            person_ref=d["person_ref"],
            reason=d["reason"],
        )
