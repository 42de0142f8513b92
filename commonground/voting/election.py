"""The election being counted: candidates, seats and weighted ballots.

Kept separate from the BLT reader so rules can be fed elections built in
code (tests, the Django app) without going through a file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, itemgetter, mul
from typing import Any

Ranking = tuple[tuple[int, ...], ...]
"""Preferences, best first; each rank holds 1-based candidate ids.

A rank with more than one id is an equal ranking (``2=3`` in BLT).
"""


_WEIGHT, _RANKING = attrgetter("weight"), attrgetter("ranking")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class ElectionError(ValueError):
    """The election cannot be counted by the chosen rule."""


@dataclass(frozen=True)
class Ballot:
    """``weight`` identical ballot papers with the same ``ranking``."""

    weight: int
    ranking: Ranking

    @property
    def has_equal_rankings(self) -> bool:
        """True when any rank holds more than one candidate."""
        return any(len(rank) > 1 for rank in self.ranking)


@dataclass(frozen=True)
class Election:
    """A complete election profile, as read from a BLT file.

    ``withdrawn`` holds 1-based ids.  ``nicknames``, ``extras`` and
    ``trailer`` only exist so a BLT file survives a read/write round trip.
    ``tally``, when given (the BLT reader gives it), pairs each distinct
    ``Ballot`` object of ``ballots`` with how many times it appears there, so
    that grouping papers need not count 100,000 papers again.
    """

    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[Ballot, ...]
    title: str = ""
    withdrawn: frozenset[int] = frozenset()
    nicknames: tuple[str, ...] | None = None
    extras: tuple[str, ...] = ()
    trailer: str = ""
    options: tuple[str, ...] = field(default=())
    tally: tuple[tuple[Ballot, int], ...] | None = field(default=None, repr=False, compare=False)

    @property
    def ncandidates(self) -> int:
        """Number of candidates, withdrawn ones included."""
        return len(self.candidates)

    @property
    def eligible(self) -> list[int]:
        """0-based indices of candidates who have not withdrawn."""
        return [i for i in range(self.ncandidates) if i + 1 not in self.withdrawn]

    def with_seats(self, seats: int | None) -> Election:
        """Return a copy with another number of seats (``None`` keeps it)."""
        if seats is None or seats == self.seats:
            return self
        if seats < 1:
            raise ElectionError("seats must be at least 1")
        return Election(
            self.candidates,
            seats,
            self.ballots,
            self.title,
            self.withdrawn,
            self.nicknames,
            self.extras,
            self.trailer,
            self.options,
            self.tally,
        )

    def counted_rankings(self, *, allow_equal: bool) -> Counter[Ranking]:
        """Group valid papers by ranking, as 0-based ids without withdrawn.

        Grouping identical papers is what keeps the counts fast: every rule
        treats papers with the same ranking identically at every stage, and
        each distinct ranking is checked once rather than once per paper.
        Papers naming no eligible candidate are invalid and dropped.
        """
        return self._grouped(allow_equal=allow_equal, flat=False)

    def counted_strict(self) -> Counter[tuple[int, ...]]:
        """Like :meth:`counted_rankings` for rules without equal rankings,
        with each ranking as a flat tuple of 0-based ids (the fast path)."""
        return self._grouped(allow_equal=False, flat=True)

    def _grouped(self, *, allow_equal: bool, flat: bool) -> Counter[Any]:
        withdrawn = self.withdrawn
        eligible = [c for c in range(1, self.ncandidates + 1) if c not in withdrawn]
        # the common rank, one eligible candidate, is converted by a lookup
        single: dict[tuple[int, ...], Any] = {(c,): c - 1 if flat else (c - 1,) for c in eligible}
        convert = single.__getitem__
        distinct, copies = self._distinct()
        weights = list(map(_WEIGHT, distinct))
        if min(weights, default=1) > 0:
            try:  # the common case, converted without a Python step per ranking
                rankings = list(map(tuple, map(map, repeat(convert), map(_RANKING, distinct))))
            except KeyError:  # a withdrawn candidate or an equal ranking
                pass
            else:
                grouped = dict(zip(rankings, map(mul, weights, copies), strict=True))
                if len(grouped) == len(rankings):  # no two ballots share a ranking
                    grouped.pop((), None)
                    return Counter(grouped)
        groups: dict[Any, int] = {}
        get = groups.get
        for ballot, n in zip(distinct, copies, strict=True):
            if ballot.weight <= 0:
                continue
            try:
                ranking = tuple(map(convert, ballot.ranking))
            except KeyError:  # a withdrawn candidate or an equal ranking
                ranking = self._kept(ballot.ranking, allow_equal=allow_equal, flat=flat)
            if ranking:
                groups[ranking] = get(ranking, 0) + ballot.weight * n
        return Counter(groups)

    def _distinct(self) -> tuple[list[Ballot], list[int]]:
        """Each distinct ``Ballot`` object and its number of copies in ``ballots``."""
        if self.tally is not None:
            return list(map(_FIRST, self.tally)), list(map(_SECOND, self.tally))
        # A parsed file shares one Ballot between identical lines, so papers
        # are counted by object, which costs no Python step per paper.
        copies = Counter(map(id, self.ballots))
        distinct = dict(zip(map(id, self.ballots), self.ballots, strict=True))
        return list(distinct.values()), list(copies.values())

    def _kept(self, ranking: Ranking, *, allow_equal: bool, flat: bool) -> tuple[Any, ...]:
        """``ranking`` as 0-based ids, without withdrawn candidates or empty ranks."""
        ranks: list[Any] = []
        for rank in ranking:
            kept = tuple(c - 1 for c in rank if c not in self.withdrawn)
            if len(kept) > 1 and not allow_equal:
                raise ElectionError(
                    f"this rule does not accept equal rankings (ballot {_show(ranking)})"
                )
            if kept:
                ranks.append(kept[0] if flat else kept)
        return tuple(ranks)


def _show(ranking: Ranking) -> str:
    return " ".join("=".join(str(c) for c in rank) for rank in ranking)
