"""The ORUK API checked the way the official validator checks a feed.

Path by path from the validator's OpenAPI description: required endpoints and those tagged
Optional must answer 200 with a body valid against the validator's schema, every paginated
endpoint is requested at its first, a middle and its last page, and the pagination fields
must agree with the contents. An empty feed or missing pagination field is a warning, and
there must be none.
"""

import json
import math
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator, FormatChecker

VALIDATOR_SCHEMAS = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "standards"
    / "oruk"
    / "validator"
    / "OpenReferralApi"
    / "Schemas"
    / "V3.0-UK"
)

BASE = "/oruk"
PAGE_FIELDS = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
]


def _spec() -> dict[str, Any]:
    return json.loads((VALIDATOR_SCHEMAS / "open_api.json").read_text())


def _schema_for(operation: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The validator's schema for a 200 response, and whether it describes one item only."""
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    item_only = False
    if "$ref" not in schema:
        schema = schema["properties"]["contents"]["items"]
        item_only = True
    name = schema["$ref"].rsplit("/", 1)[-1]
    loaded = json.loads((VALIDATOR_SCHEMAS / name).read_text())
    if "contents" not in loaded.get("properties", {}):
        item_only = True
    return loaded, item_only


def _errors(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def _check_body(
    path: str, body: Any, schema: dict[str, Any], item_only: bool, paginated: bool
) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    if paginated:
        for name in PAGE_FIELDS:
            if name not in body:
                warnings.append(f"{path}: missing pagination field {name}")
        if not body.get("contents"):
            warnings.append(f"{path}: the feed has no items")
        items = body.get("contents", [])
        if item_only:
            for item in items:
                errors += [f"{path}: {e}" for e in _errors(schema, item)]
        else:
            errors += [f"{path}: {e}" for e in _errors(schema, body)]
    else:
        errors += [f"{path}: {e}" for e in _errors(schema, body)]
    return errors, warnings


def _check_pages(client: Client, path: str, total: int) -> list[str]:
    """First, a middle and the last page agree with each other and with the contents."""
    problems: list[str] = []
    per_page = max(1, total // 3)
    total_pages = math.ceil(total / per_page)
    seen: set[str] = set()
    for page in sorted({1, (total_pages + 1) // 2, total_pages}):
        body = client.get(f"{BASE}{path}", {"page": page, "per_page": per_page}).json()
        expected_size = per_page if page < total_pages else total - per_page * (total_pages - 1)
        checks = {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": expected_size,
            "first_page": page == 1,
            "last_page": page == total_pages,
            "empty": expected_size == 0,
        }
        for name, value in checks.items():
            if body.get(name) != value:
                problems.append(
                    f"{path} page {page}: {name} is {body.get(name)!r}, expected {value!r}"
                )
        if len(body["contents"]) != expected_size:
            problems.append(
                f"{path} page {page}: {len(body['contents'])} items, expected {expected_size}"
            )
        ids = {item["id"] for item in body["contents"]}
        if ids & seen:
            problems.append(f"{path} page {page}: items repeated from an earlier page")
        seen |= ids
    return problems


def _run(optional: bool) -> None:
    client = Client()
    spec = _spec()
    errors: list[str] = []
    warnings: list[str] = []
    checked = []
    for path, item in spec["paths"].items():
        operation = item["get"]
        if ("Optional" in (operation.get("tags") or [])) != optional:
            continue
        checked.append(path)
        schema, item_only = _schema_for(operation)
        params = [
            p.get("$ref", "").rsplit("/", 1)[-1] or p.get("name")
            for p in operation.get("parameters", [])
        ]
        paginated = "page" in params
        url = path
        if "{id}" in path:
            listing = client.get(f"{BASE}{path.replace('/{id}', '')}", {"per_page": 1}).json()
            assert listing["contents"], f"{path}: nothing to fetch"
            url = path.replace("{id}", listing["contents"][0]["id"])
        response = client.get(f"{BASE}{url}" if url != "/" else f"{BASE}/")
        assert response.status_code == 200, f"{url}: {response.status_code}"
        body = response.json()
        e, w = _check_body(url, body, schema, item_only, paginated)
        errors += e
        warnings += w
        if paginated and body.get("total_items", 0) >= 3:
            errors += _check_pages(client, path, body["total_items"])
        elif paginated:
            warnings.append(f"{path}: too few items to check pagination")
    assert checked
    assert errors == []
    assert warnings == []


def test_required_endpoints_pass(demo: None) -> None:
    _run(optional=False)


def test_optional_endpoints_pass_without_warnings(demo: None) -> None:
    _run(optional=True)


@pytest.mark.parametrize(
    "query",
    [
        {"per_page": "0"},
        {"per_page": "1001"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "two"},
        {"taxonomy_term_id": "not-a-uuid"},
        {"taxonomy_term_id": "3f7b145d-84af-42d7-8fae-eaca714b02b2"},
        {"minimum_age": "-3"},
        {"modified_after": "yesterday"},
    ],
)
def test_bad_parameters_get_oruk_errors(db: None, query: dict[str, str]) -> None:
    response = Client().get(f"{BASE}/services", query)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["message"] and body["errors"]


def test_bad_postcodes_and_unknown_ids(db: None) -> None:
    client = Client()
    assert (
        client.get(f"{BASE}/service_at_locations", {"postcode": "NOT A POSTCODE"}).status_code
        == 400
    )
    assert client.get(f"{BASE}/service_at_locations", {"postcode": "ZZ9 9ZZ"}).status_code == 400
    assert client.get(f"{BASE}/service_at_locations", {"proximity": "100"}).status_code == 400
    assert client.get(f"{BASE}/services/nope").status_code == 404
    assert (
        client.get(f"{BASE}/services/3f7b145d-84af-42d7-8fae-eaca714b02b2").json()["status"] == 404
    )


def test_service_filters(demo: None) -> None:
    client = Client()
    young = client.get(f"{BASE}/services", {"maximum_age": 5, "per_page": 1000}).json()
    assert young["total_items"] > 0
    assert all((s.get("minimum_age") or 0) <= 5 for s in young["contents"])
    terms = client.get(f"{BASE}/taxonomy_terms", {"search": "Food"}).json()["contents"]
    food = client.get(f"{BASE}/services", {"taxonomy_term_id": terms[0]["id"]}).json()
    assert food["total_items"] >= 5
    near = client.get(
        f"{BASE}/service_at_locations", {"postcode": "SA43 1AA", "proximity": 3000}
    ).json()
    assert near["total_items"] > 0
    assert all(item["location"]["addresses"][0]["city"] == "Cardigan" for item in near["contents"])
    typo = client.get(f"{BASE}/services", {"search": "choier"}).json()
    assert typo["total_items"] > 0


def test_service_at_locations_near_a_postcode_with_text_are_nearest_first(demo: None) -> None:
    from commonground.directory import postcodes

    lat0, lon0 = postcodes.locate("SY23 1AA") or (0.0, 0.0)
    body = Client().get(
        f"{BASE}/service_at_locations",
        {"postcode": "SY23 1AA", "proximity": 20000, "search": "club"},
    )
    assert body.status_code == 200
    contents = body.json()["contents"]
    assert contents
    kx = math.cos(math.radians(lat0))
    distances = [
        math.hypot(item["location"]["latitude"] - lat0, (item["location"]["longitude"] - lon0) * kx)
        for item in contents
    ]
    assert distances == sorted(distances)
    matching = Client().get(f"{BASE}/services", {"search": "club", "per_page": 1000}).json()
    assert {item["service"]["id"] for item in contents} <= {s["id"] for s in matching["contents"]}


def test_organisations_carry_their_register_identifier(demo: None) -> None:
    """Issue 11, defect 9: the register's GB-CHC (and other) identifiers reach the feed."""
    from commonground.directory.models import OrganisationProfile

    profile = (
        OrganisationProfile.objects.filter(
            organisation__public_listing=True, organisation__identifier__startswith="GB-CHC-"
        )
        .select_related("organisation")
        .first()
    )
    assert profile is not None, "the demo has a listed charity with a charity number"
    number = profile.organisation.identifier.removeprefix("GB-CHC-")
    client = Client()
    body = client.get(f"{BASE}/organizations/{profile.pk}").json()
    identifiers = body["organization_identifiers"]
    assert [(i["identifier_scheme"], i["identifier"]) for i in identifiers] == [("GB-CHC", number)]
    assert identifiers[0]["identifier_type"] == "Registered charity in England and Wales"
    assert identifiers[0]["organization_id"] == str(profile.pk)
    # The same id on every request, and the body still valid for the validator.
    again = client.get(f"{BASE}/organizations/{profile.pk}").json()
    assert again["organization_identifiers"][0]["id"] == identifiers[0]["id"]
    operation = _spec()["paths"]["/organizations/{id}"]["get"]
    schema, _item_only = _schema_for(operation)
    assert _errors(schema, body) == []
    listing = client.get(f"{BASE}/organizations", {"full": "true", "per_page": 100}).json()
    assert sum(len(o.get("organization_identifiers", [])) for o in listing["contents"]) >= 1
