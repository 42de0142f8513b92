"""Where the OCDS schemas are, and the field types a release may have.

The standard's files are read from the shared standards folder (never fetched); callers
pass that folder in, so this module has no idea of Django settings.
"""

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

# JSON Schema type name -> the Python types ``json.loads`` gives for it.
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "null": (type(None),),
}

# The path element standing for "each item of this array".
ITEM = "[]"

FieldTypes = dict[tuple[str, ...], tuple[frozenset[str], tuple[type, ...]]]


@lru_cache(maxsize=4)
def load(schema_dir: Path, name: str) -> dict[str, Any]:
    """One of the standard's schema files, parsed (cached: they are read-only)."""
    with (schema_dir / name).open(encoding="utf-8") as handle:
        result: dict[str, Any] = json.load(handle)
    return result


def _types(prop: dict[str, Any]) -> list[str]:
    value = prop.get("type", [])
    return [value] if isinstance(value, str) else list(value)


def _walk(properties: dict[str, Any], path: tuple[str, ...], out: FieldTypes) -> None:
    for name, prop in properties.items():
        here = (*path, name)
        names = _types(prop)
        if names:
            python: tuple[type, ...] = tuple(t for n in names for t in _PYTHON_TYPES[n])
            out[here] = (frozenset(names), python)
        if "properties" in prop:
            _walk(prop["properties"], here, out)
        items = prop.get("items")
        if isinstance(items, dict) and _types(items):
            item_names = _types(items)
            item_python = tuple(t for n in item_names for t in _PYTHON_TYPES[n])
            out[(*here, ITEM)] = (frozenset(item_names), item_python)
        if isinstance(items, dict) and "properties" in items:
            _walk(items["properties"], here, out)


@lru_cache(maxsize=4)
def field_types(schema_dir: Path) -> FieldTypes:
    """Each field path of a release -> its types. Fields of array items share their array's
    path; the items themselves are at ``(*path, ITEM)``."""
    out: FieldTypes = {}
    _walk(load(schema_dir, "dereferenced-release-schema.json")["properties"], (), out)
    return out
