"""Benchmark OCDS import into the database against the bare merge, in the same run.

Generates (seeded) ``--ocids`` contracting processes with 4 to 8 releases each (6 on
average: tender, tender updates, award, contract, implementation, amendments), as release
packages of ``--package-size`` releases, the way a feed is downloaded. Then times:

1. the bare merge: compiled and versioned release of every ocid by the chosen library's
   own calls (``ocdsmerge.Merger.create_compiled_release`` and ``create_versioned_release``
   on the releases in order), nothing read or stored; and, for comparison, the import's
   merge step alone (``interop.ocds.merge.compile_record``, which flattens each release
   once for both);
2. the import: ``actions.import_ocds`` over the packages, ``--per-call`` packages to a
   call (``manage.py import_ocds`` passes all its files to one): checking, storing,
   merging, opportunities.

Reports releases per second for each and the ratio import / bare merge. Targets (issue 13):
at least 2,000 releases/s on PostgreSQL and at most 3x the bare merge. The run's ocids have
a fresh prefix, so it can be repeated on the same database; ``--keep`` leaves the rows.

    DATABASE_URL=postgres://... python bench/ocds_import.py [--ocids 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from commonground.commissioning import actions  # noqa: E402
from commonground.commissioning.ocds_import import schema_dir  # noqa: E402
from commonground.interop.collector import paused  # noqa: E402
from commonground.interop.ocds.merge import compile_record, in_order, merger  # noqa: E402

# Buyers from across the UK, as in a national feed: none is one of this directory's
# public bodies, so the run measures storing and merging (see README_ocds.md).
BUYERS = [(f"GB-GOR-PB{n}", f"Public body {n}") for n in range(1, 200)]


def _process(rng: random.Random, ocid: str) -> list[dict[str, Any]]:
    buyer_id, buyer_name = rng.choice(BUYERS)
    supplier = {"id": f"GB-CHC-{rng.randint(1_000_000, 1_199_999)}", "name": f"Supplier {rng.randint(1, 9999)}"}
    parties = [
        {"id": buyer_id, "name": buyer_name, "roles": ["buyer"], "address": {"locality": "Aberystwyth", "countryName": "United Kingdom"}},
        {**supplier, "identifier": {"scheme": "GB-CHC", "id": supplier["id"][7:]}, "roles": ["supplier"]},
    ]
    value = rng.randint(5_000, 2_000_000)
    tender: dict[str, Any] = {
        "id": "T1",
        "title": f"Service {ocid[-6:]}",
        "description": "A community service. " * rng.randint(2, 12),
        "status": "active",
        "value": {"amount": value, "currency": "GBP"},
        "tenderPeriod": {"startDate": "2025-01-10T00:00:00Z", "endDate": "2025-02-10T12:00:00Z"},
        "lots": [{"id": str(n), "title": f"Lot {n}", "value": {"amount": value // 2, "currency": "GBP"}} for n in range(1, rng.randint(1, 4))],
    }
    award = {"id": "A1", "status": "active", "date": "2025-03-01T00:00:00Z", "suppliers": [supplier], "value": {"amount": value, "currency": "GBP"}}
    contract = {"id": "C1", "awardID": "A1", "status": "active", "value": {"amount": value, "currency": "GBP"}, "period": {"startDate": "2025-04-01T00:00:00Z", "endDate": "2028-03-31T00:00:00Z"}}
    steps: list[tuple[str, dict[str, Any]]] = [("tender", {"tender": tender})]
    for n in range(rng.randint(1, 2)):
        steps.append(("tenderUpdate", {"tender": {**tender, "description": tender["description"] + f" Update {n}."}}))
    steps.append(("award", {"tender": {**tender, "status": "complete"}, "awards": [award]}))
    steps.append(("contract", {"contracts": [contract]}))
    if rng.random() < 0.6:
        steps.append(("implementation", {"contracts": [{**contract, "implementation": {"transactions": [{"id": "1", "date": "2025-06-01T00:00:00Z", "value": {"amount": value // 4, "currency": "GBP"}}]}}]}))
    if rng.random() < 0.5:
        steps.append(("contractAmendment", {"contracts": [{**contract, "value": {"amount": value + 1000, "currency": "GBP"}, "amendments": [{"id": "1", "date": "2025-09-01T00:00:00Z", "rationale": "Extended."}]}]}))
    return [
        {
            "ocid": ocid,
            "id": f"{ocid}-{n:02d}-{tag}",
            "date": f"2025-{n + 1:02d}-0{rng.randint(1, 9)}T09:00:00Z",
            "tag": [tag],
            "initiationType": "tender",
            "buyer": {"id": buyer_id, "name": buyer_name},
            "parties": parties,
            **body,
        }
        for n, (tag, body) in enumerate(steps)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ocids", type=int, default=20_000)
    parser.add_argument("--package-size", type=int, default=1_000)
    parser.add_argument("--per-call", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    prefix = f"ocds-bench{uuid.uuid4().hex[:8]}"
    releases = [r for i in range(args.ocids) for r in _process(rng, f"{prefix}-{i:06d}")]
    rng.shuffle(releases)  # feeds interleave processes
    packages = [
        json.dumps({"version": "1.1", "releases": releases[i : i + args.package_size]}).encode()
        for i in range(0, len(releases), args.package_size)
    ]
    print(f"{args.ocids} ocids, {len(releases)} releases ({len(releases) / args.ocids:.2f} per ocid), "
          f"{len(packages)} packages, {sum(map(len, packages)) / 1e6:.1f} MB, on {connection.vendor}")

    by_ocid: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for package in packages:  # parsed afresh, as the import does
        for release in json.loads(package)["releases"]:
            by_ocid[release["ocid"]].append(release)
    schema = schema_dir()
    library = merger(schema)
    # The import pauses the cyclic collector (interop/collector.py); the merges are
    # timed under the same condition, so the ratio compares like with like.
    with paused():
        started = time.perf_counter()
        for group in by_ocid.values():
            ordered = in_order(group)
            library.create_compiled_release(ordered)
            library.create_versioned_release(ordered)
        bare = time.perf_counter() - started
        started = time.perf_counter()
        for group in by_ocid.values():
            compile_record(group, schema)
        shared = time.perf_counter() - started

    started = time.perf_counter()
    for i in range(0, len(packages), args.per_call):
        chunk = packages[i : i + args.per_call]
        actions.import_ocds(None, [(f"bench-{i + n}.json", p) for n, p in enumerate(chunk)])
    imported = time.perf_counter() - started

    print(f"bare merge (ocdsmerge's calls): {bare:7.2f} s  {len(releases) / bare:9.0f} releases/s")
    print(f"merge step (one flattening):    {shared:7.2f} s  {len(releases) / shared:9.0f} releases/s")
    print(f"import:                         {imported:7.2f} s  {len(releases) / imported:9.0f} releases/s")
    print(f"ratio import / bare merge: {imported / bare:.2f}  (import / merge step: {imported / shared:.2f})")
    if not args.keep:
        # The benchmark's own rows only; releases are otherwise never deleted.
        with connection.cursor() as cursor:
            for table in ("commissioning_ocdsrelease", "commissioning_ocdsrecord", "commissioning_unmatchedsupplier"):
                cursor.execute(f"DELETE FROM {table} WHERE ocid LIKE %s", [f"{prefix}-%"])  # noqa: S608


if __name__ == "__main__":
    main()
