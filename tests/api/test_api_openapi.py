"""Issue 19, finding 6: the published OpenAPI descriptions say what the endpoints do."""

from typing import Any

import pytest
from django.test import Client

from commonground.core.models import Organisation
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
