"""Storing OCDS releases and rebuilding records: the writing half of ``actions.import_ocds``.

Releases are stored once each (by the SHA-256 of their canonical JSON), never changed.
Every ocid that gained a release has its record rebuilt: merged on from the stored record
when all the new releases are dated after it, otherwise from all its releases, so a late
release (dated before others) gives the same record as importing in date order.
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
from django.db.models.fields.json import KT

from commonground.commissioning.models import OcdsRecord, OcdsRelease
from commonground.commissioning.ocds_copy import (
    NewRelease,
    insert_records,
    insert_releases,
    upsert_records,
)
from commonground.interop.ocds.merge import compile_record, continue_record

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
    by_ocid: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_ocid[row.ocid].append(row.data)
    plan = _plan(by_ocid)  # before inserting: what is stored is then only the older releases
    insert_releases(rows)
    result.new = len(rows)
    result.compiled = _rebuild(plan)
    return result


@dataclass
class Plan:
    """How each ocid that gained releases gets its record."""

    new: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # no record yet
    # Stored record and count, and new releases all dated after its last one: merged on.
    onwards: dict[str, tuple[OcdsRecord, list[dict[str, Any]]]] = field(default_factory=dict)
    # A late release (dated on or before the stored record): all releases merged again.
    again: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _plan(new_by_ocid: dict[str, list[dict[str, Any]]]) -> Plan:
    plan = Plan()
    last: dict[str, str] = {}
    for chunk in _chunks(list(new_by_ocid)):
        last.update(
            OcdsRecord.objects.filter(ocid__in=chunk)
            .annotate(last=KT("compiled__date"))
            .values_list("ocid", "last")
        )
    for ocid, new in new_by_ocid.items():
        if ocid not in last:
            plan.new[ocid] = new
        elif all(release["date"] > last[ocid] for release in new):
            plan.onwards[ocid] = (OcdsRecord(ocid=ocid), new)
        else:
            plan.again[ocid] = list(new)
    for chunk in _chunks(list(plan.onwards)):
        for record in OcdsRecord.objects.filter(ocid__in=chunk).only(
            "ocid", "compiled", "versioned", "release_count"
        ):
            plan.onwards[record.ocid] = (record, plan.onwards[record.ocid][1])
    for chunk in _chunks(list(plan.again)):
        for ocid, data in OcdsRelease.objects.filter(ocid__in=chunk).values_list("ocid", "data"):
            plan.again[ocid].append(data)
    return plan


def _rebuild(plan: Plan) -> dict[str, dict[str, Any]]:
    """Each ocid's record: merged from the start, or on from the stored one (the compiled
    release's date is its last release's, so later releases cannot change what came before).
    """
    schema = schema_dir()
    new, stored = [], []
    for ocid, releases in plan.new.items():
        compiled, versioned = compile_record(releases, schema)
        new.append(OcdsRecord(ocid=ocid, compiled=compiled, versioned=versioned, release_count=len(releases)))
    for ocid, releases in plan.again.items():
        compiled, versioned = compile_record(releases, schema)
        stored.append(OcdsRecord(ocid=ocid, compiled=compiled, versioned=versioned, release_count=len(releases)))
    for ocid, (record, releases) in plan.onwards.items():
        compiled, versioned = continue_record(record.compiled, record.versioned, releases, schema)
        stored.append(
            OcdsRecord(
                ocid=ocid, compiled=compiled, versioned=versioned,
                release_count=record.release_count + len(releases),
            )
        )
    # Most of a feed's ocids are new: those go straight in, only the others are replaced.
    insert_records(new)
    upsert_records(stored)
    return {record.ocid: record.compiled for record in new + stored}
