"""The OCDS import reads the standard's schemas from disk at run time: refuse to start
without them, rather than fail on the first upload."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

from commonground.core.schema_folders import folder_check

# What the import reads: field types from the dereferenced schema (interop.ocds.package),
# merge rules from the release schema (interop.ocds.merge).
SCHEMA_FILES = ("release-schema.json", "dereferenced-release-schema.json")


@checks.register()
def ocds_schema(**kwargs: Any) -> list[checks.CheckMessage]:
    return folder_check(
        folder=Path(settings.OCDS_SCHEMA_DIR),
        names=SCHEMA_FILES,
        what="OCDS",
        setting="OCDS_SCHEMA_DIR",
        section="The OCDS schema",
        id="commissioning.E001",
    )
