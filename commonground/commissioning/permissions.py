"""Who may do what in commissioning (django-rules).

- Everyone reads the pipeline, opportunities, plans and feeds.
- A public-body officer edits only their own body's opportunities (the role is granted for
  that organisation); infrastructure staff and area admins of the buyer's area edit any.
- Organisation admins speak for their organisation: look for partners, propose and lead a
  consortium, sign its agreement, subscribe; only an invited organisation's own admins
  accept or decline joining a consortium, never the lead's (superusers pass every rule, as
  Django's backend gives them).
- Infrastructure staff import OCDS, link suppliers and record bid support in their area.

Rules take an ``Organisation`` (the buyer, or the organisation acting), an ``Opportunity``,
a ``Consortium`` or an ``Area``, as each says.
"""

from typing import Any

import rules

from commonground.commissioning.models import Consortium, ConsortiumMember, Opportunity
from commonground.core.models import Area, Organisation, RoleAssignment
from commonground.core.permissions import is_any_staff, is_org_admin, is_superuser

Role = RoleAssignment.Role


def _buyer(obj: Any) -> Organisation | None:
    if isinstance(obj, Opportunity):
        return obj.buyer
    return obj if isinstance(obj, Organisation) else None


@rules.predicate
def is_officer_of_buyer(user: Any, obj: Any) -> bool:
    """A public-body officer of the opportunity's buyer (or of that buyer, for a new one)."""
    buyer = _buyer(obj)
    if buyer is None or not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk, role=Role.PUBLIC_BODY_OFFICER, organisation_id=buyer.pk
    ).exists()


def _area_id(obj: Any) -> int | None:
    if isinstance(obj, Area):
        return obj.pk
    buyer = _buyer(obj)
    return buyer.area_id if buyer is not None else None


@rules.predicate
def is_staff_for_area(user: Any, obj: Any) -> bool:
    """Infrastructure staff or area admin of the area (or of the buyer's area)."""
    area_id = _area_id(obj)
    if area_id is None or not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk,
        role__in=[Role.INFRASTRUCTURE_STAFF, Role.AREA_ADMIN],
        area_id=area_id,
    ).exists()


@rules.predicate
def is_consortium_lead_admin(user: Any, consortium: Any) -> bool:
    return isinstance(consortium, Consortium) and is_org_admin(user, consortium.lead)


@rules.predicate
def is_admin_of_member(user: Any, member: Any) -> bool:
    """An admin of the invited organisation itself: nobody else answers for it."""
    return isinstance(member, ConsortiumMember) and member.organisation_id is not None and (
        is_org_admin(user, member.organisation)
    )


@rules.predicate
def is_public_body_officer(user: Any) -> bool:
    return user.is_authenticated and RoleAssignment.objects.filter(
        user_id=user.pk, role=Role.PUBLIC_BODY_OFFICER
    ).exists()


can_commission = is_officer_of_buyer | is_staff_for_area | is_superuser
is_area_staff = is_staff_for_area | is_superuser

rules.add_perm("commissioning.view_opportunity", rules.always_allow)
rules.add_perm("commissioning.add_opportunity", can_commission)  # object: the buyer
rules.add_perm("commissioning.change_opportunity", can_commission)
rules.add_perm("commissioning.import_ocds", is_any_staff)
rules.add_perm("commissioning.link_supplier", is_any_staff)
rules.add_perm("commissioning.record_bid_support", is_area_staff)  # object: the area
rules.add_perm("commissioning.view_bid_support", is_area_staff)  # object: the area
rules.add_perm("commissioning.act_for_organisation", is_org_admin | is_superuser)
rules.add_perm("commissioning.manage_consortium", is_consortium_lead_admin | is_superuser)
rules.add_perm("commissioning.answer_invitation", is_admin_of_member)  # object: the member
rules.add_perm("commissioning.view_staff_pages", is_any_staff | is_public_body_officer)
