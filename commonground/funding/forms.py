"""Input for funding agreements and the full cost recovery calculator, in the reader's language."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area, Organisation, Theme
from commonground.funding.actions import PlannedPayment
from commonground.funding.fcr import Basis, DirectCost, Overhead
from commonground.funding.models import Agreement, Instalment
from commonground.funding.opportunities import deliverable_opportunities
from commonground.presentation.forms import GovukFormMixin

INSTALMENT_ROWS = 4
DIRECT_ROWS = 5
OVERHEAD_ROWS = 6

BASIS_CHOICES = [
    (Basis.STAFF_TIME.value, _("Staff time (hours)")),
    (Basis.FLOOR_AREA.value, _("Floor area (square metres)")),
    (Basis.HEADCOUNT.value, _("Headcount (people)")),
    (Basis.SPEND.value, _("Spend (pounds)")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date_field(label: Any, required: bool = True) -> forms.DateField:
    field = forms.DateField(label=label, required=required, widget=DateInput())
    field.error_messages["invalid"] = _("Enter ‘%(label)s’ as a real date, like 2026-04-01.") % {
        "label": label
    }
    return field


def _money_field(label: Any, required: bool = True) -> forms.DecimalField:
    field = forms.DecimalField(
        label=label, required=required, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    field.error_messages["invalid"] = _(
        "Enter ‘%(label)s’ in pounds, like 1250 or 1250.50, without commas or £."
    ) % {"label": label}
    field.error_messages["min_value"] = _("‘%(label)s’ cannot be less than zero.") % {
        "label": label
    }
    field.error_messages["max_decimal_places"] = _("Enter ‘%(label)s’ to the nearest penny.") % {
        "label": label
    }
    return field


def to_pence(pounds: Decimal) -> int:
    return int(pounds * 100)


def _instalment_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for n in range(1, INSTALMENT_ROWS + 1):
        fields[f"instalment_{n}_due"] = _date_field(
            _("Instalment %(n)d: due on") % {"n": n}, required=False
        )
        fields[f"instalment_{n}_amount"] = _money_field(
            _("Instalment %(n)d: amount (£)") % {"n": n}, required=False
        )
        fields[f"instalment_{n}_timing"] = forms.ChoiceField(
            label=_("Instalment %(n)d: paid") % {"n": n},
            choices=Instalment.Timing.choices,
            required=False,
        )
    return fields


class _AgreementFields(GovukFormMixin, forms.Form):
    opportunity = forms.ModelChoiceField(
        queryset=deliverable_opportunities([]),
        label=_("Commissioning opportunity"),
        required=False,
        help_text=_("If this agreement delivers an opportunity you awarded, choose it."),
    )
    funder = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Funder"))
    directorate = forms.CharField(
        label=_("Directorate or department"), max_length=200, required=False
    )
    reference = forms.CharField(
        label=_("Your reference"),
        max_length=100,
        help_text=_("It makes the 360Giving identifier, so it must be new for this funder."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("What it pays for"), widget=forms.Textarea)
    recipient = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.THIRD_SECTOR),
        label=_("Recipient organisation"),
    )
    programme_title = forms.CharField(label=_("Programme"), max_length=300, required=False)
    mode = forms.ChoiceField(
        label=_("Mode"), choices=Agreement.Mode.choices, widget=forms.RadioSelect
    )
    amount = _money_field(_("Amount (£)"))
    award_date = _date_field(_("Award date"))
    planned_start = _date_field(_("Starts"))
    planned_end = _date_field(_("Ends"))
    notice_days = forms.IntegerField(
        label=_("Notice period (days)"),
        min_value=0,
        max_value=3650,
        help_text=_("How much notice the funder gives before ending or reducing it."),
    )
    fcr_allowed = forms.TypedChoiceField(
        label=_("Full cost recovery allowed?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    overhead_percent = forms.DecimalField(
        label=_("Overhead share (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        required=False,
    )
    monitoring_frequency = forms.ChoiceField(
        label=_("Monitoring"), choices=Agreement.Frequency.choices
    )
    monitoring_requirements = forms.CharField(
        label=_("Monitoring requirements"), widget=forms.Textarea, required=False
    )
    area = forms.ModelChoiceField(queryset=Area.objects.all(), label=_("Area of benefit"))
    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), label=_("Theme"), required=False)
    published = forms.BooleanField(
        label=_("Publish this agreement (public pages and 360Giving data)"), required=False
    )

    def __init__(self, *args: Any, funders: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[f.pk for f in funders]
        )
        self.fields["opportunity"].queryset = deliverable_opportunities(funders)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, INSTALMENT_ROWS + 1):
            due, amount = data.get(f"instalment_{n}_due"), data.get(f"instalment_{n}_amount")
            if (due is None) != (amount is None):
                self.add_error(
                    f"instalment_{n}_amount" if due else f"instalment_{n}_due",
                    _("Give both the date and the amount of instalment %(n)d.") % {"n": n},
                )
        return data

    def payments(self) -> list[PlannedPayment]:
        out = []
        for n in range(1, INSTALMENT_ROWS + 1):
            due: date | None = self.cleaned_data.get(f"instalment_{n}_due")
            amount: Decimal | None = self.cleaned_data.get(f"instalment_{n}_amount")
            if due is not None and amount is not None:
                timing = self.cleaned_data.get(f"instalment_{n}_timing") or "arrears"
                out.append(PlannedPayment(due, to_pence(amount), timing))
        return out

    def agreement_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "opportunity": d["opportunity"],
            "funder": d["funder"],
            "directorate": d["directorate"],
            "reference": d["reference"],
            "title": d["title"],
            "description": d["description"],
            "recipient": d["recipient"],
            "programme_title": d["programme_title"],
            "mode": d["mode"],
            "amount_pence": to_pence(d["amount"]),
            "award_date": d["award_date"],
            "planned_start": d["planned_start"].isoformat(),
            "planned_end": d["planned_end"].isoformat(),
            "notice_days": d["notice_days"],
            "fcr_allowed": d["fcr_allowed"],
            "overhead_percent": d["overhead_percent"],
            "monitoring_frequency": d["monitoring_frequency"],
            "monitoring_requirements": d["monitoring_requirements"],
            "area": d["area"],
            "theme": d["theme"],
            "published": d["published"],
        }


AgreementForm = type("AgreementForm", (_AgreementFields,), _instalment_fields())


class SignForm(GovukFormMixin, forms.Form):
    signed_on = _date_field(_("Signed on"))


class NoticeForm(GovukFormMixin, forms.Form):
    given_on = _date_field(_("Notice given on"))
    ends_on = _date_field(_("The agreement ends on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class EndForm(GovukFormMixin, forms.Form):
    ended_on = _date_field(_("Ended on"))


class VaryForm(GovukFormMixin, forms.Form):
    varied_on = _date_field(_("Varied on"))
    amount = _money_field(_("New amount (£)"), required=False)
    planned_end = _date_field(_("New end date"), required=False)
    notice_days = forms.IntegerField(
        label=_("New notice period (days)"), min_value=0, max_value=3650, required=False
    )
    reason = forms.CharField(label=_("Reason for the variation"), widget=forms.Textarea)

    def changes(self) -> dict[str, Any]:
        d = self.cleaned_data
        out: dict[str, Any] = {}
        if d.get("amount") is not None:
            out["amount_pence"] = to_pence(d["amount"])
        if d.get("planned_end") is not None:
            out["planned_end"] = d["planned_end"].isoformat()
        if d.get("notice_days") is not None:
            out["notice_days"] = d["notice_days"]
        return out


def _calculator_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for n in range(1, DIRECT_ROWS + 1):
        fields[f"direct_{n}_name"] = forms.CharField(
            label=_("Direct cost %(n)d") % {"n": n}, max_length=100, required=False
        )
        fields[f"direct_{n}_amount"] = _money_field(
            _("Direct cost %(n)d: amount (£)") % {"n": n}, required=False
        )
    for n in range(1, OVERHEAD_ROWS + 1):
        fields[f"overhead_{n}_name"] = forms.CharField(
            label=_("Overhead %(n)d") % {"n": n}, max_length=100, required=False
        )
        fields[f"overhead_{n}_amount"] = _money_field(
            _("Overhead %(n)d: annual cost (£)") % {"n": n}, required=False
        )
        fields[f"overhead_{n}_basis"] = forms.ChoiceField(
            label=_("Overhead %(n)d: shared out by") % {"n": n},
            choices=[("", _("Choose a basis")), *BASIS_CHOICES],
            required=False,
        )
        for part, label in (
            ("project", _("Overhead %(n)d: this work's quantity")),
            ("total", _("Overhead %(n)d: the organisation's total")),
        ):
            field = forms.DecimalField(
                label=label % {"n": n}, min_value=Decimal(0), max_digits=14, required=False
            )
            field.error_messages["invalid"] = _("Enter a number, like 20 or 7.5.")
            fields[f"overhead_{n}_{part}"] = field
    return fields


class _CalculatorBase(GovukFormMixin, forms.Form):
    """Direct costs and overheads, each overhead with its basis and the two quantities."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, DIRECT_ROWS + 1):
            if data.get(f"direct_{n}_amount") is not None and not data.get(f"direct_{n}_name"):
                self.add_error(f"direct_{n}_name", _("Name this cost."))
        for n in range(1, OVERHEAD_ROWS + 1):
            parts = [data.get(f"overhead_{n}_{p}") for p in ("amount", "project", "total")]
            named = bool(data.get(f"overhead_{n}_name"))
            if not named and all(p is None for p in parts):
                continue
            if not named:
                self.add_error(f"overhead_{n}_name", _("Name this overhead."))
            for part, value in zip(("amount", "project", "total"), parts, strict=True):
                if value is None:
                    self.add_error(f"overhead_{n}_{part}", _("Enter a value for this overhead."))
            if not data.get(f"overhead_{n}_basis"):
                self.add_error(f"overhead_{n}_basis", _("Choose how this overhead is shared out."))
            total = data.get(f"overhead_{n}_total")
            if total is not None and total <= 0:
                self.add_error(
                    f"overhead_{n}_total", _("The organisation's total must be more than zero.")
                )
            project = data.get(f"overhead_{n}_project")
            if project is not None and total is not None and project > total:
                self.add_error(
                    f"overhead_{n}_project",
                    _("This work's quantity cannot be more than the organisation's total."),
                )
        return data

    def costs(self) -> tuple[list[DirectCost], list[Overhead]]:
        d = self.cleaned_data
        direct = [
            DirectCost(d[f"direct_{n}_name"], to_pence(d[f"direct_{n}_amount"]))
            for n in range(1, DIRECT_ROWS + 1)
            if d.get(f"direct_{n}_amount") is not None
        ]
        overheads = [
            Overhead(
                d[f"overhead_{n}_name"],
                to_pence(d[f"overhead_{n}_amount"]),
                Basis(d[f"overhead_{n}_basis"]),
                d[f"overhead_{n}_project"],
                d[f"overhead_{n}_total"],
            )
            for n in range(1, OVERHEAD_ROWS + 1)
            if d.get(f"overhead_{n}_name")
        ]
        return direct, overheads


CalculatorForm = type("CalculatorForm", (_CalculatorBase,), _calculator_fields())
