"""Compiled and versioned releases, by ``ocdsmerge`` (the standard's reference merge).

The merger is built from the local release schema, so it never fetches one. Releases are
put in (date, id) order first: ``ocdsmerge`` sorts by date alone, and ties between releases
of the same date must not depend on the order they arrived in.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any

import ocdsmerge
import ocdsmerge.exceptions
import ocdsmerge.flatten
import ocdsmerge.merge

from commonground.interop.ocds.schema import load


@lru_cache(maxsize=4)
def merger(schema_dir: Path) -> Any:
    return ocdsmerge.Merger(schema=load(schema_dir, "release-schema.json"))


class MergeFailed(ValueError):
    """The merge library refused an ocid's releases (e.g. a field changed type between them)."""

    def __init__(self, ocid: str, reason: str) -> None:
        super().__init__(f"{ocid}: {reason}")
        self.ocid = ocid
        self.reason = reason


def in_order(releases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(releases, key=lambda r: (r["date"], str(r["id"])))


def compile_record(
    releases: list[dict[str, Any]], schema_dir: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(compiledRelease, versionedRelease) for all the releases of one ocid.

    ``Merger.create_compiled_release`` and ``create_versioned_release`` would each flatten
    every release; flattening is most of the merge, so each release is flattened once here
    and the flat form given to both (``flat_append``, as ``MergedRelease.append`` does).
    """
    return continue_record(None, None, releases, schema_dir)


def continue_record(
    compiled_before: dict[str, Any] | None,
    versioned_before: dict[str, Any] | None,
    releases: list[dict[str, Any]],
    schema_dir: Path,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(compiledRelease, versionedRelease) after merging ``releases`` into a stored record.

    Only for releases that all come after those already merged: ``ocdsmerge`` starts from a
    merged release (``MergedRelease(data=...)`` flattens it) and appends, which gives what
    merging every release from the start would. ``None`` starts from nothing.
    """
    ordered = in_order(releases)
    m = merger(schema_dir)
    rules = {"merge_rules": m.merge_rules, "rule_overrides": m.rule_overrides}
    try:
        compiled = ocdsmerge.merge.CompiledRelease(compiled_before, **rules)
        versioned = ocdsmerge.merge.VersionedRelease(versioned_before, **rules)
        for release in ordered:
            release = dict(release)
            tag = release.pop("tag", None)  # omitted when merged (before OCDS 1.1.4 too)
            ocid, release_id, date = release.get("ocid"), release.get("id"), release.get("date")
            flat = ocdsmerge.flatten.flatten(release, m.merge_rules, m.rule_overrides, flattened={})
            compiled.flat_append(flat, ocid, release_id, date, tag)  # copies the pairs
            versioned.flat_append(flat, ocid, release_id, date, tag)  # may change ``flat``
        return compiled.asdict(), versioned.asdict()
    except ocdsmerge.exceptions.OCDSMergeError as exc:
        raise MergeFailed(str(ordered[0].get("ocid", "")), str(exc)) from exc

