"""New opportunities as their own section of engagement's digests (``core.digest_sections``).

A digest subscriber hears of an opportunity first recorded since their last digest when they
have subscribed to opportunities in one of its areas (the button on the pipeline) and, if
their digest follows chosen themes, it shares one of them (or has none).
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from django.utils.translation import gettext as _

from commonground.commissioning.models import Opportunity, Subscription
from commonground.core import dates
from commonground.core.digest_sections import SectionItem, Subscriber

# A digest fits on one screen: a handful of the newest, the pipeline has the rest.
LIMIT = 5
CLOSED = [Opportunity.Stage.ENDED, Opportunity.Stage.CANCELLED]


class NewOpportunities:
    def choose(self, subscribers: Sequence[Subscriber], until: datetime) -> dict[int, list[int]]:
        followed: dict[int, set[int]] = defaultdict(set)  # user id: areas
        for user_id, area_id in Subscription.objects.values_list("user_id", "area_id"):
            followed[user_id].add(area_id)
        readers = [s for s in subscribers if s.user_id in followed]
        if not readers:
            return {}
        found = list(
            Opportunity.objects.filter(
                created_at__gte=min(s.since for s in readers),
                created_at__lt=until,
                areas__in=set().union(*(followed[s.user_id] for s in readers)),
            )
            .exclude(stage__in=CLOSED)
            .order_by("-created_at", "-pk")
            .values_list("pk", "created_at")
            .distinct()
        )
        ids = [pk for pk, _at in found]
        areas: dict[int, set[int]] = defaultdict(set)
        for pk, area_id in Opportunity.areas.through.objects.filter(
            opportunity_id__in=ids
        ).values_list("opportunity_id", "area_id"):
            areas[pk].add(area_id)
        themes: dict[int, set[int]] = defaultdict(set)
        for pk, theme_id in Opportunity.themes.through.objects.filter(
            opportunity_id__in=ids
        ).values_list("opportunity_id", "theme_id"):
            themes[pk].add(theme_id)
        chosen = {}
        for reader in readers:
            picks = [
                pk
                for pk, at in found
                if at >= reader.since
                and areas[pk] & followed[reader.user_id]
                and not (reader.theme_ids and themes[pk] and not themes[pk] & reader.theme_ids)
            ][:LIMIT]
            if picks:
                chosen[reader.subscription_id] = picks
        return chosen

    def title(self) -> str:
        return _("New opportunities to bid for")

    def items(self, ids: Sequence[int]) -> list[SectionItem]:
        found = Opportunity.objects.select_related("buyer").in_bulk(list(ids))
        return [_item(found[pk]) for pk in ids if pk in found]


def _item(opportunity: Opportunity) -> SectionItem:
    summary = f"{opportunity.get_stage_display()} · {opportunity.buyer.name}"
    if opportunity.tender_deadline:
        summary += " · " + _("Deadline: %(date)s") % {
            "date": dates.long_date(opportunity.tender_deadline)
        }
    return SectionItem(str(opportunity.title), summary, opportunity.get_absolute_url())


NEW_OPPORTUNITIES = NewOpportunities()
