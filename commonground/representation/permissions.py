"""Who may do what in representation.

- Infrastructure staff and area admins of a seat's area advertise vacancies, validate
  nominations, run elections and see coverage.
- An organisation's admins nominate for it, endorse for it and vote for it.
- Only the person holding a seat posts its report-backs.
- Everyone reads adverts, candidates' statements, results and report-backs.
"""

from typing import Any

import rules

from commonground.core.models import Area, RoleAssignment
from commonground.core.permissions import is_national_viewer, is_org_admin, is_superuser
from commonground.partnerships.models import PartnershipBody, Seat, SeatHolding

STAFF_ROLES = [RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN]


def areas_of(obj: Any) -> list[int]:
    """The area ids a seat, body, vacancy, election or area belongs to."""
    if isinstance(obj, Area):
        return [obj.pk]
    if isinstance(obj, PartnershipBody):
        return list(obj.areas.values_list("pk", flat=True))
    if isinstance(obj, Seat):
        return areas_of(obj.body)
    seat = getattr(obj, "seat", None) or getattr(getattr(obj, "vacancy", None), "seat", None)
    return areas_of(seat) if seat is not None else []


@rules.predicate
def is_area_staff(user: Any, obj: Any) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk, role__in=STAFF_ROLES, area_id__in=areas_of(obj)
    ).exists()


@rules.predicate
def holds_seat(user: Any, holding: SeatHolding | None) -> bool:
    return bool(
        holding is not None and user.is_authenticated and user.person_id == holding.person_id
    )


rules.add_perm("representation.manage", is_area_staff | is_superuser)
# Coverage itself is public (000 Recommendation 2); its exports are for staff and national viewers.
rules.add_perm("representation.export_coverage", is_area_staff | is_superuser | is_national_viewer)
rules.add_perm("representation.act_for_organisation", is_org_admin)
rules.add_perm("representation.post_report_back", holds_seat)
