"""Reusable reads of core records."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.text import slugify

from commonground.core.models import (
    JoinRequest,
    MembershipApplication,
    Organisation,
    RoleAssignment,
    User,
)
from commonground.core.permissions import is_national_viewer


def visible_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations this user may see: public listings, plus their own and their areas'."""
    qs = Organisation.objects.select_related("area")
    if not user.is_authenticated:
        return qs.filter(public_listing=True)
    if user.is_superuser or is_national_viewer(user):
        return qs
    staff_areas = RoleAssignment.objects.filter(
        user_id=user.pk,
        role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN],
    ).values("area_id")
    return qs.filter(
        Q(public_listing=True)
        | Q(area_id__in=staff_areas)
        | Q(affiliations__person_id=user.person_id)
    ).distinct()


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Version:
    record: Any
    who: str
    changes: list[Change]


def _display(field: Any, value: Any) -> str:
    if value in (None, ""):
        return ""
    if field.many_to_many:
        model = field.related_model
        ids = [row[field.m2m_reverse_field_name()] for row in value]
        return ", ".join(str(o) for o in model.objects.filter(pk__in=ids))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return str(field.related_model.objects.filter(pk=value).first() or value)
    if isinstance(value, bool):
        from django.utils.translation import gettext

        return gettext("Yes") if value else gettext("No")
    return str(value)


def organisation_versions(organisation: Organisation) -> list[Version]:
    """Every stored version, newest first, each with what changed from the one before."""
    records = list(organisation.history.select_related("history_user").all())
    versions = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["updated_at"])
            for change in delta.changes:
                field: Any = Organisation._meta.get_field(change.field)
                changes.append(
                    Change(
                        label=str(field.verbose_name),
                        old=_display(field, change.old),
                        new=_display(field, change.new),
                    )
                )
        user: User | None = record.history_user
        versions.append(Version(record=record, who=str(user) if user else "–", changes=changes))
    return versions


def pending_applications(user: Any) -> QuerySet[MembershipApplication]:
    """Sign-ups waiting for the infrastructure bodies of this user's staff areas."""
    qs = MembershipApplication.objects.filter(
        status=MembershipApplication.Status.PENDING
    ).select_related("organisation__area", "infrastructure_body", "applicant__person")
    if user.is_superuser:
        return qs
    staff_areas = RoleAssignment.objects.filter(
        user_id=user.pk,
        role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN],
    ).values("area_id")
    return qs.filter(infrastructure_body__infrastructure_for__in=staff_areas).distinct()


def unique_slug(name: str, model: type[models.Model] = Organisation) -> str:
    """A URL slug for ``name`` that no other row of ``model`` uses."""
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def pending_join_requests(user: Any) -> QuerySet[JoinRequest]:
    """Requests to join the organisations this user administers."""
    if not user.is_authenticated or user.person_id is None:
        return JoinRequest.objects.none()
    return (
        JoinRequest.objects.filter(
            status=JoinRequest.Status.PENDING,
            organisation__affiliations__person_id=user.person_id,
            organisation__affiliations__is_admin=True,
        )
        .select_related("organisation", "user__person")
        .distinct()
    )
def record_versions(record: Any) -> list[Version]:
    """Like ``organisation_versions``, for any record with history (fields only)."""
    records = list(record.history.select_related("history_user").all())
    versions = []
    for version, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None:
            for change in version.diff_against(previous).changes:
                field: Any = type(record)._meta.get_field(change.field)
                changes.append(
                    Change(
                        label=str(field.verbose_name),
                        old=_display(field, change.old),
                        new=_display(field, change.new),
                    )
                )
        user: User | None = version.history_user
        versions.append(Version(record=version, who=str(user) if user else "–", changes=changes))
    return versions
