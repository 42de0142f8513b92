"""Sections other capabilities add to engagement's digests.

Engagement builds the digests; commissioning (and any other capability) adds a section. They
sit side by side on one layer and may not import each other, so the registry is here, below
both, as core's event registry is. A capability registers a ``Section`` from its app
config's ``ready()``. When a weekly or monthly run plans its digests, each section chooses,
for all the run's subscribers at once, the ids of the items each one should hear of since
their last digest; the ids are stored on the digest (so it reads later as it was built), and
a digest with only section items is still sent. Showing a digest asks the section for its title and items in the reader's language.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Subscriber:
    """What a section may know of one digest subscriber."""

    subscription_id: int
    user_id: int
    theme_ids: frozenset[int]  # empty: every theme
    area_ids: frozenset[int]  # empty: every area
    since: datetime  # the end of their last digest, or the start of this period


@dataclass(frozen=True)
class SectionItem:
    title: str
    summary: str
    path: str  # the item's page on the site, without the host


class Section(Protocol):
    def choose(self, subscribers: Sequence[Subscriber], until: datetime) -> dict[int, list[int]]:
        """Item ids for each subscription id (leave out those with none), newest first."""
        ...

    def title(self) -> str:
        """The section's heading, in the active language."""
        ...

    def items(self, ids: Sequence[int]) -> list[SectionItem]:
        """The items still present, in the order given, in the active language."""
        ...


_SECTIONS: dict[str, Section] = {}


def register(name: str, section: Section) -> None:
    """Add a section to every digest (once per name: a second app may not replace it)."""
    if name in _SECTIONS and _SECTIONS[name] is not section:
        raise ValueError(f"A digest section named {name!r} is already registered.")
    _SECTIONS[name] = section


def registered() -> dict[str, Section]:
    return dict(_SECTIONS)
