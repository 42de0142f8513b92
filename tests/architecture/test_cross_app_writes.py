"""No app writes another app's models: it calls the owning app's verbs.

import-linter cannot tell a read from a write, so this reads each app module with ``ast``:
a model class imported from another app's ``models`` may be queried, but not instantiated
(a new row) or written through its manager (``create``, ``update``, ``delete`` and the bulk
and get-or-create forms). Saving an instance that was read cannot be told apart statically;
the verbs' event test and review catch those.
"""

import ast
import importlib
from pathlib import Path

from django.db import models

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent for p in (ROOT / "commonground").glob("*/apps.py"))
WRITES = {
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "update",
    "delete",
}
# Files allowed to write another app's models, each with the reason.
EXCEPTIONS = {
    "commonground/partnerships/demo.py": "the demo's cast of people: core has no verb for "
    "adding a person yet",
    "commonground/web/demo.py": "the second and third demo areas' people and accounts: core "
    "has no verb for adding a person yet",
    "commonground/funding/importer.py": "builds unsaved organisations as the placeholders an "
    "import's agreements point at; core's import_organisations verb writes them",
}


def _foreign_models(tree: ast.Module, app: str) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if (
                len(parts) >= 3
                and parts[0] == "commonground"
                and parts[2] == "models"
                and parts[1] != app
            ):
                module = importlib.import_module(node.module)
                names |= {
                    alias.asname or alias.name
                    for alias in node.names
                    if _is_model(getattr(module, alias.name, None))
                }
    return names


def _is_model(value: object) -> bool:
    """Only model classes count: an app's models module also exports exceptions and helpers."""
    return isinstance(value, type) and issubclass(value, models.Model)


def _writes(source: str, app: str) -> list[str]:
    """``line: what`` for each write to another app's model in ``source``."""
    tree = ast.parse(source)
    foreign = _foreign_models(tree, app)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in foreign:
            found.append(f"{node.lineno}: new {func.id}")
        if (
            isinstance(func, ast.Attribute)
            and func.attr in WRITES
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "objects"
            and isinstance(func.value.value, ast.Name)
            and func.value.value.id in foreign
        ):
            found.append(f"{node.lineno}: {func.value.value.id}.objects.{func.attr}")
    return found


def test_no_app_writes_another_apps_models() -> None:
    found = []
    for app in APPS:
        for path in sorted(app.rglob("*.py")):
            name = str(path.relative_to(ROOT))
            if "migrations" in path.parts or name in EXCEPTIONS:
                continue
            found += [f"{name}:{w}" for w in _writes(path.read_text(), app.name)]
    assert not found, "\n".join(found)


def test_the_check_sees_a_write_and_lets_a_read_pass() -> None:
    source = (
        "from commonground.partnerships.models import SeatHolding\n"
        "SeatHolding.objects.filter(pk=1).first()\n"
        "SeatHolding(seat=None).save()\n"
        "SeatHolding.objects.create(seat=None)\n"
    )
    assert sorted(_writes(source, "representation")) == [
        "3: new SeatHolding",
        "4: SeatHolding.objects.create",
    ]
    assert _writes(source, "partnerships") == []
