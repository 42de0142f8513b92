"""Who may do what in engagement (django-rules), on top of the core predicates.

- Bulletins: infrastructure staff and area admins for their area's bodies; public-body and
  board support officers for their own body.
- Consultations: the owner's public-body and board support officers, and area admins, edit
  a consultation, see its responses and publish its feedback. Nobody else sees responses
  that were not published.
- Responding, subscribing and registering: any signed-in account.
- Events: the organiser's officers and admins, and area staff.
- Area settings (the compact minimum): area admins.
"""

from typing import Any

import rules

from commonground.core.models import Organisation, RoleAssignment
from commonground.core.permissions import (
    is_area_admin,
    is_area_staff,
    is_national_viewer,
    is_org_admin,
    is_superuser,
)

OFFICER_ROLES = [RoleAssignment.Role.PUBLIC_BODY_OFFICER, RoleAssignment.Role.BOARD_SUPPORT_OFFICER]


@rules.predicate
def is_officer_of(user: Any, organisation: Organisation | None) -> bool:
    """A public-body or board support officer whose role names this organisation."""
    if organisation is None or not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        user_id=user.pk, role__in=OFFICER_ROLES, organisation_id=organisation.pk
    ).exists()


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


def _owner(obj: Any) -> Organisation | None:
    return getattr(obj, "owner", None) or getattr(obj, "organiser", None)


@rules.predicate
def is_owner_officer(user: Any, obj: Any) -> bool:
    return bool(is_officer_of(user, _owner(obj)))


@rules.predicate
def is_owner_area_admin(user: Any, obj: Any) -> bool:
    return bool(is_area_admin(user, _owner(obj)))


@rules.predicate
def is_owner_area_staff(user: Any, obj: Any) -> bool:
    return bool(is_area_staff(user, _owner(obj)))


@rules.predicate
def is_owner_admin(user: Any, obj: Any) -> bool:
    return bool(is_org_admin(user, _owner(obj)))


@rules.predicate
def has_publishing_role(user: Any) -> bool:
    """May open the "publish a bulletin" or "new consultation" pages at all."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or RoleAssignment.objects.filter(
            user_id=user.pk,
            role__in=[
                *OFFICER_ROLES,
                RoleAssignment.Role.INFRASTRUCTURE_STAFF,
                RoleAssignment.Role.AREA_ADMIN,
            ],
        ).exists()
    )


@rules.predicate
def is_public_body(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.kind in (
        Organisation.Kind.PUBLIC_BODY,
        Organisation.Kind.INFRASTRUCTURE,
    )


# Bulletins: the object is the publishing organisation.
rules.add_perm("engagement.publish_bulletin", is_officer_of | is_area_staff)
rules.add_perm("engagement.open_publishing_pages", has_publishing_role)
# Consultations: adding takes the owner organisation, the rest take the consultation.
rules.add_perm("engagement.add_consultation", is_public_body & (is_officer_of | is_area_admin))
rules.add_perm(
    "engagement.change_consultation", is_owner_officer | is_owner_area_admin | is_superuser
)
rules.add_perm(
    "engagement.view_responses",
    is_owner_officer | is_owner_area_admin | is_superuser | is_national_viewer,
)
rules.add_perm("engagement.respond", is_signed_in)
rules.add_perm("engagement.subscribe", is_signed_in)
# Events: adding takes the organiser, managing takes the event.
rules.add_perm("engagement.add_event", is_officer_of | is_org_admin | is_area_staff)
rules.add_perm("engagement.manage_event", is_owner_officer | is_owner_admin | is_owner_area_staff)
rules.add_perm("engagement.register_for_event", is_signed_in)
