"""The seeds' tables, rebuilt from raw evidence records imported with ``import_evidence``.

Every expected figure below is copied from the seed text (000 T7 and 003 Tables 2.1, 4.2
and 5.3; the lines are in /work/shared/seeds/notes), not from the code. The records behind
them include repeat attendances, pipeline and not-eligible records, which must not move the
published figures.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from commonground.core.models import Organisation
from commonground.monitoring import demo, layouts, seeds
from commonground.monitoring.models import Evidence, Programme

pytestmark = pytest.mark.django_db


def _import(tmp_path: Path, text: str) -> None:
    path = tmp_path / "evidence.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import_evidence", str(path))


def _table(programme: Programme, slug: str) -> list[list[object]]:
    layout = layouts.find(programme, slug)
    assert layout is not None
    return layouts.fill(programme, layout)


def test_table_4_2_gives_102_attendees_by_local_authority(nptsc: Programme, tmp_path: Path) -> None:
    _import(tmp_path, seeds.nptsc_evidence_csv())
    rows = _table(nptsc, "table-4-2")
    assert rows == [
        ["Dacorum", 33],
        ["Gateshead", 15],
        ["York", 11],
        ["Devon", 20],
        ["Staffordshire", 23],
        ["Total", 102],
    ]
    # Gateshead's fifteen came to both sessions: 30 records, 15 people.
    gateshead = Evidence.objects.filter(indicator__code="ivar-participants", area__code="E08000037")
    assert gateshead.count() == 30


def test_table_2_1_rows(nptsc: Programme, tmp_path: Path) -> None:
    _import(tmp_path, seeds.nptsc_evidence_csv())
    rows = {str(r[0]): r[1:] for r in _table(nptsc, "table-2-1")}
    assert rows["Training courses for commissioners"] == ["CIPFA", 880, ""]
    assert rows["Social return on investment training"] == ["SROI-UK", 160, ""]
    assert rows["Pilot training for councillors and NHS non-executive directors"] == [
        "London Councils",
        28,
        "",
    ]
    assert rows["Area-based support and subsequent shared learning"] == ["IVAR", 102, ""]
    assert rows["Bursary scheme"][1:] == [150, "Not available"]
    assert rows["Adapting to individual budget seminars"] == ["ACEVO", 80, ""]
    # "11 (21 including phase one)": phase two is the table's period.
    assert rows["Direct in-depth support to tendering and bidding"] == ["ACEVO", 11, 11]
    assert rows["Good practice in co-design action research"] == ["bassac", 49, 36]
    assert rows["Direct consultancy support in tendering and bidding"] == ["NAVCA", "", 120]
    assert rows["Research into stimulating new markets"] == ["SEC", "n/a", "n/a"]
    assert len(rows) == 10


def test_table_5_3_action_learning_sets(nptsc: Programme, tmp_path: Path) -> None:
    _import(tmp_path, seeds.nptsc_evidence_csv())
    rows = [[str(c) for c in r[1:]] for r in _table(nptsc, "table-5-3")]
    assert rows == [
        ["Doncaster", "6", "5"],
        ["Bristol", "11", "8"],
        ["Plymouth", "3", "2"],
        ["Bristol", "8", "4"],
        ["Northumberland and Newcastle", "4", "4"],
        ["Plymouth", "8", "8"],
        ["London Borough of Southwark", "9", "5"],
        ["", "49", "36"],
    ]


def test_t7_recorded_against_targets(tmp_path: Path, make_organisation: object) -> None:
    wcva = Organisation.objects.filter(slug=seeds.WCVA).first()
    assert wcva is None
    make = make_organisation  # type: ignore[assignment]
    wcva = make(name_en="Wales Council for Voluntary Action", slug=seeds.WCVA)  # type: ignore[operator]
    cavo = make(name_en="Ceredigion Association of Voluntary Organisations")  # type: ignore[operator]
    make(name_en="Welsh Government", kind=Organisation.Kind.PUBLIC_BODY)  # type: ignore[operator]
    programme = demo.load_mtc()
    assert programme is not None and cavo is not None
    # Importing the same records again adds nothing.
    _import(tmp_path, seeds.mtc_evidence_csv({"W06000008": cavo.slug}))
    rows = {str(r[0]): r[2:] for r in _table(programme, "t7")}
    # target, whole project, five case-study areas, in the pipeline there
    assert rows["Dissemination initiatives and products"][:3] == [15, 214, 84]
    assert rows["Collaborative agreements within the third sector"] == [30, 19, 2, 4]
    assert rows["Collaborative agreements between public sector and third sector"][1:3] == [7, 1]
    assert rows["Secondments between third sector and public sector"][1:3] == [7, 2]
    in_case_studies = Evidence.objects.filter(
        indicator__code="sd-agreements", status="eligible", area__code__in=layouts.CASE_STUDY_AREAS
    )
    assert in_case_studies.values("area").distinct().count() == 1  # "both from one area"
    assert Evidence.objects.filter(
        indicator__code="ri-dissemination", status="not_eligible"
    ).exists()
