"""An agreement that delivers an awarded commissioning opportunity starts from its terms.

Commissioning knows the buyer, the winning supplier, the value and the contract dates, so the
funder records the agreement from those rather than typing them again.
"""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from commonground.commissioning.models import Opportunity
from commonground.commissioning.queries import awarded_opportunities
from commonground.core.models import Organisation
from commonground.funding.models import Agreement


def deliverable_opportunities(funders: list[Organisation]) -> QuerySet[Opportunity]:
    """The awarded opportunities these funders bought, which an agreement can deliver."""
    return awarded_opportunities().filter(buyer__in=funders)


def agreement_initial(opportunity: Opportunity) -> dict[str, Any]:
    """The agreement form's starting values, taken from the opportunity's award."""
    supplier = opportunity.suppliers.filter(kind=Organisation.Kind.THIRD_SECTOR).first()
    initial: dict[str, Any] = {
        "opportunity": opportunity.pk,
        "funder": opportunity.buyer_id,
        "title": opportunity.title_en,
        "description": opportunity.description_en,
        "recipient": supplier.pk if supplier else None,
        "mode": Agreement.Mode.GRANT
        if opportunity.route == Opportunity.Route.GRANT
        else Agreement.Mode.PURCHASE,
        "award_date": opportunity.award_date,
        "planned_start": opportunity.contract_start,
        "planned_end": opportunity.contract_end,
        "area": getattr(opportunity.areas.first(), "pk", None),
        "theme": getattr(opportunity.themes.first(), "pk", None),
    }
    if opportunity.estimated_value_pence is not None:
        initial["amount"] = Decimal(opportunity.estimated_value_pence) / 100
    return {name: value for name, value in initial.items() if value not in (None, "")}
