from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.compacts.models import Dispute, DisputeStage, Finding
from commonground.presentation.forms import GovukFormMixin


class ConcernForm(GovukFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("What is your concern?"),
        help_text=_("Say which commitment of the compact was not kept, and what happened."),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Say what the concern is.")},
    )
    record_url = forms.CharField(
        label=_("The page of the record it is about (optional)"),
        required=False,
        max_length=300,
    )
    anonymous = forms.TypedChoiceField(
        label=_("Do you want to raise it anonymously?"),
        help_text=_(
            "If you do, nothing that could identify you or your organisation is kept. "
            "You follow it with its reference, so keep that safe."
        ),
        choices=[("yes", _("Yes, keep me anonymous")), ("no", _("No, my name can be kept"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether to keep you anonymous.")},
    )


class FollowForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Your reference"),
        help_text=_("For example, D-7KQ2M4XP."),
        max_length=20,
        error_messages={"required": _("Enter your reference.")},
    )

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip().upper()
        if not Dispute.objects.filter(reference=reference).exists():
            raise forms.ValidationError(_("No concern has that reference. Check it and try again."))
        return reference


class MessageForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Add a message"),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Enter the message.")},
    )


class MoveForm(GovukFormMixin, forms.Form):
    stage = forms.ModelChoiceField(
        label=_("Move to the stage"),
        queryset=DisputeStage.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose a stage.")},
    )
    note = forms.CharField(label=_("Why"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = dispute.compact.stages.all()


class ResolveForm(GovukFormMixin, forms.Form):
    outcome_en = forms.CharField(
        label=_("Outcome in summary (English)"), widget=forms.Textarea, required=False
    )
    outcome_cy = forms.CharField(
        label=_("Outcome in summary (Welsh)"), widget=forms.Textarea, required=False
    )


class OverrideForm(GovukFormMixin, forms.Form):
    parameter = forms.ChoiceField(label=_("Parameter"), choices=[])
    value = forms.CharField(label=_("The area's value"), max_length=50)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the reason for the area's own value.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parameter"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


def finding_for(compact_id: int, raw: str | None) -> Finding | None:
    if not raw or not raw.isdigit():
        return None
    return Finding.objects.filter(compact_id=compact_id, pk=int(raw)).first()
