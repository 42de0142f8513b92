"""Benchmark digest building: 20,000 subscribers across 22 areas against 500 items of the week.

Builds every subscriber's digest plan in memory (the work a weekly run does before sending),
and, in the same run, renders one digest page through Django's test client as the baseline.
Reports the time per digest against the time to render one digest page.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/engagement_digests.py [--subscribers N] [--items N]

Uses its own database: it migrates it and adds the rows it needs (idempotently).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
# Production settings need a key and hosts; a benchmark on loopback speaks plain HTTP.
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-not-for-any-deployment-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "0")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from commonground.core.models import Area, Theme, User  # noqa: E402
from commonground.core.reference import load_reference_data  # noqa: E402
from commonground.engagement import sending  # noqa: E402
from commonground.engagement.models import Bulletin, Digest, Subscription  # noqa: E402


def _populate(subscribers: int, items: int, rng: random.Random) -> None:
    load_reference_data()
    areas = list(Area.objects.filter(country="wales"))
    themes = list(Theme.objects.all())
    period = sending.weekly_period(timezone.localdate() + timedelta(days=7))
    if Bulletin.objects.filter(source__startswith="bench:").count() < items:
        Bulletin.objects.filter(source__startswith="bench:").delete()
        rows = [
            Bulletin(
                title_en=f"Bench item {n}",
                title_cy=f"Eitem {n}",
                summary_en="A short summary " * 8,
                summary_cy="Crynodeb byr " * 8,
                body_en="Body " * 200,
                status="published",
                published_at=period.start + timedelta(minutes=n),
                priority=rng.choice([1, 2, 2, 3]),
                source=f"bench:{n}",
            )
            for n in range(items)
        ]
        created = Bulletin.objects.bulk_create(rows)
        Bulletin.themes.through.objects.bulk_create(
            [
                Bulletin.themes.through(bulletin_id=b.pk, theme_id=t.pk)
                for b in created
                for t in rng.sample(themes, 2)
            ]
        )
        Bulletin.areas.through.objects.bulk_create(
            [
                Bulletin.areas.through(bulletin_id=b.pk, area_id=rng.choice(areas).pk)
                for b in created
                if rng.random() < 0.9
            ]
        )
    existing = Subscription.objects.filter(user__email__startswith="bench-").count()
    if existing < subscribers:
        users = User.objects.bulk_create(
            [
                User(email=f"bench-{n}@example.org", password="!")  # noqa: S106  (unusable)
                for n in range(existing, subscribers)
            ]
        )
        subs = Subscription.objects.bulk_create(
            [
                Subscription(user=u, frequency="weekly", language=rng.choice(["en", "cy"]))
                for u in users
            ]
        )
        Subscription.areas.through.objects.bulk_create(
            [
                Subscription.areas.through(subscription_id=s.pk, area_id=rng.choice(areas).pk)
                for s in subs
            ]
        )
        Subscription.themes.through.objects.bulk_create(
            [
                Subscription.themes.through(subscription_id=s.pk, theme_id=t.pk)
                for s in subs
                for t in rng.sample(themes, rng.randint(0, 3))
            ]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--items", type=int, default=500)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    _populate(args.subscribers, args.items, rng)
    period = sending.weekly_period(timezone.localdate() + timedelta(days=7))

    started = time.perf_counter()
    items = sending.load_items(sending.period_bulletins(period))
    plans = sending.plan_digests(period, items=items)
    build = time.perf_counter() - started
    per_digest = build / max(1, len(plans))

    started = time.perf_counter()
    sending.record_digests(period, plans)
    record = time.perf_counter() - started

    digest = Digest.objects.filter(period=period.key).first()
    assert digest is not None
    client = Client()
    client.get(digest.get_absolute_url())  # warm the template cache
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        assert client.get(digest.get_absolute_url()).status_code == 200
    page = (time.perf_counter() - started) / runs

    print(f"subscribers: {args.subscribers}, areas: 22, items this week: {len(items)}")
    print(f"digests planned: {len(plans)} in {build:.2f} s ({per_digest * 1e6:.0f} µs per digest)")
    print(f"recording {len(plans)} digest rows: {record:.2f} s")
    print(f"rendering one digest page (baseline): {page * 1e3:.1f} ms")
    print(f"ratio, one digest plan / one page render: {per_digest / page:.3f}")


if __name__ == "__main__":
    main()
