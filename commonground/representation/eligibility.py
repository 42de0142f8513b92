"""Who may stand for a sector seat: the area's rules, or the seat's own, checked one by one.

Each failed rule gives a reason the nominee sees, in their language.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commonground.core.models import Area, Membership, Organisation, Person
from commonground.partnerships.models import Seat, SeatHolding
from commonground.representation.models import EligibilityRules


@dataclass(frozen=True)
class Failure:
    rule: str
    reason: Promise | str


def rules_for(seat: Seat, area: Area) -> EligibilityRules:
    """The seat's own rules if it has them, else the area's stored default, else the model's
    defaults (a read never writes, so no row is created here)."""
    own = EligibilityRules.objects.filter(seat=seat).first()
    if own is not None:
        return own
    stored = EligibilityRules.objects.filter(area=area, seat=None).first()
    return stored or EligibilityRules(area=area, seat=None)


def check_organisation(
    organisation: Organisation, seat: Seat, area: Area, rules: EligibilityRules, today: date
) -> list[Failure]:
    """Rules about the organisation standing. Endorsements are checked at validation."""
    failures = []
    if rules.constituted and not organisation.constituted:
        failures.append(Failure("constituted", _("The organisation must be constituted.")))
    serves = (
        organisation.area_id == area.pk or organisation.areas_served.filter(pk=area.pk).exists()
    )
    if rules.operates_in_area and not serves:
        failures.append(
            Failure(
                "operates_in_area",
                _("The organisation must operate %(in_area)s.") % {"in_area": area.in_name},
            )
        )
    if rules.min_active_months:
        cutoff = today - relativedelta(months=rules.min_active_months)
        if organisation.founded_on is None or organisation.founded_on > cutoff:
            failures.append(
                Failure(
                    "min_active_months",
                    _("The organisation must have been active for at least %(months)d months.")
                    % {"months": rules.min_active_months},
                )
            )
    if rules.eligible_to_represent:
        member = Membership.objects.filter(
            organisation=organisation,
            infrastructure_body_id=area.infrastructure_body_id,
            engagement_level=Membership.EngagementLevel.REPRESENT,
        ).exists()
        if not member:
            failures.append(
                Failure(
                    "eligible_to_represent",
                    _(
                        "The organisation must be a member of the infrastructure body at the “eligible to represent” level."
                    ),
                )
            )
    if rules.one_holder_per_body:
        holds = (
            SeatHolding.objects.filter(
                seat__body=seat.body, organisation=organisation, role=SeatHolding.Role.HOLDER
            )
            .exclude(seat=seat)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
            .exists()
        )
        if holds:
            failures.append(
                Failure(
                    "one_holder_per_body",
                    _("The organisation already holds a seat on %(body)s.") % {"body": seat.body.on_name},
                )
            )
    return failures


def check_nominee(person: Person, seat: Seat, term_starts_on: date) -> list[Failure]:
    """Re-election: a holder may serve at most ``max_consecutive_terms`` terms in a row."""
    consecutive, expected_end = 0, term_starts_on
    for holding in seat.holdings.filter(role=SeatHolding.Role.HOLDER).order_by("-starts_on"):
        if holding.person_id != person.pk or (
            holding.ended_on or holding.ends_on
        ) < expected_end - relativedelta(days=31):
            break
        consecutive += 1
        expected_end = holding.starts_on
    if consecutive >= seat.max_consecutive_terms:
        return [
            Failure(
                "max_consecutive_terms",
                _("%(person)s has already served %(terms)d consecutive terms in this seat.")
                % {"person": person, "terms": consecutive},
            )
        ]
    return []
