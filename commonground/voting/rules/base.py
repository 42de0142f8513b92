"""What every counting rule shares: the interface and the count recorder."""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, ClassVar

from ..election import Election
from ..result import ELECTED, Action, CandidateState, Result, Round


class Rule(ABC):
    """A counting rule.  Subclasses document their parameters in ``__init__``.

    A rule is configured once and may count many elections; it keeps no
    state between counts.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    accepts_equal_rankings: ClassVar[bool] = False

    @abstractmethod
    def parameters(self) -> dict[str, Any]:
        """The parameters in force, as recorded in the result."""

    @abstractmethod
    def count(self, election: Election, seats: int | None = None) -> Result:
        """Count ``election`` (optionally overriding its number of seats)."""


class Lot:
    """Drawing lots, reproducibly.

    With no seed the lot falls on the candidate listed first in the ballot
    file, which is what the Droop reference counts do; with a seed a
    ``random.Random(seed)`` makes the draw, so anyone can re-run it.  The
    method is recorded in the count sheet either way.
    """

    def __init__(self, seed: int | None) -> None:
        self.seed = seed
        self._rng = random.Random(seed) if seed is not None else None

    @property
    def method(self) -> str:
        """How the lot is drawn, for the record."""
        return "ballot order" if self.seed is None else f"random.Random({self.seed})"

    def draw(self, tied: Sequence[int]) -> int:
        """Choose one of ``tied`` (0-based candidate indices)."""
        ordered = sorted(tied)
        if self._rng is None:
            return ordered[0]
        return self._rng.choice(ordered)


def break_by_history(
    tied: Sequence[int],
    history: Sequence[Sequence[Any]],
    *,
    lowest: bool,
) -> list[int]:
    """Narrow ``tied`` by looking at earlier snapshots of the votes.

    ``history`` is ordered in the sequence the rule wants to look at
    (most recent first for SSI 2007/42, earliest first for ERS97).  At each
    snapshot only the candidates with the lowest (or highest) vote are
    kept; the search stops when one remains.  Returns the survivors.
    """
    left = list(tied)
    for votes in history:
        if len(left) == 1:
            break
        values = [votes[c] for c in left]
        target = min(values) if lowest else max(values)
        left = [c for c in left if votes[c] == target]
    return left


class Recorder:
    """Builds a :class:`Result` as the count proceeds."""

    def __init__(self, election: Election, rule: Rule, places: int, valid: Fraction) -> None:
        self.election = election
        self.rule = rule
        self.places = places
        self.valid = valid
        self.rounds: list[Round] = [Round(0)]
        self.elected: list[int] = []
        self.notes: list[str] = []

    @property
    def round(self) -> int:
        """Current round number."""
        return self.rounds[-1].number

    def new_round(self) -> int:
        """Start the next round and return its number."""
        self.rounds.append(Round(self.round + 1))
        return self.round

    def add(
        self,
        kind: str,
        message: str,
        candidates: Sequence[int],
        states: Sequence[str],
        pending: Sequence[bool],
        votes: Sequence[Fraction],
        quota: Fraction,
        non_transferable: Fraction,
        loss: Fraction,
        details: dict[str, str] | None = None,
    ) -> Action:
        """Record an action with a full snapshot of the candidates."""
        if kind == "elect":
            self.elected.extend(candidates)
        snap = tuple(
            CandidateState(s, v, bool(p) and s == ELECTED)
            for s, v, p in zip(states, votes, pending, strict=True)
        )
        action = Action(
            kind,
            self.round,
            message,
            tuple(candidates),
            snap,
            quota,
            non_transferable,
            loss,
            details or {},
        )
        self.rounds[-1].actions.append(action)
        return action

    def result(self, seats: int) -> Result:
        """Finish: return the :class:`Result`."""
        e = self.election
        return Result(
            rule=self.rule.name,
            parameters=self.rule.parameters(),
            title=e.title,
            seats=seats,
            candidates=e.candidates,
            valid_ballots=self.valid,
            places=self.places,
            rounds=self.rounds,
            elected=list(self.elected),
            withdrawn=frozenset(c - 1 for c in e.withdrawn),
            notes=self.notes,
        )
