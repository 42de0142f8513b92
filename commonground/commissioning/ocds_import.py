"""Storing OCDS releases and rebuilding records: the writing half of ``actions.import_ocds``.

Releases are stored once each (by the SHA-256 of their canonical JSON), never changed.
Every ocid that gained a release has its record rebuilt from all its stored releases, so a
late release (dated before others) gives the same record as importing in date order.
Then the ocid's opportunity is refreshed from the compiled release (``ocds_opportunity``).
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings

from commonground.commissioning.models import OcdsRecord, OcdsRelease
from commonground.commissioning.ocds_copy import (
    NewRelease,
    insert_records,
    insert_releases,
    upsert_records,
)
from commonground.interop.ocds.merge import compile_record

T = TypeVar("T")
CHUNK = 2000


def schema_dir() -> Path:
    return Path(settings.OCDS_SCHEMA_DIR)


# Sorted keys, no spaces: one text per release, whatever order its keys arrived in. It has
# no cycles to look for (it is what ``json.loads`` made).
canonical = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, check_circular=False
).encode


def _chunks(items: list[T], size: int = CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Stored:
    new: int = 0
    duplicates: int = 0
    compiled: dict[str, dict[str, Any]] = field(default_factory=dict)  # of the ocids that
    # gained a release, rebuilt


def store_releases(releases: Iterable[tuple[str, dict[str, Any]]]) -> Stored:
    """Store ``(source_name, release)`` pairs that are not stored yet; rebuild their records."""
    fresh: dict[str, NewRelease] = {}
    result = Stored()
    for source, release in releases:
        text = canonical(release)
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if key in fresh:
            result.duplicates += 1
        else:
            fresh[key] = NewRelease(
                release["ocid"], str(release["id"]), release["date"], key, release, text, source[:255]
            )
    keys = list(fresh)
    for chunk in _chunks(keys):
        for known in OcdsRelease.objects.filter(digest__in=chunk).values_list("digest", flat=True):
            del fresh[known]
            result.duplicates += 1
    rows = list(fresh.values())
    insert_releases(rows)
    result.new = len(rows)
    by_ocid: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_ocid[row.ocid].append(row.data)
    result.compiled = _rebuild(by_ocid)
    return result


def _rebuild(new_by_ocid: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Recompile each ocid from all its releases: those already stored and the new ones."""
    ocids = list(new_by_ocid)
    known: set[str] = set()
    for chunk in _chunks(ocids):
        known.update(OcdsRecord.objects.filter(ocid__in=chunk).values_list("ocid", flat=True))
    # New ocids have all their releases in memory; for the others the stored releases
    # (which now include the new ones) are the whole history.
    everything = {ocid: new for ocid, new in new_by_ocid.items() if ocid not in known}
    for chunk in _chunks(sorted(known)):
        for ocid, data in OcdsRelease.objects.filter(ocid__in=chunk).values_list("ocid", "data"):
            everything.setdefault(ocid, []).append(data)
    records = []
    for ocid, releases in everything.items():
        compiled, versioned = compile_record(releases, schema_dir())
        records.append(
            OcdsRecord(ocid=ocid, compiled=compiled, versioned=versioned, release_count=len(releases))
        )
    # Most of a feed's ocids are new: those go straight in, only the others are replaced.
    insert_records([r for r in records if r.ocid not in known])
    upsert_records([r for r in records if r.ocid in known])
    return {record.ocid: record.compiled for record in records}
