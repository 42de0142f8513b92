"""OCDS import: the standard's change-history examples, order, duplicates, bad input, API."""

import json
import random
import socket
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from commonground.commissioning import actions
from commonground.commissioning.models import (
    Consortium,
    OcdsRecord,
    OcdsRelease,
    Opportunity,
    UnmatchedSupplier,
)
from commonground.commissioning.ocds_messages import describe
from commonground.core.models import Organisation, User
from tests.commissioning.conftest import (
    CHANGE_HISTORY,
    EXAMPLES,
    OCDS,
    example,
    expected_record,
    package,
)

pytestmark = pytest.mark.django_db

OCID = "ocds-213czf-000-00001"


def _record(ocid: str = OCID) -> OcdsRecord:
    return OcdsRecord.objects.get(ocid=ocid)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imports make no network requests: any attempt to connect fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"The import tried to open a connection: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_each_change_history_example_compiles_to_the_standards_record() -> None:
    for name in EXAMPLES:
        actions.import_ocds(None, [(f"{name}.json", example(name))])
        expected = expected_record(name)
        record = _record()
        assert record.compiled == expected["compiledRelease"], name
        assert record.versioned == expected["versionedRelease"], name
        assert record.release_count == len(expected["releases"])


def test_shuffled_split_and_duplicated_imports_give_the_same_records() -> None:
    files = [(f"{n}.json", example(n)) for n in EXAMPLES]
    shuffled = random.Random(7).sample(files, len(files))
    actions.import_ocds(None, shuffled[:4] + shuffled[:1])  # a duplicate in the same call
    summary = actions.import_ocds(None, shuffled[2:])  # and two already stored
    assert summary.releases_new == 2
    assert summary.releases_duplicate == 2
    assert OcdsRelease.objects.count() == 6
    expected = expected_record("contractAmendment")
    assert _record().compiled == expected["compiledRelease"]
    assert _record().versioned == expected["versionedRelease"]


def test_a_late_release_gives_the_same_record_as_date_order() -> None:
    for name in ["tender", "award", "contract", "contractAmendment", "implementation"]:
        actions.import_ocds(None, [(name, example(name))])
    actions.import_ocds(None, [("late", example("tenderUpdate"))])  # dated 2010-03-20
    assert _record().compiled == expected_record("contractAmendment")["compiledRelease"]


def test_the_command_imports_files_and_says_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_ocds", *(str(CHANGE_HISTORY / f"{n}.json") for n in EXAMPLES))
    assert "6 new releases" in capsys.readouterr().out
    call_command("import_ocds", str(CHANGE_HISTORY / "tender.json"))
    assert "1 already stored" in capsys.readouterr().out


def _refused(*files: tuple[str, bytes]) -> list[str]:
    before = (OcdsRelease.objects.count(), OcdsRecord.objects.count())
    with pytest.raises(actions.OcdsImportFailed) as caught:
        actions.import_ocds(None, [("good.json", example("tender")), *files])
    assert (OcdsRelease.objects.count(), OcdsRecord.objects.count()) == before
    return [describe(p, name) for name, p in caught.value.problems]


GOOD = {"ocid": "ocds-x-1", "id": "r1", "date": "2024-01-01T00:00:00Z", "tag": ["tender"]}


def test_an_infinite_number_is_an_error_naming_the_release_and_field() -> None:
    text = package({**GOOD, "tender": {"id": "t", "value": {"amount": 0}}}).replace(
        b'"amount": 0', b'"amount": 1e9999'
    )
    assert _refused(("fts.json", text)) == [
        "fts.json: Release r1: tender.value.amount has the number 1e9999, which is too large to be a real value."
    ]


@pytest.mark.parametrize(
    ("release", "message"),
    [
        ({k: v for k, v in GOOD.items() if k != "ocid"}, "Release r1 has no ocid."),
        ({k: v for k, v in GOOD.items() if k != "id"}, "Release #1 has no id."),
        ({k: v for k, v in GOOD.items() if k != "date"}, "Release r1 has no date."),
        ({**GOOD, "tender": []}, "Release r1: tender must be of type object."),
        ({**GOOD, "tender": {"value": {"amount": "lots"}}}, "Release r1: tender.value.amount must be of type number."),
        ({**GOOD, "date": "last Tuesday"}, "Release r1: date “last Tuesday” is not a date and time."),
    ],
)
def test_bad_releases_name_release_and_field_and_change_nothing(
    release: dict[str, Any], message: str
) -> None:
    assert _refused(("bad.json", package(release))) == [f"bad.json: {message}"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"records": []}', "The file is not an OCDS release package: it has no list of releases."),
        (b"[1, 2", "The file is not valid JSON (line and column 1:6)."),
        (b'{"releases": [NaN]}', "Release #1 is not a JSON object."),
    ],
)
def test_files_that_are_not_ocds_are_refused(data: bytes, message: str) -> None:
    assert _refused(("x.json", data)) == [f"x.json: {message}"]


def test_the_command_refuses_a_bad_file_with_the_reason(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(package({**GOOD, "awards": {}}))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_ocds", str(CHANGE_HISTORY / "tender.json"), str(bad))
    assert "bad.json: Release r1: awards must be of type array." in capsys.readouterr().err
    assert OcdsRelease.objects.count() == 0


def test_welsh_readers_get_the_problem_in_welsh(settings: Any) -> None:
    from django.utils import translation

    with pytest.raises(actions.OcdsImportFailed) as caught:
        actions.import_ocds(None, [("bad.json", package({**GOOD, "tender": []}))])
    with translation.override("cy"):
        text = describe(caught.value.problems[0][1])
    assert "r1" in text and "tender" in text and "must be of type" not in text


# Opportunities, buyers and suppliers from the compiled release


def _award_release(ocid: str, suppliers: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    parties = [
        {"id": "buyer-1", "name": "Ceredigion County Council", "roles": ["buyer"]},
        *({**s, "roles": ["supplier"]} for s in suppliers),
    ]
    return {
        "ocid": ocid,
        "id": f"{ocid}-award",
        "date": "2025-04-01T00:00:00Z",
        "tag": ["award"],
        "buyer": {"id": "buyer-1", "name": "Ceredigion County Council"},
        "parties": parties,
        "tender": {
            "id": "t1",
            "title": "Befriending service",
            "status": "complete",
            "value": {"amount": 60000.50, "currency": "GBP"},
            "lots": [{"id": "1", "title": "North Ceredigion", "value": {"amount": 30000, "currency": "GBP"}}],
        },
        "awards": [
            {
                "id": "a1",
                "status": "active",
                "date": "2025-04-01T00:00:00Z",
                "suppliers": [{"id": s["id"], "name": s["name"]} for s in suppliers],
            }
        ],
        **extra,
    }


def test_the_opportunity_is_read_from_the_compiled_release(council: Organisation, charity: Organisation) -> None:
    release = _award_release(
        "ocds-x-award",
        [{"id": "s1", "name": "A food bank", "identifier": {"scheme": "GB-CHC", "id": "01234567"}}],
    )
    summary = actions.import_ocds(None, [("award.json", package(release))])
    assert summary.opportunities == 1
    opportunity = Opportunity.objects.get(ocid="ocds-x-award")
    assert opportunity.buyer == council  # matched by name: the feed gives no identifier
    assert opportunity.title_en == "Befriending service"
    assert opportunity.stage == Opportunity.Stage.AWARDED
    assert opportunity.estimated_value_pence == 6_000_050
    assert [(lot.reference, lot.value_pence) for lot in opportunity.lots.all()] == [("1", 3_000_000)]
    assert list(opportunity.suppliers.all()) == [charity]  # GB-CHC-01234567 is GB-CHC-1234567
    assert list(opportunity.areas.all()) == [council.area]


def test_companies_house_numbers_match_without_leading_zeros(
    council: Organisation, make_organisation: Callable[..., Organisation]
) -> None:
    company = make_organisation(name_en="Cwmni Bro", identifier="GB-COH-00727817")
    release = _award_release(
        "ocds-x-coh", [{"id": "GB-COH-727817", "name": "CWMNI BRO CYF", "identifier": {"scheme": "GB-COH", "id": "727817"}}]
    )
    actions.import_ocds(None, [("a.json", package(release))])
    assert list(Opportunity.objects.get(ocid="ocds-x-coh").suppliers.all()) == [company]


def test_unmatched_suppliers_are_listed_for_staff_to_link(council: Organisation, charity: Organisation, staff: User) -> None:
    release = _award_release("ocds-x-u", [{"id": "s9", "name": "Unknown Ltd"}])
    actions.import_ocds(None, [("a.json", package(release))])
    supplier = UnmatchedSupplier.objects.get()
    assert (supplier.name, supplier.ocid) == ("Unknown Ltd", "ocds-x-u")
    actions.link_supplier(staff, supplier, charity)
    assert list(Opportunity.objects.get(ocid="ocds-x-u").suppliers.all()) == [charity]


def test_an_award_to_several_suppliers_is_shown_as_a_consortium(council: Organisation) -> None:
    # The standard's consortia example, with its parties in one flat list: the file itself
    # nests them in an extra array, which the release schema does not allow (and which the
    # import refuses: see the next test).
    data = json.loads((OCDS / "docs/examples/buyers_suppliers/consortia.json").read_text())
    release = data["releases"][0]
    release["parties"] = [
        *release["parties"][0],
        {"id": "buyer-1", "name": "Ceredigion County Council", "roles": ["buyer"]},
    ]
    release["buyer"] = {"id": "buyer-1", "name": "Ceredigion County Council"}
    actions.import_ocds(None, [("consortia.json", package(release))])
    consortium = Consortium.objects.get()
    assert consortium.source == Consortium.Source.OCDS
    assert [m.display_name for m in consortium.members.all()] == [
        "SIEMENS PUBLIC LIMITED COMPANY",
        "MICROSOFT LIMITED",
    ]


def test_the_standards_consortia_example_as_published_is_refused() -> None:
    data = (OCDS / "docs/examples/buyers_suppliers/consortia.json").read_bytes()
    assert _refused(("consortia.json", data)) == [
        "consortia.json: Release 1: parties[0] must be of type object."
    ]


# API


def _validator(name: str) -> jsonschema.Draft4Validator:
    """The standard's package schema, its references resolved from the local files."""
    registry: Registry = Registry()
    for path in (OCDS / "schema").glob("*.json"):
        schema = json.loads(path.read_text())
        if "id" in schema and path.name != "dereferenced-release-schema.json":
            resource = Resource.from_contents(schema, default_specification=DRAFT4)
            registry = registry.with_resource(schema["id"], resource)
    schema = json.loads((OCDS / "schema" / name).read_text())
    return jsonschema.Draft4Validator(
        schema, registry=registry, format_checker=jsonschema.FormatChecker()
    )


def _valid_examples() -> list[tuple[str, bytes]]:
    """The change-history examples with the ``initiationType`` the 1.1 release schema
    requires and the examples leave out (so the package is valid for what we add to it)."""
    files = []
    for name in EXAMPLES:
        data = json.loads(example(name))
        for release in data["releases"]:
            release["initiationType"] = "tender"
        files.append((name, json.dumps(data).encode()))
    return files


def test_the_record_package_has_releases_compiled_and_versioned(client: Client) -> None:
    actions.import_ocds(None, [(n, example(n)) for n in EXAMPLES])
    response = client.get(f"/api/ocds/records/{OCID}")
    assert response.status_code == 200
    record = response.json()["records"][0]
    expected = expected_record("contractAmendment")
    assert record["releases"] == expected["releases"]
    assert record["compiledRelease"] == expected["compiledRelease"]
    assert record["versionedRelease"] == expected["versionedRelease"]


def test_the_record_package_is_valid_against_the_record_package_schema(client: Client) -> None:
    actions.import_ocds(None, _valid_examples())
    body = client.get(f"/api/ocds/records/{OCID}").json()
    assert [e.message for e in _validator("record-package-schema.json").iter_errors(body)] == []


def test_an_unknown_ocid_is_a_404(client: Client) -> None:
    assert client.get("/api/ocds/records/ocds-nothing").status_code == 404


def test_releases_are_paged_as_valid_release_packages(client: Client) -> None:
    actions.import_ocds(None, _valid_examples())
    first = client.get("/api/ocds/releases?per_page=4").json()
    assert [e.message for e in _validator("release-package-schema.json").iter_errors(first)] == []
    assert len(first["releases"]) == 4
    second = client.get(first["links"]["next"]).json()
    assert _validator("release-package-schema.json").is_valid(second)
    assert len(second["releases"]) == 2 and "next" not in second["links"]
    ids = {r["id"] for r in first["releases"] + second["releases"]}
    assert len(ids) == 6
