"""The directory's own JSON, beside ORUK: services as Commonground records them.

ORUK (``/oruk/``) publishes the standard's shapes for other referral systems; this router
gives the platform's fields (both languages, themes by slug, the organisation by slug) for
the platform's own clients. Lists hold listed services, as the public search does; one
service is shown to whoever may see its page (its organisation's members and area staff see
unlisted ones too).
"""

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from commonground.api.auth import READ_AUTH
from commonground.api.errors import ERROR_RESPONSES, ApiError
from commonground.api.pagination import Page, PageParams, paginate
from commonground.core.models import Organisation
from commonground.directory import queries
from commonground.directory.models import Service

router = Router(tags=["directory"])


class ServiceOut(Schema):
    id: uuid.UUID
    organisation: str = Field(..., description="Slug of the organisation that runs it.")
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    status: Service.Status
    url: str
    email: str
    minimum_age: int | None
    maximum_age: int | None
    themes: list[str] = Field(..., description="Slugs of the service's themes.")
    last_modified: datetime
    oruk_url: str = Field(..., description="The same service in Open Referral UK's shape.")

    @staticmethod
    def resolve_organisation(obj: Service) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_themes(obj: Service) -> list[str]:
        return [t.slug for t in obj.themes.all()]

    @staticmethod
    def resolve_oruk_url(obj: Service) -> str:
        return f"/oruk/services/{obj.pk}"


class ServiceFilters(Schema):
    organisation: str = Field("", description="Slug of the organisation.")
    area: str = Field("", description="Slug of the organisation's home area.")
    theme: str = Field("", description="Slug of a theme.")


@router.get(
    "/directory/services",
    response={200: Page[ServiceOut], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="List listed services",
)
def list_services(
    request: HttpRequest, paging: Query[PageParams], filters: Query[ServiceFilters]
) -> Any:
    services = Service.objects.filter(listed=True)
    if filters.organisation:
        services = services.filter(organisation__slug=filters.organisation)
    if filters.area:
        services = services.filter(organisation__area__slug=filters.area)
    if filters.theme:
        services = services.filter(themes__slug=filters.theme)
    ordered = services.select_related("organisation").prefetch_related("themes").order_by("pk")
    return paginate(ordered.distinct(), paging)


@router.get(
    "/directory/services/{service_id}",
    response={200: ServiceOut, **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="Get a service",
)
def get_service(request: HttpRequest, service_id: uuid.UUID) -> Any:
    service = queries.service_detail(service_id)
    if service is None or not request.user.has_perm("directory.view_service", service):
        raise ApiError(404, _("There is no such service."))
    return service


@router.get(
    "/directory/organisations/{slug}/services",
    response={200: Page[ServiceOut], **ERROR_RESPONSES},
    auth=READ_AUTH,
    summary="List an organisation's listed services",
)
def organisation_services(request: HttpRequest, slug: str, paging: Query[PageParams]) -> Any:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not request.user.has_perm("core.view_organisation", organisation):
        raise ApiError(404, _("There is no such organisation."))
    services = organisation.services.filter(listed=True).prefetch_related("themes")
    return paginate(services.select_related("organisation").order_by("pk"), paging)
