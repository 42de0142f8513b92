"""Staff form pages take their create-or-edit step from ``core/form_views.py``.

A private copy of the step (try the verb, put its ``ValidationError`` on the form, or redirect
with a message) drifts: one copy answered a refused form with 200 and another with 400, one
took a verb that returned nothing for a failure. These apps' staff views use ``form_page``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "commonground"
APPS = ["commissioning", "funding", "partnerships", "monitoring"]


def _names(app: str) -> set[str]:
    tree = ast.parse((ROOT / app / "views_staff.py").read_text())
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


@pytest.mark.parametrize("app", APPS)
def test_staff_views_use_the_one_form_page(app: str) -> None:
    names = _names(app)
    assert "form_page" in names
    assert "add_errors" not in names, f"{app}/views_staff.py repeats core's form_page step"
