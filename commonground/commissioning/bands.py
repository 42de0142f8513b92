"""Value bands: how big a commission is decides how proportionate its process should be.

Each area may set its own bands; otherwise the defaults from 002 L572 apply: under £25k,
£25k to £100k, over £100k.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commonground.commissioning.models import ValueBand


@dataclass(frozen=True)
class Band:
    name: str | Promise
    upper_limit_pence: int | None  # values below this fall in the band; None: no limit
    process: str | Promise
    documents: str | Promise


DEFAULT_BANDS = [
    Band(
        _("Under £25,000"),
        25_000_00,
        _("A light-touch process: a quote or a short application, decided within weeks."),
        _("A short description of the service and its price, and your organisation's basic details."),
    ),
    Band(
        _("£25,000 to £100,000"),
        100_000_00,
        _("A proportionate tender or grant round with a simple specification and clear scoring."),
        _("A written proposal, a budget, your policies (safeguarding, equality) and references."),
    ),
    Band(
        _("Over £100,000"),
        None,
        _("A full procurement: assessment, specification, tendering and contract management, over 6 to 12 months."),
        _("A full tender response, accounts for two years, insurance certificates and a quality framework."),
    ),
]


def bands_for(area_id: int | None) -> list[Band]:
    """The area's bands from lowest to highest."""
    rows = list(ValueBand.objects.filter(area_id=area_id)) if area_id is not None else []
    if not rows:
        return DEFAULT_BANDS
    return [Band(r.name, r.upper_limit_pence, r.process, r.documents) for r in rows]


def band_index(value_pence: int | None, bands: list[Band]) -> int | None:
    """Which band (0 is the lowest) a value falls in; None when the value is not known."""
    if value_pence is None:
        return None
    for index, band in enumerate(bands):
        if band.upper_limit_pence is None or value_pence < band.upper_limit_pence:
            return index
    return len(bands) - 1


def band_for(value_pence: int | None, area_id: int | None) -> Band | None:
    bands = bands_for(area_id)
    index = band_index(value_pence, bands)
    return None if index is None else bands[index]
