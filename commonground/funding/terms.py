"""How an agreement's identifier and dates follow from what was recorded (no writes)."""

from dateutil.relativedelta import relativedelta
from django.conf import settings

from commonground.funding.models import Agreement
from commonground.interop.threesixty import date_bounds


def grant_identifier(reference: str) -> str:
    return f"360G-{settings.FUNDING_360G_PREFIX}-{reference}"


def fill_dates(agreement: Agreement) -> None:
    """Set ``starts_on`` and ``ends_on`` from the planned dates (or start plus duration)."""
    agreement.starts_on, _last = date_bounds(agreement.planned_start)
    _first, agreement.ends_on = date_bounds(agreement.planned_end)
    if agreement.ends_on is None and agreement.starts_on and agreement.planned_duration:
        months = int(agreement.planned_duration)
        agreement.ends_on = agreement.starts_on + relativedelta(months=months, days=-1)
