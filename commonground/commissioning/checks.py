"""The OCDS import reads the standard's schemas from disk at run time: refuse to start
without them, rather than fail on the first upload."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

# What the import reads: field types from the dereferenced schema (interop.ocds.package),
# merge rules from the release schema (interop.ocds.merge).
SCHEMA_FILES = ("release-schema.json", "dereferenced-release-schema.json")


def missing_schema_files(schema_dir: Path) -> list[str]:
    """The files the import needs that are absent from ``schema_dir`` or not JSON objects."""
    missing = []
    for name in SCHEMA_FILES:
        try:
            with (schema_dir / name).open(encoding="utf-8") as handle:
                readable = isinstance(json.load(handle), dict)
        except (OSError, ValueError):
            readable = False
        if not readable:
            missing.append(name)
    return missing


@checks.register()
def ocds_schema(**kwargs: Any) -> list[checks.CheckMessage]:
    schema_dir = Path(settings.OCDS_SCHEMA_DIR)
    missing = missing_schema_files(schema_dir)
    if not missing:
        return []
    return [
        checks.Critical(
            f"The OCDS schema folder {schema_dir} lacks a readable {', '.join(missing)}.",
            hint="Set OCDS_SCHEMA_DIR to a folder holding the OCDS 1.1 schema files "
            "(see docs/operations.md, 'The OCDS schema').",
            id="commissioning.E001",
        )
    ]
