"""The National Principles for Public Engagement in Wales (Participation Cymru, 2011).

The seed evaluation names them (000 L150, L1229, L3573) without listing them; the ten
principles below are the published set, endorsed by the Welsh Government. Pure data: the
consultation checklist stores one row per code.
"""

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

PRINCIPLES: list[tuple[str, StrOrPromise]] = [
    ("designed", _("Engagement is effectively designed to make a difference")),
    ("everyone", _("Encourage and enable everyone affected to be involved, if they so choose")),
    ("timely", _("Engagement is planned and delivered in a timely and appropriate way")),
    ("partners", _("Work with relevant partner organisations")),
    (
        "jargon_free",
        _("The information provided will be jargon free, appropriate and understandable"),
    ),
    ("easier", _("Make it easier for people to take part")),
    ("effective", _("Enable people to take part effectively")),
    ("resourced", _("Engagement is given the right resources and support to be effective")),
    ("impact", _("People are told the impact of their contribution")),
    ("learning", _("Learn and share learning to improve engagement")),
]

CODES = [code for code, _label in PRINCIPLES]


def label(code: str) -> StrOrPromise:
    return dict(PRINCIPLES).get(code, code)
