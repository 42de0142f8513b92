"""Adding the registered sections (``core.digest_sections``) to a run's digest plans."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Max

from commonground.core import digest_sections
from commonground.engagement import digests
from commonground.engagement.models import Digest, Subscription

# Items arriving on their own, one bulletin at a time, carry no sections.
WITH_SECTIONS = ("weekly", "monthly")


def last_digest_ends(subscription_ids: Iterable[int], before: datetime) -> dict[int, datetime]:
    """When each subscriber's last weekly or monthly digest before ``before`` ended."""
    rows = (
        Digest.objects.filter(subscription_id__in=list(subscription_ids), period_end__lte=before)
        .exclude(period__startswith="bulletin:")
        .values("subscription_id")
        .annotate(last=Max("period_end"))
        .values_list("subscription_id", "last")
    )
    return dict(rows)


def add_sections(
    frequency: str,
    start: datetime,
    end: datetime,
    prefs: dict[int, digests.Preferences],
    plans: dict[int, digests.Plan],
) -> None:
    """Give each plan the items every registered section chooses for its subscriber.

    A subscriber hears of what is new since their last digest ended (or since the period
    began, for a first digest), so nothing is lost in weeks when they got no digest.
    """
    sections = digest_sections.registered()
    if frequency not in WITH_SECTIONS or not sections or not prefs:
        return
    users = dict(Subscription.objects.filter(pk__in=list(prefs)).values_list("pk", "user_id"))
    ends = last_digest_ends(prefs, start)
    subscribers = [
        digest_sections.Subscriber(
            subscription_id=sid,
            user_id=users[sid],
            theme_ids=p.theme_ids,
            area_ids=p.area_ids,
            since=ends.get(sid, start),
        )
        for sid, p in prefs.items()
        if sid in users
    ]
    for name, section in sections.items():
        for sid, ids in section.choose(subscribers, end).items():
            if ids:
                plans.setdefault(sid, digests.Plan(groups=[], more_count=0)).sections.append(
                    (name, list(ids))
                )
