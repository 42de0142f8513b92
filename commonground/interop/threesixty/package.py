"""360Giving JSON packages: ``{"grants": [...]}`` in, grants and every problem out; and back."""

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from commonground.interop.threesixty.grants import Grant, Problem, grant_from_json, grant_to_json

# The version of the standard packages are written in (major.minor, as the schema asks).
VERSION = "1.4"


def read_grants(raw_grants: list[Any]) -> tuple[list[Grant], list[Problem]]:
    """Read each grant dict; identifiers must be unique within the package."""
    grants: list[Grant] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_grants):
        grant, found = grant_from_json(raw, position)
        problems.extend(found)
        if grant is None:
            continue
        if grant.id in seen:
            problems.append(Problem(grant.id, "id", "duplicate", grant.id))
            continue
        seen.add(grant.id)
        grants.append(grant)
    return grants, problems


def read_package(data: bytes | str) -> tuple[list[Grant], list[Problem]]:
    """Parse a package. Amounts are read as ``Decimal``, so no pence are lost to floats."""
    try:
        document = json.loads(data, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as exc:
        return [], [Problem("", "", "json", str(exc))]
    if not isinstance(document, dict) or not isinstance(document.get("grants"), list):
        return [], [Problem("", "grants", "shape")]
    return read_grants(document["grants"])


def package_dict(grants: Iterable[Grant], **metadata: Any) -> dict[str, Any]:
    return {"version": VERSION, **metadata, "grants": [grant_to_json(g) for g in grants]}


def package_json(grants: Iterable[Grant], **metadata: Any) -> bytes:
    """The package as UTF-8 JSON; ``metadata`` adds title, description and so on."""
    return json.dumps(package_dict(grants, **metadata), ensure_ascii=False, indent=1).encode()
