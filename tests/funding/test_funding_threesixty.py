"""360Giving both ways: the export validates, an import gives the same grants back, and a bad
file changes nothing and names each grant and field."""

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from commonground.core.models import Area, DomainEvent, Organisation
from commonground.funding.importer import ImportFailed, describe, import_grants
from commonground.funding.models import Agreement
from commonground.funding.threesixty import (
    agreement_to_grant,
    published_agreements,
    quality_warnings,
)
from commonground.interop.threesixty import (
    grant_to_json,
    package_json,
    read_package,
    read_workbook,
    write_workbook,
)

pytestmark = pytest.mark.django_db


def _grant(n: int, **overrides: Any) -> dict[str, Any]:
    grant: dict[str, Any] = {
        "id": f"360G-trust-{n:05d}",
        "title": f"Grant {n}",
        "description": "Befriending for older people",
        "currency": "GBP",
        "amountAwarded": 5000 + n,
        "awardDate": "2025-06-01",
        "recipientOrganization": [{"id": f"GB-CHC-{1100000 + n}", "name": f"Charity {n}"}],
        "fundingOrganization": [
            {"id": "GB-CHC-1000001", "name": "Ceredigion Trust", "department": "Community"}
        ],
        "plannedDates": [{"startDate": "2026", "endDate": "2026-07", "duration": 18}],
        "beneficiaryLocation": [
            {"name": "Ceredigion", "geoCode": "W06000008", "geoCodeType": "UA", "countryCode": "GB"}
        ],
        "grantProgramme": [{"code": "OP1", "title": "Older people"}],
        "classifications": [
            {"vocabulary": "Trust themes", "code": "older", "title": "Older people"}
        ],
    }
    grant.update(overrides)
    return grant


def _individual(n: int) -> dict[str, Any]:
    grant = _grant(n, amountAwarded=250.5)
    del grant["recipientOrganization"]
    grant["recipientIndividual"] = {"id": f"360G-trust-IND-{n}", "name": "Individual recipient"}
    grant["toIndividualsDetails"] = {
        "primaryGrantReason": "GTIR010",
        "grantPurpose": ["GTIP020", "GTIP030"],
    }
    return grant


def _export(**filters: Any) -> dict[str, Any]:
    grants = [agreement_to_grant(a) for a in published_agreements(**filters)]
    return json.loads(package_json(grants))


def test_recorded_agreements_export_as_a_valid_package(
    offer: Callable[..., Agreement], validate_package: Callable[..., list[str]]
) -> None:
    offer()
    offer(planned_start="2025-04", planned_end="2027")
    document = _export()
    assert validate_package(document) == []
    first = document["grants"][0]
    assert first["id"] == "360G-commonground-CGN-0001"
    assert first["amountAwarded"] == 12000
    assert first["recipientOrganization"][0]["id"] == "GB-CHC-1123456"
    assert first["fundingOrganization"][0]["id"] == "GB-PLA-CGN"
    assert first["beneficiaryLocation"] == [
        {"name": "Ceredigion", "geoCode": "W06000008", "geoCodeType": "UA", "countryCode": "GB"}
    ]
    assert document["grants"][1]["plannedDates"] == [{"startDate": "2025-04", "endDate": "2027"}]


def test_unpublished_and_filtered_out_agreements_stay_out(offer: Callable[..., Agreement]) -> None:
    offer(published=False)
    offer(award_date=date(2024, 1, 1))
    kept = offer(award_date=date(2025, 6, 1))
    assert [g["id"] for g in _export(date_from=date(2025, 1, 1))["grants"]] == [kept.identifier]
    assert _export(funder="GB-CHC-9999999")["grants"] == []
    assert len(_export(funder="gb-pla-cgn")["grants"]) == 2


def test_round_trip_gives_the_same_grants_field_by_field(
    area: Area, validate_package: Callable[..., list[str]]
) -> None:
    given = [_grant(n) for n in range(1, 6)] + [_individual(6)]
    given[1]["plannedDates"] = [{"startDate": "2026-01-15", "endDate": "2027-01-14"}]
    given[2]["amountAwarded"] = 1234.56
    given[3]["grantProgramme"] = [{"title": "A programme without a code"}]
    grants, problems = read_package(json.dumps({"grants": given}))
    assert problems == []
    summary = import_grants(grants)
    assert (summary.created, summary.organisations_created) == (6, 6)
    exported = _export()
    assert validate_package(exported) == []
    back = {g["id"]: g for g in exported["grants"]}
    for grant in given:
        assert back[grant["id"]] == grant
    individual = Agreement.objects.get(identifier="360G-trust-00006")
    assert individual.recipient is None and individual.amount_pence == 25050
    assert Agreement.objects.get(identifier="360G-trust-00001").area == area


def test_importing_again_updates_rather_than_duplicates(area: Area) -> None:
    import_grants(read_package(json.dumps({"grants": [_grant(1)]}))[0])
    changed = _grant(1, title="Renamed", amountAwarded=7000)
    summary = import_grants(read_package(json.dumps({"grants": [changed]}))[0])
    assert (summary.created, summary.updated, summary.organisations_created) == (0, 1, 0)
    agreement = Agreement.objects.get()
    assert (agreement.title, agreement.amount_pence) == ("Renamed", 700_000)
    assert agreement.history.count() == 2
    assert Organisation.objects.filter(identifier="GB-CHC-1100001").count() == 1
    # Each import of the agreement is in the log, under its area and its recipient.
    imported = DomainEvent.objects.filter(type="agreement.imported").order_by("pk")
    assert [e.payload["created"] for e in imported] == [True, False]
    assert {(e.area_id, e.organisation_id, e.subject_id) for e in imported} == {
        (area.pk, agreement.recipient_id, str(agreement.pk))
    }


def test_one_bad_grant_among_a_thousand_changes_nothing(area: Area, tmp_path: Path) -> None:
    given = [_grant(n) for n in range(1000)]
    given[617]["awardDate"] = "2025-02-30"
    given[617]["amountAwarded"] = "£5,000"
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": given}))
    with pytest.raises(CommandError, match="Nothing was imported: 2 problems"):
        call_command("import_360giving", str(path))
    assert Agreement.objects.count() == 0
    assert not Organisation.objects.filter(identifier__startswith="GB-CHC-11").exists()
    _grants, problems = read_package(path.read_bytes())
    assert [(p.grant, p.field) for p in problems] == [
        ("360G-trust-00617", "amountAwarded"),
        ("360G-trust-00617", "awardDate"),
    ]
    assert describe(problems[1]).startswith("Grant 360G-trust-00617, awardDate: is not a date")


def test_a_file_without_grants_is_refused(db: None, tmp_path: Path) -> None:
    empty_json = tmp_path / "grants.json"
    empty_json.write_text(json.dumps({"version": "1.4", "grants": []}))
    empty_xlsx = tmp_path / "grants.xlsx"
    empty_xlsx.write_bytes(write_workbook([]))
    for path in (empty_json, empty_xlsx):
        errors = io.StringIO()
        with pytest.raises(CommandError, match="Nothing was imported: 1 problem in"):
            call_command("import_360giving", str(path), stderr=errors)
        assert "the file has no grants" in errors.getvalue()


def test_every_problem_of_a_grant_is_listed() -> None:
    bad = _grant(1, currency="pounds", plannedDates=[{"startDate": "2026-13"}])
    del bad["title"]
    bad["recipientIndividual"] = {"id": "x", "name": "y"}
    _grants, problems = read_package(json.dumps({"grants": [bad, _grant(1)]}))
    assert {(p.field, p.code) for p in problems} == {
        ("currency", "currency"),
        ("recipientOrganization", "recipient"),
        ("title", "required"),
        ("plannedDates/0/startDate", "date"),
    }


def test_new_organisation_with_no_known_area_is_a_problem(db: None) -> None:
    grant = _grant(1, beneficiaryLocation=[{"name": "Somewhere", "countryCode": "GB"}])
    with pytest.raises(ImportFailed) as caught:
        import_grants(read_package(json.dumps({"grants": [grant]}))[0])
    assert {p.code for p in caught.value.problems} == {"no_area"}
    assert Organisation.objects.filter(identifier="GB-CHC-1000001").count() == 0


def test_spreadsheet_layout_round_trips(area: Area) -> None:
    given = [_grant(1, title="=1+1 Community Fund"), _individual(2)]
    given[0]["beneficiaryLocation"].append(
        {"name": "Powys", "geoCode": "W06000023", "geoCodeType": "UA"}
    )
    grants, problems = read_package(json.dumps({"grants": given}))
    data = write_workbook(grants)
    again, problems = read_workbook(data)
    assert problems == []
    assert [grant_to_json(g) for g in again] == given
    # A title that looks like a formula is stored as text, not run as a formula.
    assert load_workbook(io.BytesIO(data))["grants"]["B2"].data_type == "s"


def test_quality_warnings_say_what_can_be_fixed(
    offer: Callable[..., Agreement], make_organisation: Callable[..., Organisation]
) -> None:
    unnamed = make_organisation(name_en="Tiny Group")
    offer(recipient=unnamed, award_date=date(2099, 1, 1), area=None)
    warnings = {(w.field, w.fixable) for w in quality_warnings(published_agreements())}
    assert warnings == {
        ("recipientOrganization/0/id", True),
        ("awardDate", True),
        ("beneficiaryLocation", True),
    }
