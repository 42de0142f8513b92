"""Input validation for engagement pages, with messages in the user's language."""

from datetime import date, datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area, Organisation, Theme
from commonground.engagement import principles
from commonground.engagement.models import (
    Bulletin,
    Consultation,
    ConsultationDocument,
    Event,
    EventMaterial,
    Question,
    Subscription,
)
from commonground.presentation.forms import GovukFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def _organisation_field(queryset: QuerySet[Organisation], label: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=queryset, empty_label=None)


class BulletinForm(GovukFormMixin, forms.ModelForm[Bulletin]):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = _organisation_field(organisations, _("Published by"))
        self.order_fields(["organisation"])

    class Meta:
        model = Bulletin
        fields = [
            "title_en",
            "title_cy",
            "summary_en",
            "summary_cy",
            "body_en",
            "body_cy",
            "link",
            "themes",
            "areas",
            "priority",
        ]
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_cy": forms.Textarea(attrs={"rows": 3}),
            "body_en": forms.Textarea,
            "body_cy": forms.Textarea,
            "themes": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "priority": forms.RadioSelect,
        }

    def data_fields(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name not in {"themes", "areas"}
        }


class SubscriptionForm(GovukFormMixin, forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to hear about every theme."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.in_wales(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to hear about every area."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Subscription.Frequency.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=_("Language of your digest"),
        choices=[
            ("", _("The language of your account")),
            ("en", _("English, for this digest only")),
            ("cy", _("Welsh, for this digest only")),
        ],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("You choose the language of your account on the account page."),
    )


class ConsultationForm(GovukFormMixin, forms.ModelForm[Consultation]):
    def __init__(
        self, *args: Any, owners: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"] = _organisation_field(owners, _("Owner"))
            self.order_fields(["owner"])

    class Meta:
        model = Consultation
        fields = [
            "board_name",
            "title_en",
            "title_cy",
            "summary_en",
            "summary_cy",
            "themes",
            "opens_on",
            "closes_on",
            "feedback_due_on",
            "short_period_reason_en",
            "short_period_reason_cy",
        ]
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_cy": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "feedback_due_on": DateInput(),
            "short_period_reason_en": forms.Textarea(attrs={"rows": 3}),
            "short_period_reason_cy": forms.Textarea(attrs={"rows": 3}),
        }

    def data_fields(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in self.Meta.fields if n != "themes"}

    def clean_opens_on(self) -> date:
        value: date = self.cleaned_data["opens_on"]
        # A new or moved opening date cannot be in the past; an unchanged one may be.
        if "opens_on" in self.changed_data and value < timezone.localdate():
            raise forms.ValidationError(_("The opening date must be today or in the future."))
        return value


class QuestionForm(GovukFormMixin, forms.ModelForm[Question]):
    class Meta:
        model = Question
        fields = [
            "text_en",
            "text_cy",
            "kind",
            "choices_en",
            "choices_cy",
            "rating_max",
            "required",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "choices_en": forms.Textarea(attrs={"rows": 4}),
            "choices_cy": forms.Textarea(attrs={"rows": 4}),
        }


class DocumentForm(GovukFormMixin, forms.ModelForm[ConsultationDocument]):
    url = forms.URLField(label=_("web address"), assume_scheme="https")

    class Meta:
        model = ConsultationDocument
        fields = ["title_en", "title_cy", "url"]


class PrinciplesForm(GovukFormMixin, forms.Form):
    """One checkbox and one note per National Principle for Public Engagement."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in principles.PRINCIPLES:
            self.fields[f"met_{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"note_{code}"] = forms.CharField(
                label=_("How (optional)"), required=False, max_length=500
            )

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"met_{c}"], self[f"note_{c}"]) for c in principles.CODES]

    def checks(self) -> dict[str, tuple[bool, str]]:
        return {
            c: (self.cleaned_data[f"met_{c}"], self.cleaned_data[f"note_{c}"])
            for c in principles.CODES
        }


class ResponseForm(GovukFormMixin, forms.Form):
    """The questions of one consultation, plus who is responding and consent to publish."""

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        self.questions = questions
        super().__init__(*args, **kwargs)
        self.fields["responding_for"] = forms.ChoiceField(
            label=_("Who are you responding for?"),
            choices=[
                ("", _("Myself, as an individual")),
                *[(str(o.pk), str(o)) for o in organisations],
            ],
            required=False,
            widget=forms.RadioSelect,
        )
        for question in questions:
            label = f"{question.number}. {question.text}"
            name = f"q{question.pk}"
            if question.kind == Question.Kind.FREE_TEXT:
                field: forms.Field = forms.CharField(
                    label=label, required=False, widget=forms.Textarea, max_length=20000
                )
            elif question.kind == Question.Kind.MULTIPLE_CHOICE:
                field = forms.MultipleChoiceField(
                    label=label,
                    required=False,
                    choices=list(enumerate(question.choice_list())),
                    widget=forms.CheckboxSelectMultiple,
                )
            elif question.kind == Question.Kind.SINGLE_CHOICE:
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=list(enumerate(question.choice_list())),
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[(n, str(n)) for n in range(1, question.rating_max + 1)],
                    widget=forms.RadioSelect,
                    help_text=_("1 is the lowest, %(max)d the highest.")
                    % {"max": question.rating_max},
                )
            self.fields[name] = field
        self.fields["publish"] = forms.BooleanField(
            label=_("You may publish my response"),
            required=False,
            help_text=_("Published responses are shown on the consultation page after it closes."),
        )
        for name in self.fields:
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("Choose from the options given.")

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"q{q.pk}"] for q in self.questions]

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def organisation_id(self) -> int | None:
        value = self.cleaned_data.get("responding_for")
        return int(value) if value else None


class SummaryForm(GovukFormMixin, forms.Form):
    response_summary_en = forms.CharField(
        label=_("Summary of responses (English)"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Write in English, Welsh or both."),
    )
    response_summary_cy = forms.CharField(
        label=_("Summary of responses (Welsh)"), widget=forms.Textarea, required=False
    )


class FeedbackForm(GovukFormMixin, forms.Form):
    feedback_en = forms.CharField(
        label=_("You said, we did (English)"),
        widget=forms.Textarea,
        required=False,
        help_text=_(
            "What people told you, and what you did or will do as a result, in English, Welsh or both."
        ),
    )
    feedback_cy = forms.CharField(
        label=_("You said, we did (Welsh)"), widget=forms.Textarea, required=False
    )


class EventForm(GovukFormMixin, forms.ModelForm[Event]):
    # Long enough for any real description; a limit keeps a pasted essay off the page.
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea, required=False, max_length=10000
    )
    description_cy = forms.CharField(
        label=_("Description (Welsh)"), widget=forms.Textarea, required=False, max_length=10000
    )

    def clean_starts_at(self) -> datetime:
        value: datetime = self.cleaned_data["starts_at"]
        if "starts_at" in self.changed_data and value < timezone.now():
            raise forms.ValidationError(_("The event must start in the future."))
        return value

    def __init__(self, *args: Any, organisers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"] = _organisation_field(organisers, _("Organiser"))
        self.order_fields(["organiser"])

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_en",
            "title_cy",
            "description_en",
            "description_cy",
            "location",
            "starts_at",
            "ends_at",
            "capacity",
            "themes",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "themes": forms.CheckboxSelectMultiple,
        }

    def data_fields(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in self.Meta.fields if n != "themes"}


class MaterialForm(GovukFormMixin, forms.ModelForm[EventMaterial]):
    url = forms.URLField(label=_("web address"), assume_scheme="https")

    class Meta:
        model = EventMaterial
        fields = ["title_en", "title_cy", "url"]


class AttendanceForm(GovukFormMixin, forms.Form):
    def __init__(self, *args: Any, registrations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"] = forms.MultipleChoiceField(
            label=_("Who attended?"),
            choices=[(str(r.user_id), str(r.user)) for r in registrations],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
