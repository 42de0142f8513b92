"""The Design System's error messages for every form, in the reader's language.

Presentation, like ``web``; but core's forms and every app's use it, and ``web`` (the site
shell) sits above the apps, so the mixin has a package of its own below core in the layers
(``.importlinter``). It imports Django's forms and translation and nothing of Commonground's.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


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
