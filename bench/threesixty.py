"""Benchmark 360Giving import and export against jsonschema validation of the same package.

Generates a package of ``--grants`` grants (seeded), then in one run times:

1. jsonschema validating it against the 360Giving grant schema (the baseline; see
   ``README.md`` for why each grant is validated rather than the package as one document),
2. ``import_360giving``'s path: reading the package and writing agreements, organisations,
   locations and classifications with their history,
3. ``export_360giving``'s path: querying the published agreements and writing the package,

and prints grants per second for each with the ratio to the baseline. Target (issue 14):
import and export each within 3x the validation time:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_funding python bench/threesixty.py [--grants 100000]

It runs in a scratch database beside the one in ``DATABASE_URL`` (``<name>_bench360`` on
PostgreSQL, a temporary file for SQLite), created empty and dropped afterwards, because the
append-only event log keeps the organisations an import creates.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # noqa: E402
from referencing import Registry  # noqa: E402
from referencing.jsonschema import DRAFT202012  # noqa: E402

from bench.scratch import scratch_database  # noqa: E402

SCHEMA = ROOT.parent / "shared" / "standards" / "360giving" / "schema" / "360-giving-schema.json"
PREFIX = "360G-bench-"


def generate(count: int, seed: int, area_codes: list[str]) -> dict[str, Any]:
    rng = random.Random(seed)
    funders = [(f"GB-CHC-{1_200_000 + n}", f"Bench funder {n}") for n in range(10)]
    recipients = max(1, count // 5)
    grants = []
    for n in range(count):
        r = rng.randrange(recipients)
        fid, fname = funders[n % len(funders)]
        year = rng.choice([2023, 2024, 2025])
        start = rng.choice([f"{year}", f"{year}-04", f"{year}-04-01"])
        grant: dict[str, Any] = {
            "id": f"{PREFIX}{n:07d}",
            "title": f"Bench grant {n}",
            "description": "Core costs and a project worker.",
            "currency": "GBP",
            "amountAwarded": rng.randrange(100_000, 10_000_000) / 100,
            "awardDate": f"{year}-0{rng.randrange(1, 4)}-1{rng.randrange(0, 9)}",
            "recipientOrganization": [
                {"id": f"GB-CHC-{3_000_000 + r}", "name": f"Bench recipient {r}"}
            ],
            "fundingOrganization": [{"id": fid, "name": fname, "department": "Grants"}],
            "plannedDates": [
                {"startDate": start, "endDate": f"{year + rng.randrange(1, 4)}-03-31"}
            ],
            "beneficiaryLocation": [
                {"geoCode": rng.choice(area_codes), "geoCodeType": "UA", "countryCode": "GB"}
            ],
            "grantProgramme": [{"code": f"P{n % 7}", "title": f"Programme {n % 7}"}],
            "classifications": [{"vocabulary": "Bench themes", "code": f"t{n % 11}"}],
        }
        grants.append(grant)
    return {"version": "1.4", "grants": grants}


def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text())
    resource = DRAFT202012.create_resource(schema)
    registry: Registry[Any] = Registry().with_resources([(schema["$id"], resource)])
    body = {k: v for k, v in schema.items() if k != "$schema"}
    return Draft202012Validator(
        body, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=360)
    args = parser.parse_args()
    default = f"sqlite:///{ROOT / 'var' / 'commonground.sqlite3'}"
    with scratch_database(os.environ.get("DATABASE_URL") or default, "bench360"):
        run(args.grants, args.seed)


def run(count: int, seed: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from commonground.core.models import Area
    from commonground.funding.importer import import_grants, read_file
    from commonground.funding.threesixty import agreement_to_grant, published_agreements
    from commonground.interop.threesixty import package_json

    call_command("migrate", verbosity=0)
    areas = list(Area.objects.values_list("code", flat=True))
    document = generate(count, seed, areas)
    data = json.dumps(document).encode()
    print(f"{count} grants, {len(data) / 1e6:.1f} MB of JSON")

    check = validator()
    started = time.perf_counter()
    invalid = sum(1 for g in document["grants"] if not check.is_valid(g))
    validate_s = time.perf_counter() - started
    assert invalid == 0, f"{invalid} generated grants do not validate"

    started = time.perf_counter()
    grants, problems = read_file("grants.json", data)
    assert not problems, problems[:5]
    summary = import_grants(grants)
    import_s = time.perf_counter() - started
    assert summary.created == count

    started = time.perf_counter()
    exported = package_json(
        [
            agreement_to_grant(a)
            for a in published_agreements().filter(identifier__startswith=PREFIX)
        ]
    )
    export_s = time.perf_counter() - started
    assert len(json.loads(exported)["grants"]) == count

    print(f"{'step':28} {'seconds':>8} {'grants/s':>9} {'x validation':>12}")
    for name, seconds in (
        ("jsonschema validation", validate_s),
        ("import (read + write)", import_s),
        ("export (query + write)", export_s),
    ):
        print(f"{name:28} {seconds:8.1f} {count / seconds:9.0f} {seconds / validate_s:12.2f}")


if __name__ == "__main__":
    main()
