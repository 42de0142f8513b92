"""Input for plans, actions, report cards, values and government requests, with messages in
the reader's language."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Organisation, Person
from commonground.partnerships.forms import DateInput
from commonground.partnerships.models import Meeting, PartnershipBody
from commonground.planning.importer import ValueRow
from commonground.planning.models import (
    Action,
    Candidate,
    GovernmentRequest,
    Measure,
    Plan,
    Priority,
    ReportCard,
)
from commonground.presentation.forms import GovukFormMixin


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    return cast(forms.ModelChoiceField[Any], form.fields[name])


def _dates(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        field.widget = DateInput()
        field.error_messages["invalid"] = _(
            "Enter ‘%(label)s’ as a real date, like 2026-04-01."
        ) % {"label": field.label}


class _Fields:
    def record(self) -> dict[str, Any]:
        form = cast(forms.ModelForm[Any], self)
        return {name: form.cleaned_data[name] for name in form._meta.fields or []}


class PlanForm(_Fields, GovukFormMixin, forms.ModelForm[Plan]):
    class Meta:
        model = Plan
        fields = [
            "kind",
            "title_en",
            "title_cy",
            "summary_en",
            "summary_cy",
            "starts_on",
            "ends_on",
        ]
        widgets = {"kind": forms.RadioSelect}
        labels = {
            "kind": _("Kind of plan"),
            "starts_on": _("Period starts"),
            "ends_on": _("Period ends"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "starts_on", "ends_on")


class CandidateForm(_Fields, GovukFormMixin, forms.ModelForm[Candidate]):
    class Meta:
        model = Candidate
        fields = ["title_en", "title_cy", "evidence", "source"]
        labels = {
            "title_en": _("Candidate priority (English)"),
            "title_cy": _("Candidate priority (Welsh)"),
            "evidence": _("Evidence"),
            "source": _("Source"),
        }
        help_texts = {
            "evidence": _("The documents and indicators that show the need."),
            "source": _("Where the evidence comes from, such as the well-being assessment."),
        }


class DecisionForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Is it shortlisted?"),
        choices=[
            (Candidate.Decision.SHORTLISTED, _("Shortlisted: it becomes a priority")),
            (Candidate.Decision.NOT_SHORTLISTED, _("Not shortlisted")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=2000)


class PriorityForm(_Fields, GovukFormMixin, forms.ModelForm[Priority]):
    class Meta:
        model = Priority
        fields = ["title_en", "title_cy", "description_en", "description_cy", "outcomes"]
        widgets = {"outcomes": forms.CheckboxSelectMultiple}
        labels = {"outcomes": _("Well-being goals and outcomes")}

    def record(self) -> dict[str, Any]:
        values = super().record()
        values.pop("outcomes")
        return values


class ActionForm(_Fields, GovukFormMixin, forms.ModelForm[Action]):
    class Meta:
        model = Action
        fields = [
            "title_en",
            "title_cy",
            "owner",
            "lead",
            "due_on",
            "status",
            "delivery",
            "partners",
        ]
        widgets = {
            "status": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "partners": forms.CheckboxSelectMultiple,
        }
        labels = {
            "owner": _("Owner organisation"),
            "lead": _("Lead person"),
            "due_on": _("Due date"),
            "status": _("Status"),
            "delivery": _("Delivered"),
            "partners": _("Partners"),
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "due_on")
        _choice(self, "owner").queryset = organisations
        _choice(self, "owner").empty_label = str(_("Select an organisation"))
        _choice(self, "partners").queryset = organisations
        people = Person.objects.filter(affiliations__organisation__in=organisations).distinct()
        _choice(self, "lead").queryset = people.order_by("family_name", "given_name")
        _choice(self, "lead").empty_label = str(_("No one named yet"))

    def record(self) -> dict[str, Any]:
        values = super().record()
        values.pop("partners")
        return values


class ProgressForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status now"), choices=Action.Status.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea, max_length=4000)


class CardForm(_Fields, GovukFormMixin, forms.ModelForm[ReportCard]):
    class Meta:
        model = ReportCard
        fields = ["kind", "title_en", "title_cy", "population_en", "population_cy", "published"]
        widgets = {"kind": forms.RadioSelect}
        labels = {
            "kind": _("Kind of report card"),
            "title_en": _("Result or programme (English)"),
            "title_cy": _("Result or programme (Welsh)"),
            "published": _("Publish it: anyone can read it"),
        }
        help_texts = {
            "title_en": _(
                "A population result is a condition of well-being, such as ‘Children are healthy’."
            ),
        }


class MeasureForm(_Fields, GovukFormMixin, forms.ModelForm[Measure]):
    class Meta:
        model = Measure
        fields = [
            "question",
            "title_en",
            "title_cy",
            "unit",
            "is_percentage",
            "polarity",
            "frequency",
            "baseline_period",
            "baseline_value",
            "data_source",
            "story_en",
            "story_cy",
            "partners_en",
            "partners_cy",
            "what_works_en",
            "what_works_cy",
            "plan_actions",
        ]
        widgets = {
            "question": forms.RadioSelect,
            "polarity": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "plan_actions": forms.CheckboxSelectMultiple,
        }
        labels = {
            "question": _("Which question does it answer?"),
            "is_percentage": _("It is a percentage with a numerator and a denominator"),
            "polarity": _("Polarity"),
            "frequency": _("Reporting frequency"),
            "baseline_period": _("Baseline period"),
            "baseline_value": _("Baseline value"),
            "data_source": _("Data source"),
            "unit": _("Unit"),
            "plan_actions": _("Action plan: the plan’s actions that turn this curve"),
        }
        help_texts = {
            "baseline_period": _(
                "Like 2024 for a year, 2024-Q1 for a quarter, 2024-03 for a month."
            ),
        }

    def __init__(
        self, *args: Any, card: ReportCard, actions: QuerySet[Action], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "plan_actions").queryset = actions
        field = cast(forms.ChoiceField, self.fields["question"])
        if card.kind == ReportCard.Kind.POPULATION:
            field.choices = [(Measure.Question.POPULATION, Measure.Question.POPULATION.label)]
            field.initial = Measure.Question.POPULATION
        else:
            field.choices = [c for c in Measure.Question.choices if c[0] != "population"]
        self.fields["baseline_value"].error_messages["invalid"] = _(
            "Enter the baseline value as a number, like 42 or 12.5."
        )

    def record(self) -> dict[str, Any]:
        values = super().record()
        values.pop("plan_actions")
        return values


def _number(label: Any) -> forms.DecimalField:
    field = forms.DecimalField(label=label, required=False, max_digits=14, decimal_places=2)
    field.error_messages["invalid"] = _("Enter ‘%(label)s’ as a number, like 42 or 12.5.") % {
        "label": label
    }
    return field


class ValueForm(GovukFormMixin, forms.Form):
    period = forms.CharField(label=_("Period"), max_length=10)
    actual = _number(_("Actual"))
    target = _number(_("Target"))
    forecast = _number(_("Forecast"))
    numerator = _number(_("Numerator"))
    denominator = _number(_("Denominator"))

    def row(self) -> ValueRow:
        data = self.cleaned_data
        values: dict[str, Decimal | None] = {
            name: data[name]
            for name in ("actual", "target", "forecast", "numerator", "denominator")
        }
        return ValueRow(data["period"], **values)


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: indicator, period, actual, target, forecast, numerator, denominator."
        ),
    )

    def text(self) -> str:
        data = self.cleaned_data["file"].read()
        try:
            return str(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be a CSV saved as UTF-8.")) from None


class RequestForm(_Fields, GovukFormMixin, forms.ModelForm[GovernmentRequest]):
    class Meta:
        model = GovernmentRequest
        fields = ["kind", "title", "sender", "received_on", "owner", "due_on"]
        widgets = {"kind": forms.RadioSelect}
        labels = {
            "kind": _("Kind of request"),
            "title": _("Subject"),
            "sender": _("Sender"),
            "received_on": _("Date received"),
            "owner": _("Owner"),
            "due_on": _("Due date"),
        }

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "received_on", "due_on")
        _choice(self, "owner").queryset = organisations
        _choice(self, "owner").empty_label = str(_("Select an organisation"))


class AnswerForm(GovukFormMixin, forms.Form):
    response = forms.CharField(label=_("Response"), widget=forms.Textarea, max_length=4000)
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput())


class AttachForm(GovukFormMixin, forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, body: PartnershipBody, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = body.meetings.filter(status=Meeting.Status.SCHEDULED).order_by("starts_at")
        _choice(self, "meeting").queryset = meetings
        first = meetings.first()
        if first is not None:
            self.fields["meeting"].initial = first.pk


class AsOfForm(GovukFormMixin, forms.Form):
    on = forms.DateField(label=_("Report as at"), widget=DateInput())
