"""Input validation for representation, with messages in the reader's language."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Organisation
from commonground.partnerships.models import Meeting, SeatHolding
from commonground.presentation.forms import GovukFormMixin
from commonground.representation.models import Candidate, Election, ReportBack


class AdvertiseForm(GovukFormMixin, forms.Form):
    role_description_en = forms.CharField(
        label=_("Role description (English)"), widget=forms.Textarea, max_length=4000
    )
    role_description_cy = forms.CharField(
        label=_("Role description (Welsh)"), widget=forms.Textarea, max_length=4000, required=False
    )
    window_days = forms.IntegerField(
        label=_("How many days nominations stay open"), min_value=1, max_value=90, initial=21
    )
    word_limit = forms.IntegerField(
        label=_("Statement word limit"), min_value=20, max_value=1000, initial=100
    )


class NominationForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation you are standing for"), queryset=Organisation.objects.none()
    )
    statement = forms.CharField(label=_("Your statement"), widget=forms.Textarea, max_length=6000)

    def __init__(self, *args: Any, organisations: Any, word_limit: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = organisations
        if len(organisations) == 1:
            organisation.empty_label = None  # nothing to choose: preselect the one organisation
        self.fields["statement"].help_text = _(
            "Why you are standing and what you would bring, in %(limit)d words or fewer."
        ) % {"limit": word_limit}


class ReviewForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept as valid")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for rejecting (the nominee sees this)"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )


class CloseNominationsForm(GovukFormMixin, forms.Form):
    method = forms.ChoiceField(
        label=_("Counting method if there is an election"),
        choices=Election.Method.choices,
        initial=Election.Method.SCOTTISH,
    )
    reason = forms.CharField(
        label=_("Reason for closing early"), widget=forms.Textarea, max_length=2000, required=False
    )


class ExtendNominationsForm(GovukFormMixin, forms.Form):
    closes_on = forms.DateField(label=_("New closing date"), widget=forms.DateInput)
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea, max_length=2000
    )


class ExtendVotingForm(GovukFormMixin, forms.Form):
    closes_at = forms.DateTimeField(label=_("Voting now closes at"), widget=forms.DateTimeInput)
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea, max_length=2000
    )


class ReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=2000)


class BallotForm(forms.Form):
    """A ranked ballot that needs no JavaScript: a preference number beside each candidate.

    Fields are named ``rank-<position>``. ``preferences()`` gives candidate positions, best
    first, after checking that ranks are numbers, unique and without gaps.
    """

    def __init__(
        self, *args: Any, election: Election, candidates: list[Candidate], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.election = election
        self.method = election.method
        choices = [("", _("No preference"))] + [
            (str(n), str(n)) for n in range(1, len(candidates) + 1)
        ]
        for candidate in candidates:
            name = f"rank-{candidate.position}"
            if self.method == Election.Method.APPROVAL:
                self.fields[name] = forms.BooleanField(
                    label=str(candidate.nomination), required=False
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=str(candidate.nomination), choices=choices, required=False
                )
        if self.method == Election.Method.FPTP:
            self.fields = {
                "choice": forms.ChoiceField(
                    label=_("Your vote"),
                    choices=[(str(c.position), str(c.nomination)) for c in candidates],
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Choose one candidate."),
                        "invalid_choice": _("The ballot names a candidate who is not standing."),
                    },
                )
            }
        self.known = {f"rank-{c.position}" for c in candidates}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        extra = {k for k in self.data if k.startswith("rank-")} - self.known
        if extra:
            raise forms.ValidationError(_("The ballot names a candidate who is not standing."))
        return data

    def preferences(self) -> list[int]:
        data = self.cleaned_data
        if self.method == Election.Method.FPTP:
            return [int(data["choice"])]
        if self.method == Election.Method.APPROVAL:
            return [int(k.split("-")[1]) for k, v in data.items() if v]
        ranked = sorted((int(v), int(k.split("-")[1])) for k, v in data.items() if v)
        ranks = [r for r, _ in ranked]
        if not ranks:
            raise forms.ValidationError(_("Give your first preference a 1."))
        if len(set(ranks)) != len(ranks):
            raise forms.ValidationError(_("Each preference number can be used only once."))
        if ranks != list(range(1, len(ranks) + 1)):
            raise forms.ValidationError(
                _("Number your preferences 1, 2, 3 and so on without gaps.")
            )
        return [position for _, position in ranked]


class ReportBackForm(GovukFormMixin, forms.ModelForm[ReportBack]):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    class Meta:
        model = ReportBack
        fields = [
            "meeting",
            "title_en",
            "decided_en",
            "meaning_en",
            "ask_en",
            "title_cy",
            "decided_cy",
            "meaning_cy",
            "ask_cy",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["decided_en", "meaning_en", "ask_en", "decided_cy", "meaning_cy", "ask_cy"]
        }

    def __init__(self, *args: Any, holding: SeatHolding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = (
            Meeting.objects.filter(body_id=holding.seat.body_id, status=Meeting.Status.HELD)
            .exclude(report_backs__holding=holding)
            .order_by("-starts_at")
        )

    def fields_for_action(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "meeting"}


class CommentForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Commenting for"), queryset=Organisation.objects.none()
    )
    text = forms.CharField(
        label=_("Your comment or answer"), widget=forms.Textarea, max_length=2000
    )
    answers_ask = forms.BooleanField(
        label=_("This answers what the sector was asked"), required=False
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = organisations


class HandoverForm(GovukFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Handover note for the next holder"),
        widget=forms.Textarea,
        max_length=6000,
        required=False,
    )
