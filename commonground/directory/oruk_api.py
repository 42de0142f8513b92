"""The Open Referral UK API v3, served at ``/oruk/`` (see docs/directory.md).

Plain Django views: the ORUK shapes and envelope are fixed by the standard, and errors are
ORUK-style JSON (``{"status", "error", "message", "errors": [{"parameter", "message"}]}``).
Only services of publicly listed organisations are served.
"""

import math
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from commonground.directory import oruk_schemas, postcodes, search
from commonground.directory.models import (
    OrganisationProfile,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from commonground.directory.oruk_records import export_tables, object_rows
from commonground.directory.search import ServiceQuery, fetch_page, is_narrow, search_services
from commonground.interop.oruk.convert import (
    Index,
    nest_organization,
    nest_service,
    nest_service_at_location,
    nest_taxonomy,
    nest_term,
)

VERSION = "3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000
MAX_PAGE = 1_000_000  # keeps the row offset within a database integer


class OrukError(Exception):
    def __init__(self, status: int, message: str, errors: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or []


_REASONS = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


def _error(status: int, message: str, errors: list[dict[str, str]] | None = None) -> JsonResponse:
    return JsonResponse(
        {
            "status": status,
            "error": _REASONS.get(status, "Error"),
            "message": message,
            "errors": errors or [],
        },
        status=status,
    )


def endpoint(view: Callable[..., Any]) -> Callable[..., JsonResponse]:
    @require_GET
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            result = view(request, *args, **kwargs)
        except OrukError as exc:
            return _error(exc.status, exc.message, exc.errors)
        response = JsonResponse(result, safe=False, json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _int(
    request: HttpRequest, name: str, default: int | None, low: int, high: int | None
) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise OrukError(
            400,
            f"{name} must be a whole number.",
            [{"parameter": name, "message": "Must be a whole number."}],
        ) from None
    if value < low or (high is not None and value > high):
        limit = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise OrukError(
            400, f"{name} must be {limit}.", [{"parameter": name, "message": f"Must be {limit}."}]
        )
    return value


def _uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise OrukError(
            400, f"{name} must be a UUID.", [{"parameter": name, "message": "Must be a UUID."}]
        ) from None


def _bool(request: HttpRequest, name: str) -> bool:
    raw = (request.GET.get(name) or "").lower()
    if raw in {"", "false", "0", "no"}:
        return False
    if raw in {"true", "1", "yes"}:
        return True
    raise OrukError(
        400,
        f"{name} must be true or false.",
        [{"parameter": name, "message": "Must be true or false."}],
    )


def _page(
    request: HttpRequest,
    qs: QuerySet[Any],
    build: Callable[[list[Any]], list[dict[str, Any]]],
    narrow: bool = False,
) -> dict[str, Any]:
    page = _int(request, "page", 1, 1, MAX_PAGE) or 1
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE
    total, objects = fetch_page(qs, (page - 1) * per_page, per_page, narrow=narrow)
    total_pages = max(1, math.ceil(total / per_page))
    contents = build(objects)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _public_services() -> QuerySet[Service]:
    return Service.objects.filter(listed=True)


@endpoint
def api_details(request: HttpRequest) -> dict[str, Any]:
    """Which ORUK version and profile this API follows, and where its OpenAPI file is."""
    return {
        "version": VERSION,
        "profile": PROFILE,
        "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
    }


def _modified_after(request: HttpRequest) -> datetime | None:
    raw = request.GET.get("modified_after")
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise OrukError(
            400,
            "modified_after must be a date and time.",
            [{"parameter": "modified_after", "message": "Must be an ISO 8601 date and time."}],
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _near(request: HttpRequest) -> tuple[tuple[float, float] | None, float | None]:
    postcode = request.GET.get("postcode")
    proximity = request.GET.get("proximity")
    if not postcode:
        if proximity:
            raise OrukError(
                400,
                "proximity needs a postcode.",
                [{"parameter": "proximity", "message": "Give a postcode with proximity."}],
            )
        return None, None
    try:
        point = postcodes.locate(postcode)
    except postcodes.InvalidPostcode:
        raise OrukError(
            400,
            "postcode is not a UK postcode.",
            [{"parameter": "postcode", "message": "Not a UK postcode."}],
        ) from None
    if point is None:
        raise OrukError(
            400,
            "postcode is not known.",
            [{"parameter": "postcode", "message": "This postcode is not in the postcode table."}],
        )
    radius = None
    if proximity:
        try:
            metres = float(proximity)
        except ValueError:
            metres = -1
        if metres <= 0 or math.isnan(metres) or math.isinf(metres):
            raise OrukError(
                400,
                "proximity must be a positive number of metres.",
                [{"parameter": "proximity", "message": "Must be a positive number of metres."}],
            )
        radius = metres / 1000
    return point, radius


def _service_query(request: HttpRequest) -> tuple[ServiceQuery, datetime | None]:
    term = _uuid(request, "taxonomy_term_id")
    if term is not None and not TaxonomyTerm.objects.filter(pk=term).exists():
        raise OrukError(
            400,
            "Unknown taxonomy term.",
            [{"parameter": "taxonomy_term_id", "message": "No taxonomy term has this id."}],
        )
    taxonomy = _uuid(request, "taxonomy_id")
    organisation = _uuid(request, "organization_id")
    organisation_ids = None
    if organisation is not None:
        organisation_ids = list(
            OrganisationProfile.objects.filter(pk=organisation).values_list(
                "organisation_id", flat=True
            )
        )
    near, radius = _near(request)
    query = ServiceQuery(
        text=request.GET.get("search", "")[:200],
        term_ids=[term] if term else [],
        taxonomy_id=taxonomy,
        organisation_ids=organisation_ids,
        minimum_age=_int(request, "minimum_age", None, 0, 150),
        maximum_age=_int(request, "maximum_age", None, 0, 150),
        near=near,
        radius_km=radius,
        sort="distance" if near else "relevance",
        public_only=False,
    )
    return query, _modified_after(request)


def _index_for(service_ids: list[Any], only: tuple[str, ...] | None = None) -> Index:
    return Index(export_tables(services=service_ids, only=only))


@endpoint
def services(request: HttpRequest) -> dict[str, Any]:
    query, modified_after = _service_query(request)
    qs = search_services(query, _public_services())
    if modified_after is not None:
        qs = qs.filter(last_modified__gte=modified_after)
    full = _bool(request, "full")

    def build(objects: list[Service]) -> list[dict[str, Any]]:
        # A brief list shows each service and its organisation, nothing nested deeper.
        index = _index_for([s.pk for s in objects], None if full else ("services",))
        items = []
        for s in objects:
            if full:
                items.append(nest_service(index, str(s.pk)))
                continue
            item = {
                k: v for k, v in index.by_id["services"][str(s.pk)].items() if not k.startswith("_")
            }
            org = item.get("organization_id")
            if org in index.by_id["organizations"]:
                item["organization"] = {
                    k: v
                    for k, v in index.by_id["organizations"][org].items()
                    if not k.startswith("_")
                }
            items.append(item)
        return items

    return _page(request, qs, build, is_narrow(query))


def _get(qs: QuerySet[Any], raw: str, kind: str) -> Any:
    try:
        pk = uuid.UUID(raw)
    except ValueError:
        raise OrukError(404, f"No {kind} has this id.") from None
    found = qs.filter(pk=pk).first()
    if found is None:
        raise OrukError(404, f"No {kind} has this id.")
    return found


@endpoint
def service(request: HttpRequest, pk: str) -> dict[str, Any]:
    found = _get(_public_services(), pk, "service")
    return nest_service(_index_for([found.pk]), str(found.pk))


@endpoint
def service_at_locations(request: HttpRequest) -> dict[str, Any]:
    query, modified_after = _service_query(request)
    services = search_services(query, _public_services())
    if modified_after is not None:
        services = services.filter(last_modified__gte=modified_after)
    narrow = is_narrow(query)
    return _page(
        request,
        search.service_at_locations(query, services),
        _sal_builder(_bool(request, "full")),
        narrow,
    )


def _sal_builder(full: bool) -> Callable[[list[ServiceAtLocation]], list[dict[str, Any]]]:
    def build(objects: list[ServiceAtLocation]) -> list[dict[str, Any]]:
        index = _index_for(list({s.service_id for s in objects}))
        out = []
        for sal in objects:
            item = nest_service_at_location(index, str(sal.pk), service=full)
            if not full:
                brief = {
                    k: v
                    for k, v in index.by_id["services"][str(sal.service_id)].items()
                    if not k.startswith("_")
                }
                item["service"] = brief
            out.append(item)
        return out

    return build


@endpoint
def service_at_location(request: HttpRequest, pk: str) -> dict[str, Any]:
    found = _get(
        ServiceAtLocation.objects.filter(service__in=_public_services()), pk, "service at location"
    )
    return nest_service_at_location(_index_for([found.service_id]), str(found.pk))


def _term_rows(terms: list[TaxonomyTerm]) -> list[dict[str, Any]]:
    return object_rows("taxonomy_terms", terms)


def _taxonomy_rows(taxonomies: list[Taxonomy]) -> list[dict[str, Any]]:
    return object_rows("taxonomies", taxonomies)


def _text(qs: QuerySet[Any], request: HttpRequest, *fields: str) -> QuerySet[Any]:
    text = (request.GET.get("search") or "").strip()[:200]
    if not text:
        return qs
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": text})
    return qs.filter(condition)


@endpoint
def taxonomies(request: HttpRequest) -> dict[str, Any]:
    qs = _text(Taxonomy.objects.order_by("name", "pk"), request, "name", "description")
    return _page(request, qs, _taxonomy_rows)


@endpoint
def taxonomy(request: HttpRequest, pk: str) -> dict[str, Any]:
    found = _get(Taxonomy.objects.all(), pk, "taxonomy")
    index = Index(
        {
            "taxonomies": _taxonomy_rows([found]),
            "taxonomy_terms": _term_rows(list(found.terms.order_by("name_en", "pk"))),
        }
    )
    return nest_taxonomy(index, str(found.pk))


@endpoint
def taxonomy_terms(request: HttpRequest) -> dict[str, Any]:
    qs = _text(
        TaxonomyTerm.objects.order_by("name_en", "pk"), request, "name_en", "name_cy", "description"
    )
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id is not None:
        qs = qs.filter(taxonomy_id=taxonomy_id)
    parent = _uuid(request, "parent_id")
    if parent is not None:
        qs = qs.filter(parent_id_ref=parent)
    if _bool(request, "top_only"):
        qs = qs.filter(parent_id_ref__isnull=True)
    return _page(request, qs, _term_rows)


@endpoint
def taxonomy_term(request: HttpRequest, pk: str) -> dict[str, Any]:
    found = _get(TaxonomyTerm.objects.all(), pk, "taxonomy term")
    index = Index({"taxonomy_terms": _term_rows([found])})
    return nest_term(index, str(found.pk)) or {}


def _public_profiles() -> QuerySet[OrganisationProfile]:
    return OrganisationProfile.objects.filter(organisation__public_listing=True)


@endpoint
def organizations(request: HttpRequest) -> dict[str, Any]:
    qs = _text(
        _public_profiles().order_by("organisation__name_en", "pk"),
        request,
        "organisation__name_en",
        "organisation__name_cy",
    )
    full_service = _bool(request, "full_service")
    full = _bool(request, "full")

    def build(objects: list[OrganisationProfile]) -> list[dict[str, Any]]:
        org_ids = [p.organisation_id for p in objects]
        if full or full_service:
            tables = export_tables(
                services=Service.objects.filter(organisation_id__in=org_ids).values_list(
                    "pk", flat=True
                ),
                organisations=org_ids,
            )
        else:
            tables = export_tables(services=[], organisations=org_ids)
        index = Index(tables)
        mode = "full" if full_service else ("brief" if full else "none")
        out = []
        for p in objects:
            item = nest_organization(index, str(p.pk), services=mode)
            if mode == "none":
                item.pop("organization_identifiers", None)
                item.pop("attributes", None)
            out.append(item)
        return out

    return _page(request, qs, build)


@endpoint
def organization(request: HttpRequest, pk: str) -> dict[str, Any]:
    found = _get(_public_profiles(), pk, "organization")
    org_ids = [found.organisation_id]
    tables = export_tables(
        services=Service.objects.filter(organisation_id__in=org_ids).values_list("pk", flat=True),
        organisations=org_ids,
    )
    full_service = _bool(request, "full_service")
    return nest_organization(
        Index(tables), str(found.pk), services="full" if full_service else "brief"
    )


_PAGE_PARAMS = ["search", "page", "per_page"]
_PATHS: list[tuple[str, str, list[str], bool]] = [
    ("/", "api_details.json", [], False),
    (
        "/services",
        "service_list.json",
        [
            *_PAGE_PARAMS,
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "minimum_age",
            "maximum_age",
            "modified_after",
            "full",
            "postcode",
            "proximity",
        ],
        False,
    ),
    ("/services/{id}", "service.json", [], False),
    (
        "/service_at_locations",
        "service_at_location_list.json",
        [
            *_PAGE_PARAMS,
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "modified_after",
            "full",
            "postcode",
            "proximity",
        ],
        True,
    ),
    ("/service_at_locations/{id}", "service_at_location.json", [], True),
    ("/taxonomies", "taxonomy_list.json", _PAGE_PARAMS, True),
    ("/taxonomies/{id}", "taxonomy.json", [], True),
    (
        "/taxonomy_terms",
        "taxonomy_term_list.json",
        [*_PAGE_PARAMS, "taxonomy_id", "parent_id", "top_only"],
        True,
    ),
    ("/taxonomy_terms/{id}", "taxonomy_term.json", [], True),
    ("/organizations", "organization_list.json", [*_PAGE_PARAMS, "full", "full_service"], True),
    ("/organizations/{id}", "organization.json", ["full_service"], True),
]
# What each parameter accepts; the ORUK standard leaves the bounds to the publisher.
_TYPES: dict[str, dict[str, Any]] = {
    "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    "minimum_age": {"type": "integer", "minimum": 0, "maximum": 150},
    "maximum_age": {"type": "integer", "minimum": 0, "maximum": 150},
    "full": {"type": "boolean"},
    "full_service": {"type": "boolean"},
    "top_only": {"type": "boolean"},
}


@endpoint
def openapi(request: HttpRequest) -> dict[str, Any]:
    """An OpenAPI 3.0 description of this API, with the ORUK response schemas bundled."""
    paths: dict[str, Any] = {}
    for path, schema, params, optional in _PATHS:
        operation: dict[str, Any] = {
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"$ref": oruk_schemas.reference(schema)}}},
                },
                "400": {"description": "Invalid parameters"},
                "404": {"description": "Not found"},
            },
            "parameters": [
                {
                    "name": p,
                    "in": "query",
                    "required": False,
                    "schema": _TYPES.get(p, {"type": "string"}),
                }
                for p in params
            ],
        }
        if "{id}" in path:
            operation["parameters"].append(
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            )
        if optional:
            operation["tags"] = ["Optional"]
        paths[path] = {"get": operation}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Commonground Open Referral UK API",
            "version": "HSDS-UK-3.0",
            "description": "The Commonground directory's services, organisations and taxonomies.",
            "license": {
                "name": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            },
        },
        "servers": [{"url": request.build_absolute_uri(reverse("oruk:api-details")).rstrip("/")}],
        "tags": [{"name": "Optional", "description": "Optional endpoints"}],
        "paths": paths,
        "components": {"schemas": oruk_schemas.bundled()},
    }
