"""Corrections to Django's own Welsh catalogue.

Django's Welsh translation has a few wrong entries: "Gorffenaf" for July (it is
"Gorffennaf"), and a maximum-value message that says "greater or less than". An app's
catalogue takes precedence over Django's, so core's catalogue carries the right Welsh for
these msgids. Listing them here keeps them in it when ``scripts/makemessages`` runs.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

CORRECTED = [
    gettext_noop("July"),
    pgettext_lazy("alt. month", "July"),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
]
