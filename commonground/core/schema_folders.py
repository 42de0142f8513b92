"""Standards' schemas that the platform reads from disk at run time (OCDS for imports, ORUK
for its published OpenAPI): one start-up check that each folder holds them.

The schemas are not copied into the repository; a production install points a setting at a
folder holding them (docs/operations.md). Refusing to start without them beats failing on
the first upload, or publishing an API description that points nowhere.
"""

import json
from collections.abc import Iterable
from pathlib import Path

from django.core import checks


def unreadable(folder: Path, names: Iterable[str]) -> list[str]:
    """The files among ``names`` that are absent from ``folder`` or not JSON objects."""
    missing = []
    for name in names:
        try:
            with (folder / name).open(encoding="utf-8") as handle:
                readable = isinstance(json.load(handle), dict)
        except (OSError, ValueError):
            readable = False
        if not readable:
            missing.append(name)
    return missing


def folder_check(
    *, folder: Path, names: Iterable[str], what: str, setting: str, section: str, id: str
) -> list[checks.CheckMessage]:
    missing = unreadable(folder, names)
    if not missing:
        return []
    return [
        checks.Critical(
            f"The {what} schema folder {folder} lacks a readable {', '.join(missing)}.",
            hint=f"Set {setting} to a folder holding the {what} schema files "
            f"(see docs/operations.md, '{section}').",
            id=id,
        )
    ]
