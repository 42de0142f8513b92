"""Building and sending digests: the Django side of ``digests.py``.

A run for one frequency and period:

1. loads the period's published bulletins once, as light ``Item`` values;
2. loads every active subscription's choices in two queries;
3. plans each subscriber's digest in memory (``digests.plan``);
4. records the digests with ``bulk_create(ignore_conflicts=True)`` on the unique
   (subscription, period) key, so a re-run or a racing worker adds nothing;
5. claims each digest by moving it from pending (or failed) to sending in one conditional
   UPDATE, so exactly one worker sends it, then sends it over SMTP and marks it sent; one
   SMTP connection carries a worker's whole run, and ``send_recorded(shard=(i, n))`` lets
   ``n`` workers split a run between them.

6. announces what was sent: ``digest.sent`` events per area count every sent digest of the
   period that no event has counted yet, whichever run sent it, so a run cut short by a
   crash is counted by its retry, and no digest is counted twice.

A worker killed mid-run leaves its claimed digest in ``sending`` under the task's id; when
the worker starts again, ``release_claims`` (a ``core.recovery`` hook) puts that digest
back to pending and the task runs again. A digest is never lost. If the crash fell between
the SMTP server accepting the message and the row being marked sent (one UPDATE), that one
subscriber gets it twice (docs/operations.md, "When things go wrong").
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models.functions import Mod
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.core import digest_sections
from commonground.core.events import emit
from commonground.core.models import Area, Theme
from commonground.engagement import digests, event_types, section_plans
from commonground.engagement.models import Bulletin, Digest, Subscription
from commonground.engagement.queries import unsubscribe_token

logger = logging.getLogger(__name__)


def site_url() -> str:
    """The public address used in links in emails (``SITE_URL``)."""
    return str(getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


@dataclass(frozen=True)
class Period:
    key: str
    frequency: str
    start: datetime
    end: datetime  # exclusive


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def weekly_period(today: date) -> Period:
    """The last complete Monday-to-Sunday week before ``today``."""
    monday = today - timedelta(days=today.weekday() + 7)
    year, week, _day = monday.isocalendar()
    return Period(
        f"weekly:{year}-W{week:02d}", "weekly", _midnight(monday), _midnight(monday + timedelta(7))
    )


def monthly_period(today: date) -> Period:
    """The last complete calendar month before ``today``."""
    first_this = today.replace(day=1)
    first_last = (first_this - timedelta(days=1)).replace(day=1)
    return Period(
        f"monthly:{first_last:%Y-%m}", "monthly", _midnight(first_last), _midnight(first_this)
    )


def period_for(frequency: str, today: date) -> Period:
    return weekly_period(today) if frequency == "weekly" else monthly_period(today)


def load_items(bulletins: Iterable[Bulletin]) -> list[digests.Item]:
    rows = list(bulletins)
    ids = [b.pk for b in rows]
    themes: dict[int, set[int]] = defaultdict(set)
    areas: dict[int, set[int]] = defaultdict(set)
    for bid, tid in Bulletin.themes.through.objects.filter(bulletin_id__in=ids).values_list(
        "bulletin_id", "theme_id"
    ):
        themes[bid].add(tid)
    for bid, aid in Bulletin.areas.through.objects.filter(bulletin_id__in=ids).values_list(
        "bulletin_id", "area_id"
    ):
        areas[bid].add(aid)
    return digests.sort_items(
        digests.Item(
            id=b.pk,
            priority=b.priority,
            published_at=b.published_at or timezone.now(),
            theme_ids=frozenset(themes[b.pk]),
            area_ids=frozenset(areas[b.pk]),
        )
        for b in rows
    )


def period_bulletins(period: Period) -> Any:
    return Bulletin.objects.filter(
        status=Bulletin.Status.PUBLISHED,
        published_at__gte=period.start,
        published_at__lt=period.end,
    ).only("pk", "priority", "published_at")


def load_preferences(subscriptions: Any) -> dict[int, digests.Preferences]:
    ids = list(subscriptions.values_list("pk", flat=True))
    themes: dict[int, set[int]] = defaultdict(set)
    areas: dict[int, set[int]] = defaultdict(set)
    through_t = Subscription.themes.through.objects.filter(subscription_id__in=ids)
    for sid, tid in through_t.values_list("subscription_id", "theme_id"):
        themes[sid].add(tid)
    through_a = Subscription.areas.through.objects.filter(subscription_id__in=ids)
    for sid, aid in through_a.values_list("subscription_id", "area_id"):
        areas[sid].add(aid)
    return {sid: digests.Preferences(frozenset(themes[sid]), frozenset(areas[sid])) for sid in ids}


def theme_order() -> dict[int, int]:
    return {
        pk: n for n, pk in enumerate(Theme.objects.order_by("name_en").values_list("pk", flat=True))
    }


def plan_digests(
    period: Period,
    subscription_ids: Iterable[int] | None = None,
    items: list[digests.Item] | None = None,
) -> dict[int, digests.Plan]:
    """Every matching subscriber's plan for the period (empty digests are left out)."""
    if items is None:
        items = load_items(period_bulletins(period))
    with_sections = period.frequency in section_plans.WITH_SECTIONS and bool(
        digest_sections.registered()
    )
    if not items and not with_sections:
        return {}
    subscriptions = Subscription.objects.filter(active=True, frequency=period.frequency)
    if subscription_ids is not None:
        subscriptions = subscriptions.filter(pk__in=list(subscription_ids))
    order = theme_order()
    preferences = load_preferences(subscriptions)
    plans = {sid: digests.plan(items, prefs, order) for sid, prefs in preferences.items()}
    section_plans.add_sections(period.frequency, period.start, period.end, preferences, plans)
    return {sid: plan for sid, plan in plans.items() if plan}


def record_digests(period: Period, plans: dict[int, digests.Plan]) -> None:
    languages = {
        pk: own or account  # the subscription's override, or else the account's language
        for pk, own, account in Subscription.objects.filter(pk__in=list(plans)).values_list(
            "pk", "language", "user__preferred_language"
        )
    }
    Digest.objects.bulk_create(
        [
            Digest(
                subscription_id=sid,
                period=period.key,
                period_start=period.start,
                period_end=period.end,
                language=languages[sid],
                layout=[[g.theme_id, g.item_ids] for g in plan.groups],
                sections=[[name, ids] for name, ids in plan.sections],
                more_count=plan.more_count,
            )
            for sid, plan in plans.items()
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _claim(digest: Digest, claim: str) -> bool:
    return bool(
        Digest.objects.filter(
            pk=digest.pk, status__in=[Digest.Status.PENDING, Digest.Status.FAILED]
        ).update(status=Digest.Status.SENDING, claimed_by=claim)
    )


def release_claims(task_id: str) -> None:
    """A crashed run's claimed digests go back to pending, for its retry to send."""
    Digest.objects.filter(status=Digest.Status.SENDING, claimed_by=task_id).update(
        status=Digest.Status.PENDING, claimed_by=""
    )


@dataclass
class DigestView:
    """What a digest page and email show: groups of (theme name, bulletins), then the other
    capabilities' sections as (heading, items)."""

    digest: Digest
    groups: list[tuple[str, list[Bulletin]]]
    more_count: int
    frequency_label: str
    sections: list[tuple[str, list[digest_sections.SectionItem]]] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(items) for _name, items in self.groups) + sum(
            len(items) for _title, items in self.sections
        )


def _sections(digest: Digest) -> list[tuple[str, list[digest_sections.SectionItem]]]:
    registered = digest_sections.registered()
    shown = []
    for name, ids in digest.sections:
        section = registered.get(name)
        items = section.items(ids) if section is not None else []
        if section is not None and items:  # a section no longer installed, or emptied, is left out
            shown.append((section.title(), items))
    return shown


def digest_view(digest: Digest) -> DigestView:
    """Read a digest as it was built. Call inside ``translation.override(digest.language)``."""
    ids = [i for _theme, item_ids in digest.layout for i in item_ids]
    bulletins = {b.pk: b for b in Bulletin.objects.filter(pk__in=ids).defer("body_en", "body_cy")}
    theme_ids = [t for t, _items in digest.layout if t is not None]
    themes = {t.pk: t for t in Theme.objects.filter(pk__in=theme_ids)}
    groups = []
    for theme_id, item_ids in digest.layout:
        name = str(themes[theme_id].name) if theme_id in themes else _("General")
        groups.append((name, [bulletins[i] for i in item_ids if i in bulletins]))
    if digest.period.startswith("bulletin:"):
        label = _("New item")
    elif digest.period.startswith("monthly:"):
        label = _("Monthly digest")
    else:
        label = _("Weekly digest")
    return DigestView(digest, groups, digest.more_count, label, _sections(digest))


def build_message(digest: Digest, subscription: Subscription) -> EmailMultiAlternatives:
    """The email for one digest, in the subscriber's language, with one-click unsubscribe."""
    language = digest.language
    token = unsubscribe_token(subscription)
    one_click = site_url() + reverse("engagement-unsubscribe-one-click", args=[token])
    with translation.override(language):
        view = digest_view(digest)
        context = {
            "view": view,
            "site": site_url(),
            "web_url": site_url() + digest.get_absolute_url(),
            "unsubscribe_url": site_url() + reverse("engagement:unsubscribe", args=[token]),
            "manage_url": site_url() + reverse("engagement:subscription"),
            "more_url": site_url() + reverse("engagement:bulletins"),
        }
        subject = ngettext(
            "%(label)s: %(count)d item", "%(label)s: %(count)d items", view.item_count
        ) % {"label": view.frequency_label, "count": view.item_count}
        text = render_to_string("engagement/emails/digest.txt", context)
        html = render_to_string("engagement/emails/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[subscription.user.email],
        headers={
            "List-Unsubscribe": f"<{one_click}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
            "X-Commonground-Digest": str(digest.public_id),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def deliver(
    period: Period,
    subscription_ids: Iterable[int] | None = None,
    items: list[digests.Item] | None = None,
    claim: str = "",
) -> int:
    """Plan, record and send the period's digests. Returns how many were sent in this run.

    ``claim`` names the run (its task's id) on the digests it takes, for crash recovery."""
    plans = plan_digests(period, subscription_ids, items)
    if not plans:
        return 0
    record_digests(period, plans)
    return send_recorded(period, list(plans), claim=claim)


def send_recorded(
    period: Period,
    subscription_ids: Iterable[int] | None = None,
    shard: tuple[int, int] = (0, 1),
    claim: str = "",
) -> int:
    """Send the period's recorded digests that are pending or failed, over one SMTP
    connection. Returns how many were sent in this run.

    ``shard=(i, n)`` takes only the digests whose id is ``i`` modulo ``n``, so ``n`` workers
    can share a run without contending for the same rows (the claim would stop a second
    send in any case).
    """
    index, count = shard
    pending = (
        Digest.objects.filter(
            period=period.key, status__in=[Digest.Status.PENDING, Digest.Status.FAILED]
        )
        .alias(shard=Mod("pk", count))
        .filter(shard=index)
        .select_related("subscription__user")
        .order_by("pk")
    )
    if subscription_ids is not None:
        pending = pending.filter(subscription_id__in=list(subscription_ids))
    sent = 0
    connection = get_connection()
    with connection:
        for digest in pending:
            if not _claim(digest, claim):
                continue  # another worker has it
            try:
                delivered = connection.send_messages([build_message(digest, digest.subscription)])
            except Exception:
                logger.exception("Digest %s could not be sent", digest.pk)
                delivered = 0
            if not delivered:
                Digest.objects.filter(pk=digest.pk).update(status=Digest.Status.FAILED)
                continue
            Digest.objects.filter(pk=digest.pk).update(
                status=Digest.Status.SENT, sent_at=timezone.now()
            )
            sent += 1
    announce(period)
    return sent


def announce(period: Period) -> None:
    """Emit ``digest.sent`` per area for the period's sent digests that no event has counted.

    The rows are locked, so of two runs finishing together the second finds them counted."""
    with transaction.atomic():
        unannounced = Digest.objects.select_for_update().filter(
            period=period.key, status=Digest.Status.SENT, announced=False
        )
        sent_ids = list(unannounced.values_list("subscription_id", flat=True))
        if not sent_ids:
            return
        sent_by_area: dict[int, int] = defaultdict(int)
        with_area: set[int] = set()
        areas = Subscription.areas.through.objects.filter(
            subscription_id__in=unannounced.values("subscription_id")
        )
        for sid, aid in areas.values_list("subscription_id", "area_id"):
            sent_by_area[aid] += 1
            with_area.add(sid)
        for area in Area.objects.filter(pk__in=list(sent_by_area)):
            emit(
                event_types.DigestSent(
                    for_area=area,
                    period=period.key,
                    frequency=period.frequency,
                    recipients=sent_by_area[area.pk],
                )
            )
        everywhere = len(set(sent_ids) - with_area)
        if everywhere:
            emit(
                event_types.DigestSent(
                    for_area=None,
                    period=period.key,
                    frequency=period.frequency,
                    recipients=everywhere,
                )
            )
        Digest.objects.filter(period=period.key, status=Digest.Status.SENT, announced=False).update(
            announced=True
        )


def immediate_period(bulletin: Bulletin) -> Period:
    at = bulletin.published_at or timezone.now()
    return Period(f"bulletin:{bulletin.pk}", "immediately", at, at + timedelta(seconds=1))


def deliver_immediately(bulletin_id: int, claim: str = "") -> int:
    bulletin = Bulletin.objects.filter(pk=bulletin_id, status=Bulletin.Status.PUBLISHED).first()
    if bulletin is None:
        return 0
    return deliver(immediate_period(bulletin), items=load_items([bulletin]), claim=claim)
