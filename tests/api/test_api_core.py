"""The JSON API: its OpenAPI description, reads, authenticated writes, and one error format."""

import json
import math
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_spec_validator import validate

from commonground.api.models import ApiToken
from commonground.api.pagination import MAX_PER_PAGE
from commonground.core import permissions as _rules  # noqa: F401  (see test_core_permissions: rules are not registered at start-up)
from commonground.core.models import Area, DomainEvent, Organisation, Theme
from commonground.urls_api import api

NAME_MAX = Organisation._meta.get_field("name_en").max_length


# --- helpers ----------------------------------------------------------------------------------


def assert_error(response: Any, status: int, fields: set[str] | None = None) -> dict[str, Any]:
    """The one error format: {"message": str, "errors": [{"field"?, "message"}]}."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], list)
    for error in body["errors"]:
        assert isinstance(error["message"], str) and error["message"]
        assert set(error) <= {"field", "message"}
    if fields is not None:
        assert {e.get("field") for e in body["errors"]} >= fields, body
    return body


def state() -> tuple[Any, ...]:
    """Everything a write could touch."""
    organisations = list(Organisation.objects.order_by("pk").values())
    themes = list(Organisation.themes.through.objects.order_by("pk").values())
    return (
        organisations,
        themes,
        Organisation.history.count(),
        DomainEvent.objects.count(),
    )


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def send(client: Client, method: str, path: str, body: Any, **extra: Any) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(path, data=data, content_type="application/json", **extra)


@pytest.fixture
def organisation(make_organisation) -> Organisation:
    return make_organisation(
        name_en="Tregaron Pantry", identifier="GB-CHC-1089464", public_listing=True
    )


@pytest.fixture
def admin_token(make_user, organisation) -> str:
    return ApiToken.issue(make_user(admin_of=organisation), "test")[1]


@pytest.fixture
def staff(make_user, area):
    return make_user(role=("infrastructure_staff", area))


@pytest.fixture
def staff_token(staff) -> str:
    return ApiToken.issue(staff, "test")[1]


# --- the OpenAPI description ------------------------------------------------------------------


def test_schema_is_a_valid_openapi_3_document(client: Client, db) -> None:
    response = client.get("/api/schema")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_docs_page_is_served(client: Client, db) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"/api/schema" in response.content


def _api_patterns() -> list[tuple[str, URLPattern]]:
    """Every URL pattern Django routes under /api/, with its full path."""
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            else:
                found.append((prefix + str(p.pattern), p))

    walk(get_resolver().url_patterns, "/")
    return [(path, p) for path, p in found if path.startswith("/api/")]


def _as_openapi_path(django_path: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", django_path.rstrip("$").lstrip("^"))


SCHEMA_AND_DOCS = {"openapi-json", "openapi-view", "api-root"}


def test_every_api_route_appears_in_the_schema(client: Client, db) -> None:
    paths = client.get("/api/schema").json()["paths"]

    # 1. Every operation registered with the NinjaAPI, with its method.
    operations = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = "/api" + re.sub(r"/+", "/", f"/{prefix}/{path}").rstrip("/")
            for operation in path_view.operations:
                for method in operation.methods:
                    operations.append((full, method.lower()))
    assert operations, "the API should have operations"
    for path, method in operations:
        assert path in paths, f"{path} missing from the schema"
        assert method in paths[path], f"{method.upper()} {path} missing from the schema"

    # 2. Every URL Django actually routes under /api/, however it was added.
    routed = {
        _as_openapi_path(path)
        for path, pattern in _api_patterns()
        if pattern.name not in SCHEMA_AND_DOCS
    }
    assert routed, "URL patterns under /api/ should be found"
    missing = routed - set(paths)
    assert not missing, f"routed but not described: {sorted(missing)}"


def test_write_operations_declare_their_security_and_error_responses(client: Client, db) -> None:
    paths = client.get("/api/schema").json()["paths"]
    for method in ("post", "patch", "put", "delete"):
        for path, operations in paths.items():
            if method in operations:
                operation = operations[method]
                assert operation.get("security"), f"{method} {path} has no security"
                assert {"400", "401", "403"} <= set(operation["responses"]), (method, path)


# --- areas ------------------------------------------------------------------------------------


def test_list_areas_gives_every_area_with_its_region(client: Client, db) -> None:
    response = client.get("/api/areas")
    assert response.status_code == 200
    body = response.json()
    by_code = {a["code"]: a for a in body}
    assert len(by_code) == len(body) == Area.objects.count()
    assert sum(1 for a in body if a["country"] == "wales") == 22  # the 22 Welsh authorities
    ceredigion = by_code["W06000008"]
    assert ceredigion["name_en"] == "Ceredigion"
    assert ceredigion["region"] == "mid-and-west-wales"


def test_get_area(client: Client, area) -> None:
    body = client.get(f"/api/areas/{area.code}").json()
    assert body["code"] == area.code
    assert body["name_en"] == area.name_en
    assert body["name_cy"] == area.name_cy
    assert body["region"] == area.region.slug


def test_unknown_area_is_404_in_the_error_format(client: Client, db) -> None:
    assert_error(client.get("/api/areas/W99999999"), 404)


def test_list_regions(client: Client, db) -> None:
    body = client.get("/api/regions").json()
    slugs = {r["slug"] for r in body}
    assert len(body) == 15  # the six Welsh regional footprints and England's nine regions
    assert {"mid-and-west-wales", "gwent", "north-east-england", "london"} <= slugs
    assert {"slug", "name_en", "name_cy"} <= set(body[0])


# --- organisations: reads ---------------------------------------------------------------------


def test_get_organisation(client: Client, organisation) -> None:
    theme = Theme.objects.order_by("slug").first()
    organisation.themes.set([theme])
    body = client.get(f"/api/organisations/{organisation.slug}").json()
    assert body["slug"] == organisation.slug
    assert body["name_en"] == "Tregaron Pantry"
    assert body["identifier"] == "GB-CHC-1089464"
    assert body["area"] == organisation.area.code
    assert body["themes"] == [theme.slug]
    assert body["kind"] == organisation.kind


def test_pagination_envelope_is_consistent(client: Client, make_organisation, other_area) -> None:
    made = {make_organisation(area=other_area).slug for _ in range(7)}
    per_page = 3
    seen: list[str] = []
    page = 1
    while True:
        response = client.get(
            "/api/organisations", {"area": other_area.code, "per_page": per_page, "page": page}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == len(made)
        assert body["page"] == page
        assert body["per_page"] == per_page
        assert body["pages"] == math.ceil(len(made) / per_page)
        expected_items = min(per_page, len(made) - (page - 1) * per_page)
        assert len(body["items"]) == expected_items
        seen += [o["slug"] for o in body["items"]]
        if page >= body["pages"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == len(made)  # no item twice, none missed
    assert set(seen) == made

    beyond = client.get(
        "/api/organisations", {"area": other_area.code, "per_page": per_page, "page": 99}
    ).json()
    assert beyond["items"] == []
    assert beyond["count"] == len(made)


def test_empty_list_has_one_page(client: Client, db) -> None:
    body = client.get("/api/organisations", {"area": "E06000001"}).json()
    assert body == {"items": [], "count": 0, "page": 1, "per_page": 50, "pages": 1}


def test_filter_by_kind(client: Client, make_organisation, other_area) -> None:
    body_a = make_organisation(area=other_area, kind=Organisation.Kind.PUBLIC_BODY)
    make_organisation(area=other_area, kind=Organisation.Kind.THIRD_SECTOR)
    body = client.get("/api/organisations", {"area": other_area.code, "kind": "public_body"}).json()
    assert [o["slug"] for o in body["items"]] == [body_a.slug]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"per_page": 0}, "per_page"),
        ({"per_page": MAX_PER_PAGE + 1}, "per_page"),
        ({"per_page": -5}, "per_page"),
        ({"per_page": "ten"}, "per_page"),
        ({"page": 0}, "page"),
        ({"page": -1}, "page"),
        ({"page": "first"}, "page"),
        ({"kind": "pirate"}, "kind"),
    ],
)
def test_bad_list_parameters_are_400_with_field_errors(
    client: Client, db, query: dict[str, Any], field: str
) -> None:
    assert_error(client.get("/api/organisations", query), 400, {field})


@pytest.mark.parametrize("per_page", [1, MAX_PER_PAGE])
def test_per_page_limits_are_inclusive(client: Client, db, per_page: int) -> None:
    response = client.get("/api/organisations", {"per_page": per_page})
    assert response.status_code == 200
    assert response.json()["per_page"] == per_page


def test_unlisted_organisations_are_hidden_from_anonymous(
    client: Client, make_organisation, area, other_area, make_user
) -> None:
    listed = make_organisation(area=other_area, public_listing=True)
    unlisted = make_organisation(area=other_area, public_listing=False)

    def slugs() -> set[str]:
        body = client.get("/api/organisations", {"area": other_area.code}).json()
        assert body["count"] == len(body["items"])
        return {o["slug"] for o in body["items"]}

    assert slugs() == {listed.slug}
    assert_error(client.get(f"/api/organisations/{unlisted.slug}"), 404)
    # Staff of another area are the public here.
    client.force_login(make_user(role=("infrastructure_staff", area)))
    assert slugs() == {listed.slug}
    # Staff of the area, signed in, see it.
    client.force_login(make_user(role=("infrastructure_staff", other_area)))
    assert slugs() == {listed.slug, unlisted.slug}
    assert client.get(f"/api/organisations/{unlisted.slug}").status_code == 200


def test_a_token_identifies_the_client_on_reads_too(
    client: Client, make_organisation, other_area, make_user
) -> None:
    unlisted = make_organisation(area=other_area, public_listing=False)
    secret = ApiToken.issue(make_user(role=("infrastructure_staff", other_area)), "t")[1]
    listed = client.get("/api/organisations", {"area": other_area.code}, **bearer(secret)).json()
    assert unlisted.slug in {o["slug"] for o in listed["items"]}
    assert client.get(f"/api/organisations/{unlisted.slug}", **bearer(secret)).status_code == 200


def test_unknown_organisation_is_404(client: Client, db) -> None:
    assert_error(client.get("/api/organisations/no-such-thing"), 404)


# --- organisations: writes --------------------------------------------------------------------


def new_organisation(**fields: Any) -> dict[str, Any]:
    return {
        "name_en": "Llanon Village Hall",
        "kind": "third_sector",
        "legal_form": "cio",
        "area": "W06000008",
        **fields,
    }


def test_post_and_patch_need_authentication(client: Client, organisation) -> None:
    before = state()
    assert_error(send(client, "post", "/api/organisations", new_organisation()), 401)
    assert_error(
        send(client, "patch", f"/api/organisations/{organisation.slug}", {"name_en": "X"}), 401
    )
    assert_error(
        send(
            client,
            "patch",
            f"/api/organisations/{organisation.slug}",
            {"name_en": "X"},
            **bearer("not-a-real-token"),
        ),
        401,
    )
    assert state() == before


def test_token_of_a_deactivated_account_is_refused(client: Client, organisation, make_user) -> None:
    user = make_user(admin_of=organisation)
    secret = ApiToken.issue(user, "t")[1]
    user.is_active = False
    user.save()
    response = send(
        client,
        "patch",
        f"/api/organisations/{organisation.slug}",
        {"name_en": "X"},
        **bearer(secret),
    )
    assert_error(response, 401)


def test_post_and_patch_need_permission(
    client: Client, organisation, make_user, make_organisation
) -> None:
    member = ApiToken.issue(make_user(member_of=organisation), "t")[1]
    admin_elsewhere = ApiToken.issue(make_user(admin_of=make_organisation()), "t")[1]
    before = state()
    assert_error(
        send(client, "post", "/api/organisations", new_organisation(), **bearer(member)), 403
    )
    for secret in (member, admin_elsewhere):
        response = send(
            client,
            "patch",
            f"/api/organisations/{organisation.slug}",
            {"name_en": "Taken over"},
            **bearer(secret),
        )
        assert_error(response, 403)
    assert state() == before


def test_patch_with_bearer_token(client: Client, organisation, admin_token) -> None:
    theme = Theme.objects.order_by("slug").first()
    history, events = organisation.history.count(), DomainEvent.objects.count()
    response = send(
        client,
        "patch",
        f"/api/organisations/{organisation.slug}",
        {
            "name_en": "Tregaron Community Pantry",
            "themes": [theme.slug],
            "identifier": "gb-chc-1089465",
        },
        **bearer(admin_token),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name_en"] == "Tregaron Community Pantry"
    assert body["themes"] == [theme.slug]
    assert body["identifier"] == "GB-CHC-1089465"
    organisation.refresh_from_db()
    assert organisation.name_en == "Tregaron Community Pantry"
    assert list(organisation.themes.all()) == [theme]
    assert organisation.history.count() == history + 1
    assert DomainEvent.objects.count() == events + 1
    event = DomainEvent.objects.latest("id")
    assert event.type == "organisation.updated"
    assert set(event.payload["changed_fields"]) == {"name_en", "themes", "identifier"}


def test_patch_leaves_omitted_fields_alone(client: Client, organisation, admin_token) -> None:
    send(
        client,
        "patch",
        f"/api/organisations/{organisation.slug}",
        {"phone": "01974 000000"},
        **bearer(admin_token),
    )
    organisation.refresh_from_db()
    assert organisation.phone == "01974 000000"
    assert organisation.name_en == "Tregaron Pantry"
    assert organisation.identifier == "GB-CHC-1089464"


def test_post_with_bearer_token_by_staff(client: Client, staff_token, staff) -> None:
    theme = Theme.objects.order_by("slug").first()
    response = send(
        client,
        "post",
        "/api/organisations",
        new_organisation(
            identifier="GB-CHC-1100001", themes=[theme.slug], areas_served=["W06000023"]
        ),
        **bearer(staff_token),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    created = Organisation.objects.get(slug=body["slug"])
    assert created.name_en == "Llanon Village Hall"
    assert created.area.code == "W06000008"
    assert created.identifier == "GB-CHC-1100001"
    assert [t.slug for t in created.themes.all()] == [theme.slug]
    assert [a.code for a in created.areas_served.all()] == ["W06000023"]
    assert created.history.count() == 1
    assert created.history.get().history_user == staff
    assert DomainEvent.objects.of_type("organisation.created").filter(organisation=created).exists()


def test_session_auth_needs_csrf(organisation, make_user) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(admin_of=organisation))
    path = f"/api/organisations/{organisation.slug}"
    before = state()
    assert_error(send(client, "patch", path, {"name_en": "No token"}), 403)
    assert state() == before

    client.get("/account/")  # any page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = send(client, "patch", path, {"name_en": "With token"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    organisation.refresh_from_db()
    assert organisation.name_en == "With token"


def test_session_post_by_staff_with_csrf(staff) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert_error(send(client, "post", "/api/organisations", new_organisation()), 403)
    assert not Organisation.objects.filter(name_en="Llanon Village Hall").exists()

    client.get("/account/")
    token = client.cookies["csrftoken"].value
    response = send(
        client, "post", "/api/organisations", new_organisation(), HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201, response.content
    created = Organisation.objects.get(slug=response.json()["slug"])
    assert created.history.get().history_user == staff


# --- bad input: 400 with field errors, never 500, nothing written -----------------------------

BAD_PATCHES: dict[str, tuple[Any, set[str] | None]] = {
    "invalid identifier": ({"identifier": "GB-CHC-12"}, {"identifier"}),
    "unknown identifier scheme": ({"identifier": "XX-FOO-123"}, {"identifier"}),
    "malformed identifier": ({"identifier": "1089464"}, {"identifier"}),
    "unknown theme slug": ({"themes": ["no-such-theme"]}, {"themes"}),
    "unknown beneficiary group": ({"beneficiary_groups": ["martians"]}, {"beneficiary_groups"}),
    "unknown area code": ({"areas_served": ["W99999999"]}, {"areas_served"}),
    "over-long name": ({"name_en": "n" * (NAME_MAX + 1)}, {"name_en"}),
    "over-long Welsh name": ({"name_cy": "n" * (NAME_MAX + 1)}, {"name_cy"}),
    "empty name": ({"name_en": ""}, {"name_en"}),
    "null name": ({"name_en": None}, {"name_en"}),
    "bad email": ({"email": "not-an-email"}, {"email"}),
    "bad website": ({"website": "not a url"}, {"website"}),
    "over-long phone": ({"phone": "0" * 31}, {"phone"}),
    "unknown legal form": ({"legal_form": "pirate_ship"}, {"legal_form"}),
    "wrong type: boolean": ({"constituted": "perhaps"}, {"constituted"}),
    "wrong type: list": ({"themes": "health"}, {"themes"}),
    "wrong type: list items": ({"themes": [{"slug": "x"}]}, None),
    "wrong type: name": ({"name_en": ["a", "b"]}, {"name_en"}),
    "wrong type: date": ({"founded_on": "last Tuesday"}, {"founded_on"}),
    "impossible date": ({"founded_on": "2023-02-30"}, {"founded_on"}),
    "malformed JSON": ('{"name_en": "unterminated', None),
    "identifier used by another organisation": ({"identifier": "GB-CHC-1100001"}, {"identifier"}),
    "valid change with an invalid one": (
        {"description_en": "fine", "themes": ["no-such-theme"]},
        {"themes"},
    ),
    "valid theme with an over-long name": (
        {"themes": ["__first_theme__"], "name_en": "n" * (NAME_MAX + 1)},
        {"name_en"},
    ),
}


@pytest.mark.parametrize("case", list(BAD_PATCHES))
def test_bad_patch_is_400_with_field_errors_and_writes_nothing(
    client: Client, organisation, make_organisation, admin_token, case: str
) -> None:
    make_organisation(identifier="GB-CHC-1100001")
    body, fields = BAD_PATCHES[case]
    if isinstance(body, dict) and body.get("themes") == ["__first_theme__"]:
        body = {**body, "themes": [Theme.objects.order_by("slug").first().slug]}
    before = state()
    response = send(
        client, "patch", f"/api/organisations/{organisation.slug}", body, **bearer(admin_token)
    )
    assert_error(response, 400, fields)
    assert state() == before


BAD_POSTS: dict[str, tuple[dict[str, Any], set[str] | None]] = {
    "missing name": ({k: v for k, v in new_organisation().items() if k != "name_en"}, {"name_en"}),
    "missing kind": ({k: v for k, v in new_organisation().items() if k != "kind"}, {"kind"}),
    "unknown kind": (new_organisation(kind="pirate"), {"kind"}),
    "unknown area code": (new_organisation(area="W99999999"), {"area"}),
    "invalid identifier": (new_organisation(identifier="GB-SC-12"), {"identifier"}),
    "unknown theme slug": (new_organisation(themes=["nope"]), {"themes"}),
    "over-long name": (new_organisation(name_en="n" * (NAME_MAX + 1)), {"name_en"}),
    "empty name": (new_organisation(name_en=""), {"name_en"}),
    "wrong type": (new_organisation(public_listing="sometimes"), {"public_listing"}),
}


@pytest.mark.parametrize("case", list(BAD_POSTS))
def test_bad_post_is_400_with_field_errors_and_writes_nothing(
    client: Client, staff_token, case: str
) -> None:
    body, fields = BAD_POSTS[case]
    before = state()
    response = send(client, "post", "/api/organisations", body, **bearer(staff_token))
    assert_error(response, 400, fields)
    assert state() == before


@pytest.mark.parametrize("body", [[{"name_en": "x"}], "x", 42], ids=["list", "string", "number"])
def test_patch_body_that_is_not_an_object_is_400(
    client: Client, organisation, admin_token, body: Any
) -> None:
    before = state()
    response = send(
        client,
        "patch",
        f"/api/organisations/{organisation.slug}",
        json.dumps(body),
        **bearer(admin_token),
    )
    assert_error(response, 400)
    assert state() == before


@pytest.mark.parametrize("body", [[new_organisation()], "x", 42], ids=["list", "string", "number"])
def test_post_body_that_is_not_an_object_is_400(client: Client, staff_token, body: Any) -> None:
    before = state()
    response = send(client, "post", "/api/organisations", json.dumps(body), **bearer(staff_token))
    assert_error(response, 400)
    assert state() == before


def test_two_organisations_can_both_clear_their_identifier(
    client: Client, make_organisation, make_user
) -> None:
    first = make_organisation(identifier="GB-CHC-1100001")
    second = make_organisation(identifier="GB-CHC-1100002")
    statuses = []
    for organisation in (first, second):
        secret = ApiToken.issue(make_user(admin_of=organisation), "t")[1]
        response = send(
            client,
            "patch",
            f"/api/organisations/{organisation.slug}",
            {"identifier": ""},
            **bearer(secret),
        )
        statuses.append(response.status_code)
    assert statuses == [200, 200]
    for organisation in (first, second):
        organisation.refresh_from_db()
        assert organisation.identifier is None


def test_null_character_is_a_field_error(client: Client, organisation, admin_token) -> None:
    before = state()
    response = send(
        client,
        "patch",
        f"/api/organisations/{organisation.slug}",
        {"name_en": "Tregaron\x00Pantry"},
        **bearer(admin_token),
    )
    assert_error(response, 400, {"name_en"})
    assert state() == before
