"""Every verb emits a domain event: programme monitoring counts evidence from the log.

Reads every public function of every app's ``actions.py`` with ``ast``. A function emits if
it calls ``emit`` or ``emit_many``, a function of its own module that does, or another app's
verb that does (representation appointing through partnerships' ``appoint_holder``).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACTIONS = sorted((ROOT / "commonground").glob("*/actions.py"))

# The only verbs that write without an event, each with the reason.
SILENT = {
    "representation.cast_ballot": "a ballot must not be traceable to a voter or to a time "
    "that could identify one; the count's result event records the election instead",
    "core.set_preferred_language": "a person's reading preference for their own account, "
    "not a change to any shared record: there is nothing to count",
    "core.send_email_confirmation": "it only queues an email; following the link is the "
    "change, and core.confirm_email emits account.email_confirmed",
}


def _functions(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text())
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _called(node: ast.FunctionDef) -> set[str]:
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            if isinstance(call.func, ast.Name):
                names.add(call.func.id)
            elif isinstance(call.func, ast.Attribute):
                names.add(call.func.attr)
    return names


def _emitting() -> tuple[dict[str, set[str]], set[str]]:
    """Public functions per app, and the qualified names of those that emit."""
    modules = {p.parent.name: _functions(p) for p in ACTIONS}
    emitting: set[str] = set()
    verbs_by_name: dict[str, set[str]] = {}
    for app, functions in modules.items():
        for name in functions:
            verbs_by_name.setdefault(name, set()).add(app)
    changed = True
    while changed:  # until no function newly counts as emitting
        changed = False
        for app, functions in modules.items():
            for name, node in functions.items():
                qualified = f"{app}.{name}"
                if qualified in emitting:
                    continue
                calls = _called(node)
                local = {f"{app}.{c}" for c in calls if c in functions}
                foreign = {
                    f"{other}.{c}"
                    for c in calls
                    for other in verbs_by_name.get(c, set())
                    if other != app
                }
                if calls & {"emit", "emit_many"} or (local | foreign) & emitting:
                    emitting.add(qualified)
                    changed = True
    public = {
        app: {n for n in functions if not n.startswith("_")} for app, functions in modules.items()
    }
    return public, emitting


def test_every_verb_emits_an_event_or_is_listed_with_a_reason() -> None:
    public, emitting = _emitting()
    silent = sorted(
        f"{app}.{name}"
        for app, names in public.items()
        for name in names
        if f"{app}.{name}" not in emitting and f"{app}.{name}" not in SILENT
    )
    assert not silent, f"verbs that emit no domain event: {silent}"


def test_the_silent_list_is_short_and_current() -> None:
    public, emitting = _emitting()
    assert len(SILENT) <= 3
    for qualified in SILENT:
        app, name = qualified.split(".")
        assert name in public[app], f"{qualified} is listed but no longer exists"
        assert qualified not in emitting, f"{qualified} emits now: take it off the list"
