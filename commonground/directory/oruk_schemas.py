"""The ORUK response schemas, bundled into the published OpenAPI description so that a
client can validate responses offline (no remote ``$ref``).

They are the schemas the ORUK validator checks against (Open Referral UK, V3.0-UK, licensed
CC BY-SA 4.0), read at run time from ``ORUK_SCHEMA_DIR``, as the OCDS schemas are, rather
than copied into the repository. Each bundled schema names its source and licence.
"""

import functools
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

from commonground.core.schema_folders import folder_check

SOURCE = (
    "https://raw.githubusercontent.com/tpximpact/OpenReferralApi/refs/heads/main/"
    "OpenReferralApi/Schemas/V3.0-UK/"
)
FILES = (
    "api_details.json",
    "organization.json",
    "organization_list.json",
    "service.json",
    "service_at_location.json",
    "service_at_location_list.json",
    "service_list.json",
    "taxonomy.json",
    "taxonomy_list.json",
    "taxonomy_term.json",
    "taxonomy_term_list.json",
)


def reference(file: str) -> str:
    """The OpenAPI reference to one bundled schema, e.g. ``#/components/schemas/service``."""
    return f"#/components/schemas/{file.removesuffix('.json')}"


@functools.cache
def _bundle(folder: Path) -> dict[str, Any]:
    schemas = {}
    for file in FILES:
        schema = json.loads((folder / file).read_text(encoding="utf-8"))
        schema["externalDocs"] = {
            "description": "Open Referral UK V3.0-UK response schema (CC BY-SA 4.0)",
            "url": SOURCE + file,
        }
        schemas[file.removesuffix(".json")] = schema
    return schemas


def bundled() -> dict[str, Any]:
    """The response schemas by name, for the description's ``components.schemas``."""
    return _bundle(Path(settings.ORUK_SCHEMA_DIR))


@checks.register()
def oruk_schema(**kwargs: Any) -> list[checks.CheckMessage]:
    return folder_check(
        folder=Path(settings.ORUK_SCHEMA_DIR),
        names=FILES,
        what="ORUK",
        setting="ORUK_SCHEMA_DIR",
        section="The ORUK schemas",
        id="directory.E001",
    )
