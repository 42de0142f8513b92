"""Where an opportunity is in its life, on a given day.

A running contract is "due for renewal" from the day that is the renewal horizon (in whole
calendar months) before its end, up to and including its last day; after that it has
ended. Month arithmetic clips to the month's end: 12 months before 29 February 2028 is
28 February 2027.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

from commonground.commissioning.models import AreaCommissioningSettings, Opportunity

DEFAULT_RENEWAL_HORIZON_MONTHS = 12
Stage = Opportunity.Stage


def renewal_from(contract_end: date, horizon_months: int) -> date:
    """The first day a contract ending on ``contract_end`` shows as due for renewal."""
    return contract_end - relativedelta(months=horizon_months)


def stage_on(
    stage: str, contract_end: date | None, horizon_months: int, today: date
) -> str:
    """The stage shown on ``today`` for a stored ``stage`` and contract end."""
    if stage != Stage.RUNNING or contract_end is None:
        return stage
    if today > contract_end:
        return Stage.ENDED
    if today >= renewal_from(contract_end, horizon_months):
        return Stage.DUE_FOR_RENEWAL
    return Stage.RUNNING


def horizon_months(area_id: int | None) -> int:
    """The area's renewal horizon, or the default when it has not set one."""
    if area_id is None:
        return DEFAULT_RENEWAL_HORIZON_MONTHS
    found = (
        AreaCommissioningSettings.objects.filter(area_id=area_id)
        .values_list("renewal_horizon_months", flat=True)
        .first()
    )
    return found or DEFAULT_RENEWAL_HORIZON_MONTHS


def current_stage(opportunity: Opportunity, today: date) -> str:
    """The opportunity's stage on ``today``, by the horizon of its buyer's area."""
    return stage_on(
        opportunity.stage,
        opportunity.contract_end,
        horizon_months(opportunity.buyer.area_id),
        today,
    )
