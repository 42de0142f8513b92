"""Reading an OCDS release package and checking each release before anything is stored.

A package is refused whole when any release is faulty, so a problem names the release
(its ``id``, or its position when it has none) and the field. Numbers that JSON allows
but no OCDS value can be (``1e9999`` overflows to infinity; ``NaN`` and ``Infinity`` are
not JSON at all) are reported as such instead of being stored.
"""

import json
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from commonground.interop.ocds.schema import ITEM, field_types


class NonFiniteNumber(str):
    """The text of a number that has no finite value, kept so the error can quote it."""


@dataclass(frozen=True)
class Problem:
    release: str  # the release's id, or "#3" for the third release when it has none
    field: str  # dotted path, e.g. "tender.value.amount"; "" for the package itself
    code: str  # machine-readable kind; callers word the message in the reader's language
    detail: str = ""  # the offending value or the expected type, for the message


class PackageError(ValueError):
    """The package cannot be imported; ``problems`` says why, release by release."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.release} {p.field}: {p.code} {p.detail}" for p in problems))
        self.problems = problems


def _finite(text: str) -> float | NonFiniteNumber:
    value = float(text)
    return value if math.isfinite(value) else NonFiniteNumber(text)


def parse(data: bytes | str) -> Any:
    """JSON text to Python, with non-finite numbers marked rather than turned into inf."""
    try:
        return json.loads(data, parse_float=_finite, parse_constant=NonFiniteNumber)
    except UnicodeDecodeError as exc:
        raise PackageError([Problem("", "", "not_utf8", str(exc.start))]) from exc
    except json.JSONDecodeError as exc:
        raise PackageError([Problem("", "", "not_json", f"{exc.lineno}:{exc.colno}")]) from exc


def _label(release: Any, index: int) -> str:
    if isinstance(release, dict) and isinstance(release.get("id"), str | int) and release["id"] != "":
        return str(release["id"])
    return f"#{index + 1}"


def _is_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _type_names(names: frozenset[str]) -> str:
    """The expected type(s), leaving out null: a field that may be null may also be left out."""
    return " or ".join(sorted(n for n in names if n != "null"))


def _check_value(
    value: Any, path: tuple[str, ...], label: str, types: Any, out: list[Problem]
) -> None:
    if isinstance(value, NonFiniteNumber):
        out.append(Problem(label, ".".join(path), "non_finite_number", str(value)))
        return
    expected = types.get(path)
    if expected is not None:
        names, python = expected
        # bool is an int in Python, but not a JSON number.
        if not isinstance(value, python) or (isinstance(value, bool) and "boolean" not in names):
            out.append(Problem(label, ".".join(path), "wrong_type", _type_names(names)))
            return
    if isinstance(value, dict):
        for key, item in value.items():
            _check_value(item, (*path, key), label, types, out)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            _check_item(item, path, position, label, types, out)


def _check_item(
    item: Any, path: tuple[str, ...], position: int, label: str, types: Any, out: list[Problem]
) -> None:
    """An array item: checked against the array's item type, its fields at the array's path."""
    # The item's place is spelt out only for a problem: most items have none.
    if isinstance(item, NonFiniteNumber):
        out.append(Problem(label, f"{'.'.join(path)}[{position}]", "non_finite_number", str(item)))
        return
    expected = types.get((*path, ITEM))
    if expected is not None and not isinstance(item, expected[1]):
        out.append(Problem(label, f"{'.'.join(path)}[{position}]", "wrong_type", _type_names(expected[0])))
        return
    if isinstance(item, dict):
        for key, inner in item.items():
            _check_value(inner, (*path, key), label, types, out)


def check_release(release: Any, index: int, schema_dir: Path) -> list[Problem]:
    """The problems with one release; an empty list means it can be stored and merged."""
    label = _label(release, index)
    if not isinstance(release, dict):
        return [Problem(label, "", "not_object")]
    problems: list[Problem] = []
    for required in ("ocid", "id", "date"):
        value = release.get(required)
        if value is None or value == "":
            problems.append(Problem(label, required, "missing"))
    _check_value(release, (), label, field_types(schema_dir), problems)
    date = release.get("date")
    if isinstance(date, str) and date and not _is_datetime(date):
        problems.append(Problem(label, "date", "not_datetime", date))
    return problems


def read_package(data: bytes | str, schema_dir: Path) -> list[dict[str, Any]]:
    """The releases of a release package, or ``PackageError`` listing every problem."""
    package = parse(data)
    if not isinstance(package, dict) or not isinstance(package.get("releases"), list):
        raise PackageError([Problem("", "releases", "not_release_package")])
    problems: list[Problem] = []
    for index, release in enumerate(package["releases"]):
        problems.extend(check_release(release, index, schema_dir))
    if problems:
        raise PackageError(problems)
    releases: list[dict[str, Any]] = package["releases"]
    return releases
