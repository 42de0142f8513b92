"""Imports and exports: ORUK JSON and CSV round trips, all-or-nothing, Charity Commission."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commonground.core.models import Area, Organisation
from commonground.directory import actions, imports, search
from commonground.directory.models import Location, Schedule, Service, TaxonomyTerm
from commonground.directory.oruk_records import export_tables
from commonground.directory.search import ServiceQuery, search_services
from commonground.interop.charity_commission import write_extract
from commonground.interop.oruk import flatten_document, write_csv_package
from commonground.interop.oruk.convert import Index, nest_service
from commonground.interop.oruk.tables import WHERE

EXAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "standards" / "oruk" / "examples"
ORDER = [
    "taxonomy.json",
    "taxonomy_list.json",
    "taxonomy_term.json",
    "taxonomy_term_list.json",
    "organization_full.json",
    "organization_list.json",
    "service_full.json",
    "service_list.json",
    "service_at_location_full.json",
    "service_at_location_list.json",
]


@pytest.fixture
def area(db: None) -> Area:
    from commonground.core.reference import load_reference_data

    load_reference_data()
    return Area.objects.get(code="W06000008")


def _strip(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {
        name: sorted(
            ({k: v for k, v in row.items() if k != WHERE} for row in rows), key=lambda r: r["id"]
        )
        for name, rows in tables.items()
    }


def _import_examples(area: Area) -> None:
    for name in ORDER:
        imports.run_import(None, "oruk_json", (EXAMPLES / name).read_bytes(), area, name)


def test_examples_round_trip_through_json_and_csv(area: Area) -> None:
    _import_examples(area)
    first = _strip(export_tables())
    # Every field of every example row survived the import.
    for name in ORDER:
        tables, problems = flatten_document(json.loads((EXAMPLES / name).read_text()))
        assert problems == []
        for table, rows in _strip(tables).items():
            exported = {r["id"]: r for r in first[table]}
            for row in rows:
                for key, value in row.items():
                    assert exported[row["id"]].get(key) == value, (name, table, key)
    # Re-import the export as JSON, then as CSV: nothing changes, nothing is duplicated.
    index = Index(export_tables())
    document = [nest_service(index, row["id"]) for row in index.by_id["services"].values()]
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "export.json")
    assert _strip(export_tables()) == first
    imports.run_import(None, "oruk_csv", write_csv_package(export_tables()), area, "export.zip")
    assert _strip(export_tables()) == first
    assert Service.objects.count() == 1
    # Importing the examples again is idempotent too.
    _import_examples(area)
    assert _strip(export_tables()) == first


def _service(**changes: Any) -> dict[str, Any]:
    document = json.loads((EXAMPLES / "service_full.json").read_text())
    document.update(changes)
    return document


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        (b"{not json", "malformed", ""),
        (json.dumps(_service(minimum_age="twelve")).encode(), "not_integer", "minimum_age"),
        (json.dumps(_service(status="open")).encode(), "bad_choice", "status"),
        (json.dumps(_service(id="123")).encode(), "bad_uuid", "id"),
        (json.dumps(_service(email="not-an-email")).encode(), "bad_email", "email"),
        (json.dumps(_service(minimum_age=40, maximum_age=20)).encode(), "age_order", "minimum_age"),
        (json.dumps(_service(minimum_age=-1)).encode(), "negative", "minimum_age"),
        (json.dumps(_service(name="")).encode(), "required", "name"),
        (json.dumps(_service(name="x" * 201)).encode(), "too_long", "name"),
        (json.dumps(_service(url="www.example.org")).encode(), "bad_uri", "url"),
        (
            json.dumps(
                _service(organization={**_service()["organization"], "website": "example.org"})
            ).encode(),
            "bad_uri",
            "website",
        ),
        (
            json.dumps(
                _service(
                    schedules=[{"id": "48102e86-bb50-41c4-8f1e-e269368c41d1", "opens_at": "25:00"}]
                )
            ).encode(),
            "bad_time",
            "opens_at",
        ),
        (
            json.dumps(
                _service(
                    attributes=[
                        {
                            "id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e",
                            "taxonomy_term_id": "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2",
                        }
                    ]
                )
            ).encode(),
            "unknown_taxonomy_term",
            "taxonomy_term_id",
        ),
    ],
)
def test_bad_json_imports_nothing_and_says_why(
    area: Area, payload: bytes, code: str, field: str
) -> None:
    with pytest.raises(actions.ImportFailed) as failed:
        imports.run_import(None, "oruk_json", payload, area, "bad.json")
    assert any(p.code == code and p.field == field for p in failed.value.problems), (
        failed.value.problems
    )
    assert Service.objects.count() == 0
    assert not Organisation.objects.filter(name_en="Example Organization Inc.").exists()


def test_every_bad_csv_row_is_reported(area: Area) -> None:
    _import_examples(area)
    tables = export_tables()
    tables["services"][0]["maximum_age"] = "old"
    tables["services"].append(
        {**tables["services"][0], "id": "not-a-uuid", "maximum_age": 3, "minimum_age": 1}
    )
    tables["schedules"][0]["byday"] = "MONDAY"
    before = _strip(export_tables())
    with pytest.raises(actions.ImportFailed) as failed:
        imports.run_import(None, "oruk_csv", write_csv_package(tables), area, "bad.zip")
    found = {(p.where, p.field, p.code) for p in failed.value.problems}
    assert ("services.csv row 2", "maximum_age", "not_integer") in found
    assert ("services.csv row 3", "id", "bad_uuid") in found
    assert ("schedule.csv row 2", "byday", "bad_byday") in found
    assert _strip(export_tables()) == before
    with pytest.raises(actions.ImportFailed):
        imports.run_import(None, "oruk_csv", b"not a zip", area, "bad.zip")


def _charity(number: str, name: str, **extra: str) -> dict[str, str]:
    row = {
        "date_of_extract": "2025-01-01 00:00:00",
        "organisation_number": "5" + number,
        "registered_charity_number": number,
        "linked_charity_number": "0",
        "charity_name": name,
        "charity_type": "Charitable company",
        "charity_registration_status": "Registered",
        "date_of_registration": "1999-04-01 00:00:00",
        "latest_income": "54000.00",
        "charity_contact_postcode": "SY23 1AA",
        "charity_contact_email": "info@example.org",
        "charity_contact_web": "www.example.org",
        "charity_activities": "Helps people in Ceredigion.",
        "charity_is_cio": "True",
    }
    row.update(extra)
    return row


def test_charity_commission_extract(area: Area, tmp_path: Path) -> None:
    extract = write_extract(
        [
            _charity("1180001", "Aber Helpers"),
            _charity("1180002", "Teifi Trust"),
            _charity("1180001", "Aber Helpers branch", linked_charity_number="1"),
            _charity("1180003", "Gone Charity", charity_registration_status="Removed"),
        ]
    )
    path = tmp_path / "publicextract.charity.txt"
    path.write_text(extract)
    call_command("import_directory", str(path), format="charity_commission")
    helpers = Organisation.objects.get(identifier="GB-CHC-1180001")
    assert helpers.name_en == "Aber Helpers" and helpers.income_band == "small"
    assert helpers.website == "https://www.example.org"
    assert not Organisation.objects.filter(identifier="GB-CHC-1180003").exists()
    # Re-import with a change: updated, not duplicated.
    path.write_text(
        write_extract([_charity("1180001", "Aber Helpers CIO"), _charity("1180002", "Teifi Trust")])
    )
    call_command("import_directory", str(path), format="charity_commission")
    assert Organisation.objects.filter(identifier__startswith="GB-CHC-118000").count() == 2
    assert Organisation.objects.get(identifier="GB-CHC-1180001").name_en == "Aber Helpers CIO"
    assert Organisation.objects.get(identifier="GB-CHC-1180001").history.count() == 2
    # A bad file changes nothing and names every bad row.
    path.write_text(
        write_extract(
            [
                _charity("1180001", "Renamed"),
                _charity("abc", "Bad Number"),
                _charity("1180009", "Bad Postcode", charity_contact_postcode="NOWHERE"),
                _charity("1180010", "", date_of_registration="yesterday"),
            ]
        )
    )
    with pytest.raises(CommandError):
        call_command("import_directory", str(path), format="charity_commission")
    assert Organisation.objects.get(identifier="GB-CHC-1180001").name_en == "Aber Helpers CIO"
    with pytest.raises(actions.ImportFailed) as failed:
        imports.run_import(None, "charity_commission", path.read_bytes(), area, "x")
    found = {(p.where, p.field) for p in failed.value.problems}
    assert {
        ("row 3", "registered_charity_number"),
        ("row 4", "charity_contact_postcode"),
        ("row 5", "charity_name"),
        ("row 5", "date_of_registration"),
    } <= found


def test_export_commands(area: Area, tmp_path: Path) -> None:
    _import_examples(area)
    call_command("export_directory", str(tmp_path / "all.json"))
    call_command("export_directory", str(tmp_path / "all.zip"), format="oruk_csv")
    services = json.loads((tmp_path / "all.json").read_text())
    assert services[0]["name"] == "Community Counselling"
    assert TaxonomyTerm.objects.count() == 1


def test_imports_keep_history_of_what_they_wrote(area: Area) -> None:
    document = _service()
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "first.json")
    service = Service.objects.get(pk=document["id"])
    assert [(h.history_type, h.name_en) for h in service.history.all()] == [("+", document["name"])]
    assert service.history.get().history_change_reason == "Imported from first.json"
    assert service.organisation.history.filter(history_type="+").count() == 1
    document["name"] = "A renamed service"
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "second.json")
    assert [(h.history_type, h.name_en) for h in service.history.order_by("history_id")] == [
        ("+", _service()["name"]),
        ("~", "A renamed service"),
    ]
    # Importing the same again changes nothing, so it adds no history either.
    before = {m: m.history.count() for m in (Service, Organisation, Location, Schedule)}
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "third.json")
    assert {m: m.history.count() for m in before} == before
    assert Service.objects.get(pk=document["id"]).listed


def _found(text: str) -> list[str]:
    return [s.name_en for s in search_services(ServiceQuery(text=text, public_only=False))]


def test_imports_index_what_they_write(area: Area) -> None:
    document = _service()
    document["attributes"][0]["taxonomy_term"]["name"] = "Bereavement support"
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "first.json")
    # Found by its own words, its organisation's name and its taxonomy term's name.
    for text in ["community counselling", "example organization", "bereavement"]:
        assert _found(text) == ["Community Counselling"], text
    # A Welsh name given here survives a re-import, which (like ORUK) says nothing of it.
    Service.objects.filter(pk=document["id"]).update(name_cy="Cwnsela cymunedol")
    search.reindex([document["id"]])
    document["name"] = "Community counselling and advice"
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "second.json")
    for text in ["advice", "cwnsela", "bereavement"]:
        assert _found(text) == ["Community counselling and advice"], text
    assert Service.objects.get(pk=document["id"]).name_cy == "Cwnsela cymunedol"


def test_a_service_is_stamped_modified_only_when_it_changes(area: Area) -> None:
    document = _service()
    document.pop("last_modified", None)
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "first.json")
    first = Service.objects.get(pk=document["id"]).last_modified
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "again.json")
    assert Service.objects.get(pk=document["id"]).last_modified == first
    document["description"] = "Now with evening sessions."
    imports.run_import(None, "oruk_json", json.dumps(document).encode(), area, "changed.json")
    assert Service.objects.get(pk=document["id"]).last_modified > first
