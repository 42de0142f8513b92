"""Who may do what in the partnerships register (django-rules).

- Everyone, signed in or not, reads the public pages of bodies, meetings and issues logs.
- Infrastructure staff and area admins of one of a body's areas manage the body, its seats
  and holders, and its meetings.
- Board support officers of the area manage meetings: papers, minutes, outcomes and the
  liaison issues log.
- Public-body officers of the area may also answer liaison issues: the answer comes from
  the public body.

Rules take a ``PartnershipBody`` or, for creating a body, an ``Area``.
"""

from typing import Any

import rules

from commonground.core.models import Area, RoleAssignment
from commonground.core.permissions import is_any_staff, is_superuser
from commonground.partnerships.models import PartnershipBody

Role = RoleAssignment.Role


def _area_ids(obj: Any) -> list[int]:
    if isinstance(obj, Area):
        return [obj.pk]
    if isinstance(obj, PartnershipBody):
        if obj.pk is None:
            return []
        return list(obj.areas.values_list("pk", flat=True))
    return []


def _holds_role_for(user: Any, obj: Any, roles_: list[str]) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    areas = _area_ids(obj)
    if not areas:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk, role__in=roles_, area_id__in=areas
    ).exists()


@rules.predicate
def is_area_staff_for(user: Any, obj: Any) -> bool:
    """Infrastructure staff or area admin for the area (or one of the body's areas)."""
    return _holds_role_for(user, obj, [Role.INFRASTRUCTURE_STAFF, Role.AREA_ADMIN])


@rules.predicate
def is_board_support_for(user: Any, obj: Any) -> bool:
    return _holds_role_for(user, obj, [Role.BOARD_SUPPORT_OFFICER])


@rules.predicate
def is_public_body_officer_for(user: Any, obj: Any) -> bool:
    return _holds_role_for(user, obj, [Role.PUBLIC_BODY_OFFICER])


@rules.predicate
def is_meeting_staff(user: Any) -> bool:
    """Holds a role that manages some body or meeting somewhere."""
    if not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk,
        role__in=[Role.INFRASTRUCTURE_STAFF, Role.AREA_ADMIN, Role.BOARD_SUPPORT_OFFICER],
    ).exists()


can_manage_body = is_area_staff_for | is_superuser
can_manage_meetings = can_manage_body | is_board_support_for

rules.add_perm("partnerships.view_body", rules.always_allow)
rules.add_perm("partnerships.add_body", can_manage_body)  # object: the area
rules.add_perm("partnerships.change_body", can_manage_body)
rules.add_perm("partnerships.manage_seats", can_manage_body)
rules.add_perm("partnerships.manage_meetings", can_manage_meetings)
rules.add_perm("partnerships.manage_liaison", can_manage_meetings)
rules.add_perm("partnerships.answer_liaison", can_manage_meetings | is_public_body_officer_for)
rules.add_perm("partnerships.view_staff_pages", is_any_staff | is_meeting_staff)
