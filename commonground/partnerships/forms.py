"""Input validation for the partnerships register, with messages in the user's language."""

from datetime import datetime
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.dates import long_datetime
from commonground.core.models import Area, Organisation, Person
from commonground.partnerships.files import ALLOWED_TYPES
from commonground.partnerships.models import (
    Attendance,
    Meeting,
    MeetingAction,
    PartnershipBody,
    Seat,
    SeatHolding,
)
from commonground.presentation.forms import GovukFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the browser's ``datetime-local`` control (area time)."""

    widget = DateTimeLocalInput
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error_messages["invalid"] = _(
            "Enter ‘%(label)s’ as a real date and time, like 2026-03-27 18:30."
        ) % {"label": self.label}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            return (
                timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
                if timezone.is_aware(value)
                else value.strftime("%Y-%m-%dT%H:%M")
            )
        return value


def _choice(form: forms.BaseForm, name: str) -> "forms.ModelChoiceField[Any]":
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def _meeting_label(meeting: Meeting) -> str:
    return long_datetime(meeting.starts_at)


def organisations_in(areas: QuerySet[Area] | list[Area]) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(Q(area__in=areas) | Q(areas_served__in=areas))
        .distinct()
        .order_by("name_en")
    )


class BodyForm(GovukFormMixin, forms.ModelForm[PartnershipBody]):
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"), queryset=Area.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = PartnershipBody
        fields = [
            "name_en",
            "name_cy",
            "kind",
            "parent",
            "convenor",
            "terms_of_reference_en",
            "terms_of_reference_cy",
            "meeting_frequency",
            "status",
        ]
        widgets = {
            "kind": forms.Select,
            "status": forms.RadioSelect,
            "terms_of_reference_en": forms.Textarea,
            "terms_of_reference_cy": forms.Textarea,
        }
        labels = {
            "name_en": _("Name (English)"),
            "name_cy": _("Name (Welsh)"),
            "kind": _("Kind of body"),
            "parent": _("Reports to"),
            "convenor": _("Convening organisation"),
            "meeting_frequency": _("How often it meets"),
            "status": _("Status"),
        }

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "areas").queryset = areas
        if self.instance.pk:
            self.fields["areas"].initial = list(self.instance.areas.all())
        elif areas.count() == 1:
            self.fields["areas"].initial = list(areas)
        parents = PartnershipBody.objects.filter(areas__in=areas).distinct()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        _choice(self, "parent").queryset = parents.order_by("name_en")
        _choice(self, "parent").empty_label = str(_("None: this is a top-level body"))
        _choice(self, "convenor").queryset = organisations_in(areas)
        _choice(self, "convenor").empty_label = str(_("Select an organisation"))

    def body_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SeatForm(GovukFormMixin, forms.ModelForm[Seat]):
    class Meta:
        model = Seat
        fields = [
            "name_en",
            "name_cy",
            "kind",
            "reserved_for",
            "term_months",
            "max_consecutive_terms",
            "has_substitute",
        ]
        widgets = {"kind": forms.RadioSelect}
        labels = {
            "name_en": _("Seat name (English)"),
            "name_cy": _("Seat name (Welsh)"),
            "kind": _("Kind of seat"),
            "reserved_for": _("Reserved for (if reserved for a named role)"),
            "term_months": _("Term length in months"),
            "max_consecutive_terms": _("Maximum consecutive terms"),
            "has_substitute": _("The seat has a substitute"),
        }

    def clean_term_months(self) -> int:
        value: int = self.cleaned_data["term_months"]
        if not 1 <= value <= 120:
            raise forms.ValidationError(_("Enter a term length between 1 and 120 months."))
        return value

    def clean_max_consecutive_terms(self) -> int:
        value: int = self.cleaned_data["max_consecutive_terms"]
        if not 1 <= value <= 10:
            raise forms.ValidationError(_("Enter a number of terms between 1 and 10."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Seat.Kind.RESERVED and not data.get("reserved_for"):
            self.add_error("reserved_for", _("Enter the role this seat is reserved for."))
        return data

    def seat_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        organisations = ", ".join(str(a.organisation) for a in obj.affiliations.all()[:2])
        return f"{obj} ({organisations})" if organisations else str(obj)


class AppointForm(GovukFormMixin, forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False
    )
    role = forms.ChoiceField(
        label=_("Role in the seat"), choices=SeatHolding.Role.choices, widget=forms.RadioSelect
    )
    route = forms.ChoiceField(label=_("How they got the seat"), choices=SeatHolding.Route.choices)
    starts_on = forms.DateField(label=_("Term starts"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Term ends"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to use the seat’s term length."),
    )
    end_current = forms.BooleanField(
        label=_("End the current holder’s term the day this one starts"), required=False
    )

    def __init__(self, *args: Any, seat: Seat, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = seat.body.areas.all()
        _choice(self, "person").queryset = (
            Person.objects.filter(
                Q(affiliations__organisation__area__in=areas)
                | Q(seat_holdings__seat__body=seat.body)
            )
            .distinct()
            .prefetch_related("affiliations__organisation")
            .order_by("family_name", "given_name", "pk")
        )
        _choice(self, "person").empty_label = str(_("Select a person"))
        _choice(self, "organisation").queryset = organisations_in(areas)
        _choice(self, "organisation").empty_label = str(_("No organisation"))
        if not seat.has_substitute:
            cast(forms.ChoiceField, self.fields["role"]).choices = [
                (SeatHolding.Role.HOLDER, SeatHolding.Role.HOLDER.label)
            ]
        self.fields["role"].initial = SeatHolding.Role.HOLDER
        self.fields["starts_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The term must end after it starts."))
        return data


class EndHoldingForm(GovukFormMixin, forms.Form):
    ended_on = forms.DateField(label=_("Left the seat on"), widget=DateInput())
    handover_note = forms.CharField(
        label=_("Handover note for the next holder"),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )


class MeetingForm(GovukFormMixin, forms.ModelForm[Meeting]):
    starts_at = LocalDateTimeField(label=_("Starts at"))
    ends_at = LocalDateTimeField(label=_("Ends at"))
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "venue", "online_link", "agenda_en", "agenda_cy"]
        labels = {
            "venue": _("Venue"),
            "agenda_en": _("Agenda (English)"),
            "agenda_cy": _("Agenda (Welsh)"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data

    def meeting_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PaperForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label=_("Title of the paper"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT, XLSX, CSV or TXT, up to 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_TYPES)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = _("Select a file to upload.")
        self.fields["file"].error_messages["empty"] = _("The selected file is empty.")


ACTION_ROWS = 3


class RecordMeetingForm(GovukFormMixin, forms.Form):
    """Minutes, attendance of the seat holders, decisions, and up to three new actions."""

    minutes_en = forms.CharField(
        label=_("Minutes (English)"), widget=forms.Textarea, required=False
    )
    minutes_cy = forms.CharField(label=_("Minutes (Welsh)"), widget=forms.Textarea, required=False)
    decisions_en = forms.CharField(
        label=_("New decisions (English)"),
        widget=forms.Textarea,
        required=False,
        help_text=_("One decision a line."),
    )
    decisions_cy = forms.CharField(
        label=_("New decisions (Welsh)"),
        widget=forms.Textarea,
        required=False,
        help_text=_("One decision a line, in the same order as the English."),
    )

    def __init__(
        self,
        *args: Any,
        meeting: Meeting,
        people: list[tuple[Person, Organisation | None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.people = people
        recorded = {a.person_id: a.status for a in meeting.attendance.all()}
        for person, _organisation in people:
            name = f"attendance_{person.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(person),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=recorded.get(person.pk, Attendance.Status.PRESENT),
            )
        owners = organisations_in(meeting.body.areas.all())
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}_description_en"] = forms.CharField(
                label=_("Action %(n)s (English)") % {"n": n}, required=False, max_length=2000
            )
            self.fields[f"action_{n}_description_cy"] = forms.CharField(
                label=_("Action %(n)s (Welsh)") % {"n": n}, required=False, max_length=2000
            )
            self.fields[f"action_{n}_owner"] = forms.ModelChoiceField(
                label=_("Action %(n)s: owner") % {"n": n}, queryset=owners, required=False
            )
            self.fields[f"action_{n}_due_on"] = forms.DateField(
                label=_("Action %(n)s: due on") % {"n": n}, required=False, widget=DateInput()
            )
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = str(_("Select an organisation"))
        self._refresh_messages()

    def _refresh_messages(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _(
                    "Enter ‘%(label)s’ as a real date, like 2019-03-27."
                ) % {"label": field.label}
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _(
                    "Select a valid option for ‘%(label)s’."
                ) % {"label": field.label}
                field.error_messages["required"] = _("Select an option for ‘%(label)s’.") % {
                    "label": field.label
                }
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = _(
                    "‘%(label)s’ must be %(limit)d characters or fewer."
                ) % {"label": field.label, "limit": field.max_length}

    @property
    def attendance_fields(self) -> list[forms.BoundField]:
        return [self[f"attendance_{p.pk}"] for p, _o in self.people]

    @property
    def action_rows(self) -> list[list[forms.BoundField]]:
        return [
            [
                self[f"action_{n}_{part}"]
                for part in ("description_en", "description_cy", "owner", "due_on")
            ]
            for n in range(1, ACTION_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        english = [
            line.strip() for line in (data.get("decisions_en") or "").splitlines() if line.strip()
        ]
        welsh = [
            line.strip() for line in (data.get("decisions_cy") or "").splitlines() if line.strip()
        ]
        if len(welsh) > len(english):
            self.add_error("decisions_cy", _("There are more Welsh decisions than English ones."))
        data["decision_pairs"] = [
            (text, welsh[i] if i < len(welsh) else "") for i, text in enumerate(english)
        ]
        actions = []
        for n in range(1, ACTION_ROWS + 1):
            description = (data.get(f"action_{n}_description_en") or "").strip()
            description_cy = (data.get(f"action_{n}_description_cy") or "").strip()
            owner, due = data.get(f"action_{n}_owner"), data.get(f"action_{n}_due_on")
            if not (description or description_cy or owner or due):
                continue
            if not description:
                self.add_error(
                    f"action_{n}_description_en", _("Enter what the action is, in English.")
                )
            if owner is None:
                self.add_error(f"action_{n}_owner", _("Select who owns the action."))
            if due is None and f"action_{n}_due_on" not in self.errors:
                self.add_error(f"action_{n}_due_on", _("Enter the date the action is due."))
            actions.append((description, description_cy, owner, due))
        data["action_rows"] = actions
        return data


class ActionStatusForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeetingAction.Status.choices)


class LiaisonIssueForm(GovukFormMixin, forms.Form):
    raised_at = forms.ModelChoiceField(
        label=_("Raised at the meeting on"), queryset=Meeting.objects.none()
    )
    raised_by = forms.ModelChoiceField(label=_("Raised by"), queryset=Organisation.objects.none())
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    title_cy = forms.CharField(label=_("Title (Welsh)"), max_length=200, required=False)
    description_en = forms.CharField(
        label=_("What the sector raised (English)"),
        widget=forms.Textarea,
        max_length=5000,
        required=False,
        help_text=_("Write in English, Welsh or both."),
    )
    description_cy = forms.CharField(
        label=_("What the sector raised (Welsh)"),
        widget=forms.Textarea,
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, body: PartnershipBody, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = (
            body.meetings.filter(starts_at__lte=timezone.now())
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-starts_at")
        )
        _choice(self, "raised_at").queryset = meetings
        _choice(self, "raised_at").label_from_instance = _meeting_label  # type: ignore[method-assign,assignment]
        _choice(self, "raised_at").empty_label = str(_("Select a meeting"))
        _choice(self, "raised_by").queryset = organisations_in(body.areas.all())
        _choice(self, "raised_by").empty_label = str(_("Select an organisation"))


class AnswerForm(GovukFormMixin, forms.Form):
    response_en = forms.CharField(
        label=_("Written response (English)"),
        widget=forms.Textarea,
        max_length=10000,
        required=False,
        help_text=_("Write in English, Welsh or both."),
    )
    response_cy = forms.CharField(
        label=_("Written response (Welsh)"),
        widget=forms.Textarea,
        max_length=10000,
        required=False,
    )
    responded_on = forms.DateField(label=_("Responded on"), widget=DateInput())

    def clean_responded_on(self) -> Any:
        value = self.cleaned_data["responded_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The response date cannot be in the future."))
        return value


class OfficerForm(GovukFormMixin, forms.Form):
    officer_attending = forms.CharField(
        label=_("Officer attending the next meeting"),
        max_length=200,
        help_text=_("Their name and role."),
    )
