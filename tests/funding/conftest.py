"""Fixtures for funding: a council funder with an officer, recipients, and the 360Giving schema."""

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from commonground.core.models import Area, Organisation, User
from commonground.funding import actions
from commonground.funding.models import Agreement

REPO_ROOT = Path(__file__).resolve().parents[2]
STANDARD = REPO_ROOT.parent / "shared" / "standards" / "360giving"


@pytest.fixture
def council(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(
        name_en="Ceredigion County Council",
        kind=Organisation.Kind.PUBLIC_BODY,
        legal_form=Organisation.LegalForm.STATUTORY,
        identifier="GB-PLA-CGN",
    )


@pytest.fixture
def officer(make_user: Callable[..., User], council: Organisation) -> User:
    return make_user(role=("public_body_officer", None), role_organisation=council)


@pytest.fixture
def charity(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(name_en="Aberystwyth Food Bank", identifier="GB-CHC-1123456")


@pytest.fixture
def offer(
    officer: User, council: Organisation, charity: Organisation, area: Area
) -> Callable[..., Agreement]:
    counter = iter(range(1, 100_000))

    def make(payments: list[actions.PlannedPayment] | None = None, **fields: Any) -> Agreement:
        n = next(counter)
        data: dict[str, Any] = {
            "reference": f"CGN-{n:04d}",
            "title": f"Community support {n}",
            "description": "Advice sessions.",
            "funder": council,
            "recipient": charity,
            "amount_pence": 1_200_000,
            "award_date": date(2025, 3, 1),
            "planned_start": "2025-04-01",
            "planned_end": "2026-03-31",
            "notice_days": 90,
            "area": area,
            "published": True,
        }
        data.update(fields)
        return actions.offer_agreement(officer, data, payments or [])

    return make


def _codes(name: str) -> set[str]:
    with (STANDARD / "codelists" / name).open(encoding="utf-8") as f:
        return {row["Code"] for row in csv.DictReader(f)}


@pytest.fixture(scope="session")
def validate_package() -> Callable[[dict[str, Any]], list[str]]:
    """Validate against the package schema (its grant $ref resolved locally) and codelists."""
    package = json.loads((STANDARD / "schema" / "360-giving-package-schema.json").read_text())
    grant = json.loads((STANDARD / "schema" / "360-giving-schema.json").read_text())
    ref = package["properties"]["grants"]["items"]["$ref"]
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources([(ref, resource), (grant["$id"], resource)])
    validator = Draft202012Validator(
        {k: v for k, v in package.items() if k != "$schema"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    currencies, countries = _codes("currency.csv"), _codes("countryCode.csv")
    geo_types = _codes("geoCodeType.csv")
    reasons, purposes = (
        _codes("grantToIndividualsReason.csv"),
        _codes("grantToIndividualsPurpose.csv"),
    )

    def check(document: dict[str, Any]) -> list[str]:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
        for g in document["grants"]:
            if g["currency"] not in currencies:
                errors.append(f"{g['id']}: currency {g['currency']}")
            for loc in g.get("beneficiaryLocation", []):
                if loc.get("countryCode") and loc["countryCode"] not in countries:
                    errors.append(f"{g['id']}: country {loc['countryCode']}")
                if loc.get("geoCodeType") and loc["geoCodeType"] not in geo_types:
                    errors.append(f"{g['id']}: geoCodeType {loc['geoCodeType']}")
            details = g.get("toIndividualsDetails", {})
            for key in ("primaryGrantReason", "secondaryGrantReason"):
                if key in details and details[key] not in reasons:
                    errors.append(f"{g['id']}: {key} {details[key]}")
            errors += [
                f"{g['id']}: purpose {p}"
                for p in details.get("grantPurpose", [])
                if p not in purposes
            ]
        return errors

    return check
