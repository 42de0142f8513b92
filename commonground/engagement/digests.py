"""Building a digest: which items a subscriber gets, and in what order. Pure Python.

A digest must fit on one screen (PRODUCT.md C5): at most ``ONE_SCREEN_ITEMS`` titles with
their summaries (each summary is at most 200 characters), grouped by theme, the group with
the most important item first, and never a full body. Anything beyond the limit is counted
and linked ("N more on the web"), not shown.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

ONE_SCREEN_ITEMS = 6


@dataclass(frozen=True)
class Item:
    """What a digest needs of a bulletin; nothing else (in particular, no body)."""

    id: int
    priority: int
    published_at: datetime
    theme_ids: frozenset[int]
    area_ids: frozenset[int]


@dataclass(frozen=True)
class Preferences:
    theme_ids: frozenset[int]  # empty: every theme
    area_ids: frozenset[int]  # empty: every area


@dataclass
class Group:
    theme_id: int | None  # None: items with no theme ("General")
    item_ids: list[int] = field(default_factory=list)


@dataclass
class Plan:
    groups: list[Group]
    more_count: int
    # Other capabilities' sections (``core.digest_sections``): (section name, item ids).
    sections: list[tuple[str, list[int]]] = field(default_factory=list)

    @property
    def item_ids(self) -> list[int]:
        return [i for g in self.groups for i in g.item_ids]

    def __bool__(self) -> bool:
        return bool(self.groups or self.sections)


def matches(item: Item, prefs: Preferences) -> bool:
    """An item matches when it shares a chosen theme and a chosen area.

    An item with no areas is for everyone; an item with no themes matches any theme choice.
    """
    if prefs.area_ids and item.area_ids and not (item.area_ids & prefs.area_ids):
        return False
    return not (prefs.theme_ids and item.theme_ids and not (item.theme_ids & prefs.theme_ids))


def _sort_key(item: Item) -> tuple[int, float, int]:
    return (item.priority, -item.published_at.timestamp(), -item.id)


def plan(
    items: Iterable[Item],
    prefs: Preferences,
    theme_order: dict[int, int],
    limit: int = ONE_SCREEN_ITEMS,
) -> Plan:
    """Choose and group the items for one subscriber.

    ``items`` should already be sorted with ``sort_items`` (then this is one linear pass);
    ``theme_order`` breaks ties between groups (e.g. themes by name).
    """
    chosen: list[Item] = []
    more = 0
    for item in items:
        if matches(item, prefs):
            if len(chosen) < limit:
                chosen.append(item)
            else:
                more += 1
    groups: dict[int | None, Group] = {}
    for item in chosen:
        themes = item.theme_ids & prefs.theme_ids if prefs.theme_ids else item.theme_ids
        theme = min(themes, key=lambda t: theme_order.get(t, t)) if themes else None
        groups.setdefault(theme, Group(theme)).item_ids.append(item.id)
    # Chosen items are in priority order, so groups come out ordered by their best item.
    return Plan(groups=list(groups.values()), more_count=more)


def sort_items(items: Iterable[Item]) -> list[Item]:
    """Highest priority first, then newest."""
    return sorted(items, key=_sort_key)
