"""Issue 19, finding 6: the published OpenAPI descriptions say what the endpoints do."""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from commonground.core.models import Organisation
from commonground.directory.oruk_schemas import oruk_schema
from commonground.partnerships.models import PartnershipBody, Seat
from commonground.representation.models import Election, Vacancy
from commonground.urls_api import api


def _enum_of(schema: dict[str, Any], component: str, field: str) -> list[str]:
    components = schema["components"]["schemas"]
    prop = components[component]["properties"][field]
    ref = prop.get("$ref") or prop["allOf"][0]["$ref"]
    return list(components[ref.rsplit("/", 1)[1]]["enum"])


@pytest.mark.parametrize(
    ("component", "field", "choices"),
    [
        ("OrganisationOut", "kind", Organisation.Kind),
        ("SeatOut", "kind", Seat.Kind),
        ("BodyOut", "kind", PartnershipBody.Kind),
        ("BodyOut", "status", PartnershipBody.Status),
        ("VacancyOut", "status", Vacancy.Status),
        ("ElectionOut", "status", Election.Status),
    ],
)
def test_each_enum_has_its_own_component(component: str, field: str, choices: Any) -> None:
    assert _enum_of(api.get_openapi_schema(), component, field) == list(choices.values)


@pytest.mark.django_db
def test_oruk_schema_and_endpoint_agree_on_page_bounds(client: Client) -> None:
    schema = client.get("/oruk/openapi.json").json()
    params = {p["name"]: p["schema"] for p in schema["paths"]["/services"]["get"]["parameters"]}
    assert params["page"]["minimum"] == 1 and params["per_page"]["minimum"] == 1
    assert client.get("/oruk/services", {"page": 0}).status_code == 400
    assert client.get("/oruk/services", {"page": params["page"]["maximum"] + 1}).status_code == 400
    assert client.get("/oruk/services", {"page": params["page"]["maximum"]}).status_code == 200


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


@pytest.mark.django_db
def test_oruk_description_bundles_its_response_schemas(client: Client) -> None:
    """Finding 6: a client validates ORUK responses offline, with no remote reference."""
    schema = client.get("/oruk/openapi.json").json()
    refs = _refs(schema)
    assert refs and all(r.startswith("#/components/schemas/") for r in refs)
    bundled = schema["components"]["schemas"]
    assert {r.removeprefix("#/components/schemas/") for r in refs} <= set(bundled)
    services = bundled["service_list"]
    assert "CC BY-SA" in services["externalDocs"]["description"]
    assert services["externalDocs"]["url"].endswith("/V3.0-UK/service_list.json")
    # The response a client gets validates against the bundled schema, resolved locally.
    page = client.get("/oruk/services").json()
    Draft202012Validator(bundled["service_list"]).validate(page)


def test_a_folder_without_the_oruk_schemas_stops_the_checks(tmp_path: Path, settings: Any) -> None:
    settings.ORUK_SCHEMA_DIR = tmp_path
    [problem] = oruk_schema()
    assert problem.id == "directory.E001"
    assert str(tmp_path) in problem.msg and "service_list.json" in problem.msg
    assert "ORUK_SCHEMA_DIR" in str(problem.hint)
