"""The evidence CSV import: all or nothing, every problem by row and column, idempotent."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from commonground.monitoring import importer
from commonground.monitoring.models import Evidence, Programme

pytestmark = pytest.mark.django_db
HEADER = ",".join(importer.COLUMNS)


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


GOOD = "test-programme,dissemination,2024-05-02,W06000008,ceredigion-cvc,,,1,eligible,,r-1"


def test_a_file_with_one_bad_row_changes_nothing_and_names_row_and_column(
    programme: Programme, tmp_path: Path
) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(
        _csv(
            GOOD,
            "test-programme,dissemination,2024-05-03,W06000008,,,,1,pipeline,,r-2",
            GOOD.replace("r-1", "r-3"),
        )
    )
    with pytest.raises(CommandError) as failure:
        call_command("import_evidence", str(path))
    assert "Row 3, column reason" in str(failure.value)
    assert not Evidence.objects.exists()


def test_every_problem_is_listed(programme: Programme) -> None:
    bad = "test-programme,nonsense,2024-13-01,Atlantis,Nobody Ltd,,,-2,maybe,,"
    with pytest.raises(importer.EvidenceFileError) as failure:
        importer.import_evidence(None, _csv(GOOD, bad, "other,x,2024-01-01,,,,,1,eligible,,"))
    found = {(p.row, p.column) for p in failure.value.problems}
    assert found == {
        (3, "indicator"),
        (3, "date"),
        (3, "area"),
        (3, "delivery_partner"),
        (3, "quantity"),
        (3, "status"),
        (4, "programme"),
    }
    assert not Evidence.objects.exists()


def test_problems_are_in_welsh_for_a_welsh_reader(programme: Programme) -> None:
    with translation.override("cy"):
        with pytest.raises(importer.EvidenceFileError) as failure:
            importer.import_evidence(
                None, _csv("test-programme,dissemination,2024-05-03,,,,,1,pipeline,,")
            )
        # as the page and the command render it, in the reader's language
        assert str(failure.value.problems[0]).startswith("Rhes 2, colofn reason: Rhowch y rheswm")


def test_a_wrong_header_is_one_clear_problem(programme: Programme) -> None:
    with pytest.raises(importer.EvidenceFileError) as failure:
        importer.import_evidence(None, "programme,indicator\nx,y\n")
    assert "missing date" in str(failure.value)


def test_importing_twice_adds_nothing_and_areas_go_by_name(programme: Programme) -> None:
    text = _csv(
        GOOD, "test-programme,dissemination,2024-05-09,Powys,Ceredigion CVC,,,2,eligible,,r-2"
    )
    assert importer.import_evidence(None, text) == importer.ImportResult(2, 0)
    assert importer.import_evidence(None, text) == importer.ImportResult(0, 2)
    powys = Evidence.objects.get(source_ref="r-2")
    assert powys.area is not None and powys.area.code == "W06000023"
    assert powys.delivery_partner is not None and powys.delivery_partner.slug == "ceredigion-cvc"
    assert powys.imported and powys.quantity == 2
    # English areas are recordable, by ONS code or by name.
    importer.import_evidence(
        None, _csv("test-programme,dissemination,2010-01-14,Gateshead,,,,1,eligible,,r-3")
    )
    assert Evidence.objects.get(source_ref="r-3").area.code == "E08000037"  # type: ignore[union-attr]


def test_a_file_that_is_not_text_is_refused(programme: Programme) -> None:
    with pytest.raises(importer.EvidenceFileError):
        importer.import_evidence(None, b"\xff\xfe\x00bad")
