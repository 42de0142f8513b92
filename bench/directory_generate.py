"""Generate a national-scale directory: by default 200,000 organisations and 500,000 services
across all 22 Welsh areas. Deterministic: the same seed gives the same rows.

Rows go straight in with ``bulk_create`` (no history rows: this is bulk seed data, not a
change anyone made); the text index is filled at the end, by ``search.reindex``. Import speed is measured
separately by ``bench/directory_bench.py``, through the real import path.

    DATABASE_URL=postgres://... python bench/directory_generate.py [--organisations N] [--services N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
# Production settings need a key and hosts; a benchmark on loopback speaks plain HTTP.
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-not-for-any-deployment-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "0")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from commonground.core.models import Area, Organisation, Theme  # noqa: E402
from commonground.core.reference import load_reference_data  # noqa: E402
from commonground.directory import models as m  # noqa: E402
from commonground.directory.demo import SERVICES, TAXONOMY_ID, TERMS  # noqa: E402

NAMESPACE = uuid.UUID("0f9b8a2c-7d51-4e0a-9a6b-2b7f3c1d5e90")
# Approximate centres of the 22 Welsh local authority areas.
CENTRES = {
    "W06000001": (53.28, -4.34),
    "W06000002": (52.93, -3.95),
    "W06000003": (53.16, -3.78),
    "W06000004": (53.09, -3.33),
    "W06000005": (53.20, -3.15),
    "W06000006": (52.99, -2.99),
    "W06000023": (52.35, -3.40),
    "W06000008": (52.25, -4.05),
    "W06000010": (51.90, -4.20),
    "W06000009": (51.85, -4.90),
    "W06000011": (51.65, -3.95),
    "W06000012": (51.67, -3.75),
    "W06000013": (51.55, -3.60),
    "W06000024": (51.75, -3.37),
    "W06000016": (51.65, -3.42),
    "W06000015": (51.49, -3.18),
    "W06000014": (51.43, -3.40),
    "W06000019": (51.78, -3.18),
    "W06000018": (51.62, -3.20),
    "W06000021": (51.78, -2.90),
    "W06000022": (51.58, -2.99),
    "W06000020": (51.70, -3.05),
}
PLACES = ["Bryn", "Pen", "Llan", "Aber", "Cwm", "Tre", "Pont", "Caer", "Nant", "Maes"]
ENDINGS = ["gwyn", "newydd", "mawr", "fach", "isaf", "uchaf", "y-coed", "wen", "ddu", "las"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _id(*parts: Any) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


def generate(organisations: int, services: int, seed: int, batch: int = 5000) -> None:
    load_reference_data()
    rng = random.Random(seed)
    areas = list(Area.objects.filter(code__in=CENTRES).order_by("code"))
    kinds = list(SERVICES.items())
    terms = {slug: _id("term", slug) for slug, _en, _cy in TERMS}
    with transaction.atomic():
        m.Taxonomy.objects.get_or_create(
            pk=TAXONOMY_ID, defaults={"name": "Commonground service types"}
        )
        for slug, en, cy in TERMS:
            m.TaxonomyTerm.objects.get_or_create(
                pk=terms[slug],
                defaults={"name_en": en, "name_cy": cy, "taxonomy_id": TAXONOMY_ID, "code": slug},
            )
        towns = []
        for area in areas:
            lat, lon = CENTRES[area.code]
            for t in range(12):
                name = f"{PLACES[t % 10]}{ENDINGS[(t * 3 + len(area.code)) % 10]}"
                point = (lat + rng.uniform(-0.15, 0.15), lon + rng.uniform(-0.2, 0.2))
                postcode = f"CF{10 + areas.index(area)}{t % 10}AA"
                towns.append((area, name, point, postcode))
        m.Postcode.objects.bulk_create(
            [m.Postcode(postcode=p, latitude=pt[0], longitude=pt[1]) for _a, _n, pt, p in towns],
            ignore_conflicts=True,
        )
    themes = list(Theme.objects.order_by("slug").values_list("pk", flat=True))
    per_org = services / organisations
    made_services = 0
    started = time.perf_counter()
    for start in range(0, organisations, batch):
        with transaction.atomic():
            orgs, profiles = [], []
            for n in range(start, min(start + batch, organisations)):
                area, town, _pt, _pc = towns[n % len(towns)]
                suffix = kinds[n % len(kinds)][0]
                orgs.append(
                    Organisation(
                        slug=f"gen-{n}",
                        name_en=f"{town} {suffix} {n}",
                        kind=Organisation.Kind.PUBLIC_BODY
                        if n % 40 == 0
                        else Organisation.Kind.THIRD_SECTOR,
                        legal_form=Organisation.LegalForm.CIO,
                        area=area,
                        public_listing=n % 20 != 0,
                        description_en=f"A {suffix.lower()} serving {town} and nearby.",
                    )
                )
            Organisation.objects.bulk_create(orgs, batch_size=batch)
            if orgs[0].pk is None:
                ids = dict(
                    Organisation.objects.filter(slug__in=[o.slug for o in orgs]).values_list(
                        "slug", "pk"
                    )
                )
                for o in orgs:
                    o.pk = ids[o.slug]
            for n, org in enumerate(orgs, start):
                profiles.append(m.OrganisationProfile(id=_id("org", n), organisation_id=org.pk))
            m.OrganisationProfile.objects.bulk_create(profiles, batch_size=batch)
            # One to three themes each, as organisations choose when they sign up.
            Organisation.themes.through.objects.bulk_create(
                [
                    Organisation.themes.through(
                        organisation_id=org.pk, theme_id=themes[(n * 7 + k * 3) % len(themes)]
                    )
                    for n, org in enumerate(orgs, start)
                    for k in range(1 + n % 3)
                ],
                batch_size=batch,
            )
            rows: dict[str, list[Any]] = {k: [] for k in ("s", "l", "sal", "sch", "attr")}
            for n, org in enumerate(orgs, start):
                target = round((n + 1) * per_org) - round(n * per_org)
                area, town, (lat, lon), _pc = towns[n % len(towns)]
                for k in range(target):
                    suffix, (en, _cy, term, low, high, days, opens, closes) = kinds[
                        (n + k) % len(kinds)
                    ]
                    sid = _id("service", n, k)
                    name = f"{en} in {town}"
                    rows["s"].append(
                        m.Service(
                            id=sid,
                            organisation_id=org.pk,
                            name_en=name,
                            description_en=f"{en} run by {org.name_en}.",
                            minimum_age=low,
                            maximum_age=high,
                            listed=org.public_listing,
                        )
                    )
                    lid = _id("location", n, k)
                    rows["l"].append(
                        m.Location(
                            id=lid,
                            name=town,
                            latitude=lat + rng.uniform(-0.03, 0.03),
                            longitude=lon + rng.uniform(-0.04, 0.04),
                        )
                    )
                    rows["sal"].append(
                        m.ServiceAtLocation(id=_id("sal", n, k), service_id=sid, location_id=lid)
                    )
                    rows["sch"].append(
                        m.Schedule(
                            id=_id("schedule", n, k),
                            service_id=sid,
                            freq="WEEKLY",
                            byday=days,
                            opens_at=opens,
                            closes_at=closes,
                        )
                    )
                    rows["attr"].append(
                        m.Attribute(
                            id=_id("attribute", n, k),
                            link_id=sid,
                            link_type="service",
                            taxonomy_term_id=terms[term],
                        )
                    )
            for key, model in (
                ("s", m.Service),
                ("l", m.Location),
                ("sal", m.ServiceAtLocation),
                ("sch", m.Schedule),
                ("attr", m.Attribute),
            ):
                model._default_manager.bulk_create(rows[key], batch_size=batch)
            made_services += len(rows["s"])
        elapsed = time.perf_counter() - started
        print(
            f"{start + len(orgs):>7} organisations, {made_services:>7} services, {elapsed:6.0f} s",
            flush=True,
        )
    from commonground.directory import search

    search.reindex()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=200_000)
    parser.add_argument("--services", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.organisations, args.services, args.seed)


if __name__ == "__main__":
    main()
