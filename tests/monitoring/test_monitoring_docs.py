"""docs/monitoring.md's two examples import as documented, so the documentation stays true."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from commonground.monitoring import queries
from commonground.monitoring.models import Evidence, Programme

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "monitoring.md"


def _example(language: str) -> str:
    [block] = re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), flags=re.S)
    return str(block)


def test_the_documented_examples_import_and_count_as_the_doc_says(
    area: object, tmp_path: Path
) -> None:
    model, evidence = tmp_path / "model.json", tmp_path / "evidence.csv"
    model.write_text(_example("json"))
    evidence.write_text(_example("csv"))
    call_command("import_logic_model", str(model))
    call_command("import_evidence", str(evidence))
    call_command("import_evidence", str(evidence))  # a second time adds nothing
    programme = Programme.objects.get(slug="example-programme")
    assert programme.areas.count() == 2 and programme.inputs_text == ["Two development officers"]
    assert Evidence.objects.count() == 6
    rows = {r.indicator: r for r in queries.report(programme).rows}
    assert (rows["dissemination"].target, rows["dissemination"].eligible) == (15, 1)
    assert rows["dissemination"].pipeline == 1
    assert (rows["attendees"].eligible, rows["attendees"].not_eligible) == (1, 1)  # p-0001 once
    share = rows["action-plan-share"]
    assert (share.base, share.percentage) == (1, 100)
    by_area = {(r.indicator, r.area): r for r in queries.report(programme, "area").rows}
    assert by_area[("dissemination", "W06000008")].target == 5
    assert by_area[("attendees", "E07000096")].eligible == 1  # an English area, by name


def test_the_exported_model_is_the_documented_one(
    area: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    model = tmp_path / "model.json"
    model.write_text(_example("json"))
    call_command("import_logic_model", str(model))
    capsys.readouterr()
    call_command("export_logic_model", "example-programme")
    exported = json.loads(capsys.readouterr().out)
    documented = json.loads(_example("json"))
    for indicator in documented["strands"][0]["indicators"]:
        for target in indicator["targets"]:  # left out in the doc: the whole programme
            target.setdefault("area", None)
            target.setdefault("delivery_partner", None)
    assert exported["strands"][0]["indicators"] == documented["strands"][0]["indicators"]
    assert exported["areas"] == sorted(documented["areas"])
    # and it loads again as it is
    model.write_text(json.dumps(exported))
    call_command("import_logic_model", str(model))
    assert Programme.objects.get().indicators.count() == 4
