"""Reusable reads for directory pages."""

from typing import Any

from django.db.models import Q, QuerySet

from commonground.core.models import RoleAssignment
from commonground.directory.models import Service, Suggestion


def service_detail(pk: Any) -> Service | None:
    return (
        Service.objects.select_related("organisation", "organisation__area")
        .prefetch_related(
            "schedules",
            "service_at_locations__location__addresses",
            "service_at_locations__schedules",
            "contacts__phones",
            "cost_options",
            "languages",
            "themes",
        )
        .filter(pk=pk)
        .first()
    )


def pending_suggestions_for(user: Any) -> QuerySet[Suggestion]:
    """Suggestions this user may review: their organisations' and their areas'."""
    qs = Suggestion.objects.filter(status=Suggestion.Status.PENDING).select_related(
        "service", "service__organisation", "proposed_by"
    )
    if user.is_superuser:
        return qs
    areas = RoleAssignment.objects.filter(
        user_id=user.pk,
        role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN],
    ).values("area_id")
    condition = Q(service__organisation__area_id__in=areas)
    if user.person_id:
        condition |= Q(
            service__organisation__affiliations__person_id=user.person_id,
            service__organisation__affiliations__is_admin=True,
        )
    return qs.filter(condition).distinct()
