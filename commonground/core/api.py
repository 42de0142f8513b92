"""JSON endpoints for areas and organisations."""

import json
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from commonground.api.auth import READ_AUTH, WRITE_AUTH
from commonground.api.errors import ERROR_RESPONSES, ApiError
from commonground.api.pagination import Page, PageParams, paginate
from commonground.core import actions, identifiers, queries
from commonground.core.models import Area, BeneficiaryGroup, Organisation, Region, Theme

router = Router(tags=["core"])


class RegionOut(Schema):
    slug: str
    name_en: str
    name_cy: str


class AreaOut(Schema):
    code: str
    slug: str
    name_en: str
    name_cy: str
    country: str
    region: str = Field(..., alias="region.slug")


class OrganisationOut(Schema):
    slug: str
    name_en: str
    name_cy: str
    kind: Organisation.Kind
    legal_form: Organisation.LegalForm
    identifier: str | None
    description_en: str
    description_cy: str
    income_band: str
    themes: list[str]
    beneficiary_groups: list[str]
    area: str = Field(..., description="ONS code of the home area.")
    areas_served: list[str]
    welsh_language: Organisation.WelshLanguage
    constituted: bool
    founded_on: date | None
    website: str
    email: str
    phone: str
    public_listing: bool
    updated_at: datetime

    @staticmethod
    def resolve_themes(obj: Organisation) -> list[str]:
        return [t.slug for t in obj.themes.all()]

    @staticmethod
    def resolve_beneficiary_groups(obj: Organisation) -> list[str]:
        return [g.slug for g in obj.beneficiary_groups.all()]

    @staticmethod
    def resolve_area(obj: Organisation) -> str:
        return obj.area.code

    @staticmethod
    def resolve_areas_served(obj: Organisation) -> list[str]:
        return [a.code for a in obj.areas_served.all()]


class OrganisationChanges(Schema):
    """Fields to change. Omitted fields stay as they are."""

    name_en: str | None = None
    name_cy: str | None = None
    legal_form: Organisation.LegalForm | None = None
    identifier: str | None = None
    description_en: str | None = None
    description_cy: str | None = None
    income_band: Organisation.IncomeBand | None = None
    themes: list[str] | None = Field(None, description="Theme slugs.")
    beneficiary_groups: list[str] | None = Field(None, description="Beneficiary group slugs.")
    areas_served: list[str] | None = Field(None, description="ONS area codes.")
    welsh_language: Organisation.WelshLanguage | None = None
    constituted: bool | None = None
    founded_on: date | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    postcode: str | None = None
    public_listing: bool | None = None


class OrganisationCreate(OrganisationChanges):
    name_en: str
    kind: Organisation.Kind
    legal_form: Organisation.LegalForm
    area: str = Field(..., description="ONS code of the home area.")


class OrganisationFilters(Schema):
    area: str | None = Field(None, description="ONS code of the home area.")
    kind: Organisation.Kind | None = None


def _organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return queries.visible_organisations(request.user).prefetch_related(
        "themes", "beneficiary_groups", "areas_served"
    )


def _lookup(model: Any, key: str, values: list[str], field: str) -> list[Any]:
    found = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": values})}
    unknown = [v for v in values if v not in found]
    if unknown:
        raise ApiError(
            400,
            _("The request has invalid fields."),
            [{"field": field, "message": _("Unknown value: %s") % ", ".join(unknown)}],
        )
    return [found[v] for v in values]


def _require_object(request: HttpRequest) -> None:
    """Ninja reads a JSON list or scalar body as "no fields"; say it is wrong instead."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return  # malformed JSON is reported by ninja's own parser
    if not isinstance(body, dict):
        raise ApiError(400, _("The request body must be a JSON object."))


def _to_model_values(payload: OrganisationChanges) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    nul = [name for name, value in data.items() if isinstance(value, str) and "\x00" in value]
    if nul:
        raise ApiError(
            400,
            _("The request has invalid fields."),
            [{"field": name, "message": _("Remove the null character.")} for name in nul],
        )
    related = {
        "themes": (Theme, "slug"),
        "beneficiary_groups": (BeneficiaryGroup, "slug"),
        "areas_served": (Area, "code"),
    }
    for name, (model, key) in related.items():
        if name in data:
            data[name] = _lookup(model, key, data[name] or [], name)
    if "area" in data:
        data["area"] = _lookup(Area, "code", [data["area"]], "area")[0]
    if "identifier" in data and not data["identifier"]:
        data["identifier"] = None  # no identifier is NULL, so many organisations can lack one
    if data.get("identifier"):
        try:
            data["identifier"] = identifiers.validate(data["identifier"])
        except identifiers.InvalidIdentifier as exc:
            raise ApiError(
                400,
                _("The request has invalid fields."),
                [{"field": "identifier", "message": str(exc)}],
            ) from exc
    # Text fields are never null in the model: null means "clear it".
    for name, value in data.items():
        if value is None and name not in {"identifier", "founded_on"}:
            data[name] = ""
    return data


@router.get("/regions", response=list[RegionOut], summary="List regions")
def list_regions(request: HttpRequest) -> Any:
    return Region.objects.all()


@router.get("/areas", response=list[AreaOut], summary="List areas")
def list_areas(request: HttpRequest) -> Any:
    return Area.objects.select_related("region")


@router.get("/areas/{code}", response={200: AreaOut, **ERROR_RESPONSES}, summary="Get an area")
def get_area(request: HttpRequest, code: str) -> Any:
    return get_object_or_404(Area.objects.select_related("region"), code=code)


@router.get(
    "/organisations",
    auth=READ_AUTH,
    response={200: Page[OrganisationOut], **ERROR_RESPONSES},
    summary="List organisations",
)
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilters], paging: Query[PageParams]
) -> Any:
    qs = _organisations(request)
    if filters.area:
        qs = qs.filter(area__code=filters.area)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return paginate(qs.order_by("name_en", "pk"), paging)


@router.get(
    "/organisations/{slug}",
    auth=READ_AUTH,
    response={200: OrganisationOut, **ERROR_RESPONSES},
    summary="Get an organisation",
)
def get_organisation(request: HttpRequest, slug: str) -> Any:
    return get_object_or_404(_organisations(request), slug=slug)


@router.post(
    "/organisations",
    response={201: OrganisationOut, **ERROR_RESPONSES},
    auth=WRITE_AUTH,
    summary="Add an organisation",
)
def create_organisation(request: HttpRequest, payload: OrganisationCreate) -> Any:
    _require_object(request)
    organisation = actions.create_organisation(request.user, _to_model_values(payload))  # type: ignore[arg-type]
    return Status(201, organisation)


@router.patch(
    "/organisations/{slug}",
    response={200: OrganisationOut, **ERROR_RESPONSES},
    auth=WRITE_AUTH,
    summary="Change an organisation",
)
def update_organisation(request: HttpRequest, slug: str, payload: OrganisationChanges) -> Any:
    _require_object(request)
    organisation = get_object_or_404(_organisations(request), slug=slug)
    actions.update_organisation(request.user, organisation, _to_model_values(payload))  # type: ignore[arg-type]
    return _organisations(request).get(pk=organisation.pk)
