"""Who may do what in the core app, as object-level rules (django-rules).

Roles (PRODUCT.md §4):
- public: anyone, signed in or not;
- organisation member / organisation admin: from the person's affiliations;
- infrastructure staff, area admin: granted per area (``RoleAssignment``);
- public-body officer, board support officer: granted per area or per organisation;
- national viewer: granted with no area, sees every area;
- representative: added by the representation capability.

Each predicate answers one question about a user and an object; rules combine them. Views
and actions ask ``user.has_perm("core.change_organisation", organisation)``.
"""

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db import models

from commonground.core.models import Organisation, RoleAssignment, User


def _roles(user: Any, role: str) -> Any:
    return RoleAssignment.objects.filter(user_id=user.pk, role=role)


@rules.predicate
def is_org_admin(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated or user.person_id is None:
        return False
    return organisation.affiliations.filter(person_id=user.person_id, is_admin=True).exists()


@rules.predicate
def is_org_member(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated or user.person_id is None:
        return False
    return organisation.affiliations.filter(person_id=user.person_id).exists()


def _staff_for_area(role: str) -> Any:
    @rules.predicate(name=f"is_{role}_for_area")
    def predicate(user: Any, organisation: Organisation | None) -> bool:
        if organisation is None or not user.is_authenticated:
            return False
        return _roles(user, role).filter(area_id=organisation.area_id).exists()

    return predicate


is_infrastructure_staff = _staff_for_area(RoleAssignment.Role.INFRASTRUCTURE_STAFF)
is_area_admin = _staff_for_area(RoleAssignment.Role.AREA_ADMIN)


@rules.predicate
def is_any_staff(user: Any) -> bool:
    """Holds some staff role somewhere: may open staff pages, which then filter by area."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or _roles(user, RoleAssignment.Role.INFRASTRUCTURE_STAFF).exists()
        or _roles(user, RoleAssignment.Role.AREA_ADMIN).exists()
    )


@rules.predicate
def is_national_viewer(user: Any) -> bool:
    return user.is_authenticated and _roles(user, RoleAssignment.Role.NATIONAL_VIEWER).exists()


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_publicly_listed(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.public_listing


is_area_staff = is_infrastructure_staff | is_area_admin | is_superuser

rules.add_perm(
    "core.view_organisation",
    is_publicly_listed | is_org_member | is_area_staff | is_national_viewer,
)
rules.add_perm("core.change_organisation", is_org_admin | is_area_staff)
rules.add_perm("core.view_organisation_history", is_area_staff)
rules.add_perm("core.restore_organisation", is_area_staff)
rules.add_perm("core.view_staff_pages", is_any_staff)
rules.add_perm("core.import_organisations", is_any_staff)
rules.add_perm("core.view_national", is_national_viewer | is_superuser)
# A person may ask to join an organisation they can see and are not yet recorded at.
rules.add_perm(
    "core.ask_to_join",
    rules.is_authenticated & ~is_org_member & (is_publicly_listed | is_area_staff),
)


def require(actor: Any, perm: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` (``None`` is nobody) may ``perm`` on ``obj``:
    the first line of every action."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(perm)


def may_restore(actor: User, model: type[models.Model]) -> bool:
    """Restoring any record from its history is for the site's staff (who use the admin
    site) with the right to change that kind of record; organisations have their own page."""
    opts = model._meta
    return bool(actor.is_staff and actor.has_perm(f"{opts.app_label}.change_{opts.model_name}"))
