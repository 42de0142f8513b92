"""Benchmark digest building: 20,000 subscribers across 22 areas against 500 items of the week.

Plans every subscriber's digest in memory, records the digest rows, then sends ``--send`` of
them (rendering each email) to a local SMTP sink (aiosmtpd) with ``--workers`` processes, each
reusing one SMTP connection. In the same run it renders one digest email, and one digest page
through Django's test client, as the baselines. Reports each stage's rate.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/engagement_digests.py \
        [--subscribers N] [--items N] [--send N] [--workers N]

Uses its own database: it migrates it and adds the rows it needs (idempotently); each run
deletes this week's bench digests first, so it records and sends them afresh.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import socket
import sys
import time
from datetime import timedelta
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

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
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


class _Sink:
    """The local SMTP server the digests go to: it only counts them."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received += 1
        return "250 OK"


def _send_shard(args: tuple[sending.Period, list[int], int, int]) -> int:
    period, subscription_ids, index, count = args
    return sending.send_recorded(period, subscription_ids, shard=(index, count))


def _send(period: sending.Period, subscription_ids: list[int], workers: int) -> tuple[int, int]:
    """Send with ``workers`` processes, each over its own SMTP connection; return
    (digests marked sent, messages the sink received)."""
    sink = _Sink()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    connections.close_all()  # each worker process opens its own
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shards = [(period, subscription_ids, i, workers) for i in range(workers)]
            sent = sum(pool.map(_send_shard, shards))
    finally:
        controller.stop()
    return sent, sink.received


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--send", type=int, default=2_000, help="digests to send over SMTP")
    parser.add_argument("--workers", type=int, default=2, help="sending processes")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    _populate(args.subscribers, args.items, rng)
    period = sending.weekly_period(timezone.localdate() + timedelta(days=7))
    # each run records and sends afresh
    Digest.objects.filter(
        period=period.key, subscription__user__email__startswith="bench-"
    ).delete()

    started = time.perf_counter()
    items = sending.load_items(sending.period_bulletins(period))
    plans = sending.plan_digests(period, items=items)
    build = time.perf_counter() - started
    per_digest = build / max(1, len(plans))

    started = time.perf_counter()
    sending.record_digests(period, plans)
    record = time.perf_counter() - started

    digest = Digest.objects.filter(period=period.key).select_related("subscription__user").first()
    assert digest is not None
    client = Client()
    client.get(digest.get_absolute_url())  # warm the template cache
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        assert client.get(digest.get_absolute_url()).status_code == 200
    page = (time.perf_counter() - started) / runs
    started = time.perf_counter()
    for _ in range(runs):
        sending.build_message(digest, digest.subscription)
    email = (time.perf_counter() - started) / runs

    to_send = sorted(plans)[: args.send]
    started = time.perf_counter()
    sent, received = _send(period, to_send, args.workers)
    send = time.perf_counter() - started

    print(f"subscribers: {args.subscribers}, areas: 22, items this week: {len(items)}")
    print(
        f"planned: {len(plans)} digests in {build:.2f} s "
        f"({len(plans) / build:,.0f} a second, {per_digest * 1e6:.0f} µs each)"
    )
    print(
        f"recorded: {len(plans)} digest rows in {record:.2f} s ({len(plans) / record:,.0f} a second)"
    )
    print(
        f"sent: {sent} digests ({received} received by the SMTP sink) with {args.workers} "
        f"workers in {send:.2f} s ({sent / send:,.1f} messages a second)"
    )
    print(f"baseline, rendering one digest email: {email * 1e3:.1f} ms")
    print(f"baseline, rendering one digest page: {page * 1e3:.1f} ms")
    print(f"ratio, one digest plan / one email render: {per_digest / email:.3f}")
    if sent != received or sent != len(to_send):
        sys.exit("not every digest was sent exactly once")


if __name__ == "__main__":
    main()
