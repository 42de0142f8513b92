"""Benchmark directory search and ORUK import against a baseline taken in the same run.

Search: 20 representative queries (text, typos, filters, distance, opening times, deep
pages) over HTTP against a server started here, each repeated; the baseline is a
single-service primary-key fetch (``/oruk/services/{id}``) over HTTP, one before each
search request. Reports median and p95 for each, and the ratio of search p95 to the
baseline. Import: ORUK JSON import
throughput in services per second, through the same code path as the upload page:
``--import-batches`` imports of ``--import-services`` new services one after the other
(the first after a quiet spell pays for the pages each index touches first after a
checkpoint), then a re-import of the last.

Run against a directory made by ``bench/directory_generate.py``:

    DATABASE_URL=postgres://... python bench/directory_bench.py [--repeat 5] [--import-services 5000] [--import-batches 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
# Production settings need a key and hosts; a benchmark on loopback speaks plain HTTP.
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-not-for-any-deployment-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from commonground.core.models import Area  # noqa: E402
from commonground.directory import imports  # noqa: E402
from commonground.directory.models import Postcode, Service, Taxonomy, TaxonomyTerm  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310  (our own local server)
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - started


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def queries() -> list[str]:
    food = TaxonomyTerm.objects.get(code="food").pk
    young = TaxonomyTerm.objects.get(code="young").pk
    taxonomy = Taxonomy.objects.order_by("pk").values_list("pk", flat=True).first()
    postcode = (
        Postcode.objects.order_by("postcode").values_list("postcode", flat=True).first() or ""
    )
    q = urllib.parse.quote
    return [
        "/oruk/services?search=food",
        "/oruk/services?search=fod%20parcles",
        "/oruk/services?search=choir&per_page=20",
        "/oruk/services?search=youth%20club&page=3",
        f"/oruk/services?taxonomy_term_id={food}",
        f"/oruk/services?taxonomy_id={taxonomy}&page=10",
        "/oruk/services?minimum_age=70",
        "/oruk/services?maximum_age=5&search=playgroup",
        f"/oruk/service_at_locations?postcode={q(postcode)}&proximity=5000",
        f"/oruk/service_at_locations?postcode={q(postcode)}&proximity=3000&search=repair",
        "/oruk/services?page=2000&per_page=50",
        "/oruk/services?page=9000&per_page=20",
        "/oruk/organizations?search=Food%20Bank",
        "/oruk/taxonomy_terms",
        "/directory/?q=food+bank",
        "/directory/?q=credit+union&area=ceredigion",
        f"/directory/?postcode={q(postcode)}&radius=10&sort=distance",
        f"/directory/?day=1&time=19%3A00&postcode={q(postcode)}&radius=10",
        f"/directory/?age=8&term={young}&area=cardiff",
        "/directory/?theme=environment&page=50",
    ]


def bench_search(repeat: int) -> dict[str, Any]:
    port = _free_port()
    env = {**os.environ, "DJANGO_DEBUG": "0", "COMMONGROUND_DEMO": "0"}
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "runserver",
            "--noreload",
            "--nothreading",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/oruk/")
                break
            except OSError:
                time.sleep(0.2)
        ids = list(
            Service.objects.filter(organisation__public_listing=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:2000]
        )
        rng = random.Random(1)
        paths = queries()
        pk_urls = iter(
            [f"{base}/oruk/services/{rng.choice(ids)}" for _ in range(len(paths) * (repeat + 1))]
        )
        for path in paths:  # warm up
            _get(next(pk_urls))
            _get(base + path)
        # Each search request follows a baseline request, so both meet the same machine:
        # on a shared one its speed drifts over a run.
        baseline: list[float] = []
        results: dict[str, list[float]] = {path: [] for path in paths}
        for _ in range(repeat):
            for path in paths:
                baseline.append(_get(next(pk_urls)))
                results[path].append(_get(base + path))
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = [t for times in results.values() for t in times]
    return {"baseline": baseline, "queries": results, "all": every}


def oruk_services(count: int, seed: int) -> bytes:
    """``count`` full ORUK services (with organisation, location, schedule) as JSON."""
    rng = random.Random(seed)
    namespace = uuid.UUID(int=seed)
    docs = []
    for n in range(count):
        sid = str(uuid.uuid5(namespace, f"s{n}"))
        oid = str(uuid.uuid5(namespace, f"o{n // 5}"))
        lid = str(uuid.uuid5(namespace, f"l{n}"))
        docs.append(
            {
                "id": sid,
                "name": f"Imported service {n}",
                "description": "A service imported for the benchmark.",
                "status": "active",
                "minimum_age": rng.choice([0, 5, 18]),
                "organization": {
                    "id": oid,
                    "name": f"Imported organisation {n // 5}",
                    "description": "",
                },
                "service_at_locations": [
                    {
                        "id": str(uuid.uuid5(namespace, f"sal{n}")),
                        "location": {
                            "id": lid,
                            "location_type": "physical",
                            "latitude": 51.5 + rng.random(),
                            "longitude": -4 + rng.random(),
                            "addresses": [
                                {
                                    "id": str(uuid.uuid5(namespace, f"a{n}")),
                                    "address_1": f"{n} High Street",
                                    "city": "Cardiff",
                                    "state_province": "Cardiff",
                                    "postal_code": "CF10 1AA",
                                    "country": "GB",
                                    "address_type": "physical",
                                }
                            ],
                        },
                    }
                ],
                "schedules": [
                    {
                        "id": str(uuid.uuid5(namespace, f"sch{n}")),
                        "freq": "WEEKLY",
                        "byday": "MO,WE",
                        "opens_at": "09:00:00",
                        "closes_at": "17:00:00",
                    }
                ],
                "contacts": [
                    {
                        "id": str(uuid.uuid5(namespace, f"c{n}")),
                        "name": "Reception",
                        "phones": [
                            {"id": str(uuid.uuid5(namespace, f"p{n}")), "number": "029 2000 0000"}
                        ],
                    }
                ],
            }
        )
    return json.dumps(docs).encode()


def bench_import(count: int, batches: int, seed: int) -> tuple[list[float], float]:
    """Seconds for each of ``batches`` imports of ``count`` new services, one after the
    other, then for a re-import (updates) of the last batch."""
    area = Area.objects.get(code="W06000015")
    times = []
    for batch in range(batches):
        data = oruk_services(count, seed + batch)
        started = time.perf_counter()
        imports.run_import(None, "oruk_json", data, area, "bench.json")
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    imports.run_import(None, "oruk_json", data, area, "bench.json")
    return times, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-services", type=int, default=5000)
    parser.add_argument("--import-batches", type=int, default=3)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    print(f"Directory: {Service.objects.count()} services")
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum" if connection.vendor == "postgresql" else "SELECT 'on'")
        if cursor.fetchone()[0] == "off":
            # Index-only counts and pages need the visibility map that vacuum keeps; a
            # server with autovacuum on (the default) keeps it current after imports.
            print("autovacuum is off on this server: vacuuming first, as it would have")
            cursor.execute("VACUUM (ANALYZE)")
    search = bench_search(args.repeat)
    base_median, base_p95 = statistics.median(search["baseline"]), _p95(search["baseline"])
    print(
        f"baseline  /oruk/services/{{id}}  median {base_median * 1000:7.1f} ms  p95 {base_p95 * 1000:7.1f} ms"
    )
    for path, times in search["queries"].items():
        print(
            f"{statistics.median(times) * 1000:8.1f} ms median {_p95(times) * 1000:8.1f} ms p95  {path}"
        )
    all_median, all_p95 = statistics.median(search["all"]), _p95(search["all"])
    print(
        f"search    all queries  median {all_median * 1000:7.1f} ms  p95 {all_p95 * 1000:7.1f} ms"
    )
    print(f"ratio     search p95 / pk fetch p95 = {all_p95 / base_p95:.2f} (target <= 5)")
    n = args.import_services
    times, again = bench_import(n, args.import_batches, args.seed)
    each = ", ".join(f"{n / t:,.0f}" for t in times)
    print(
        f"import    {len(times)} x {n} new ORUK JSON services: {n * len(times) / sum(times):,.0f} services/s"
        f" overall (batches: {each}); re-import {n / again:,.0f} services/s (target >= 2,000)"
    )


if __name__ == "__main__":
    main()
