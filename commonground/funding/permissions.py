"""Who may do what with funding agreements (django-rules).

- The funder's officers (public-body officers of that organisation, or its admins) record,
  sign, vary and end its agreements; so do infrastructure staff and area admins of the
  agreement's area, and superusers.
- A recipient's members see their own agreements, published or not.
- Everyone sees published agreements, the funding flows and the calculator.

Rules take an ``Agreement`` (for recording one, the unsaved agreement: funder and area set).
"""

from typing import Any

import rules

from commonground.core.models import Organisation, RoleAssignment
from commonground.core.permissions import (
    is_any_staff,
    is_national_viewer,
    is_org_admin,
    is_superuser,
)
from commonground.funding.models import Agreement

Role = RoleAssignment.Role


def _funder(obj: Any) -> Organisation | None:
    if isinstance(obj, Agreement):
        return obj.funder
    return obj if isinstance(obj, Organisation) else None


@rules.predicate
def is_funder_officer(user: Any, obj: Any) -> bool:
    funder = _funder(obj)
    if funder is None or not user.is_authenticated:
        return False
    if is_org_admin(user, funder):
        return True
    return RoleAssignment.objects.filter(
        user_id=user.pk, role=Role.PUBLIC_BODY_OFFICER, organisation_id=funder.pk
    ).exists()


@rules.predicate
def is_area_staff_for_agreement(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Agreement) or obj.area_id is None or not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk,
        role__in=[Role.INFRASTRUCTURE_STAFF, Role.AREA_ADMIN],
        area_id=obj.area_id,
    ).exists()


@rules.predicate
def is_recipient_member(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Agreement) or obj.recipient_id is None or not user.is_authenticated:
        return False
    if user.person_id is None:
        return False
    return (
        obj.recipient is not None
        and obj.recipient.affiliations.filter(person_id=user.person_id).exists()
    )


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    return isinstance(obj, Agreement) and obj.published


@rules.predicate
def is_any_funder_officer(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk, role=Role.PUBLIC_BODY_OFFICER, organisation__isnull=False
    ).exists()


can_manage = is_funder_officer | is_area_staff_for_agreement | is_superuser

rules.add_perm("funding.record_agreement", can_manage)  # an unsaved agreement
rules.add_perm("funding.manage_agreement", can_manage)
rules.add_perm(
    "funding.view_agreement", is_published | is_recipient_member | can_manage | is_national_viewer
)
rules.add_perm(
    "funding.view_staff_pages", is_any_staff | is_any_funder_officer | is_national_viewer
)
