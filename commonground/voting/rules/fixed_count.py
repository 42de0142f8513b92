"""The count state that the fixed-point STV rules (Scottish, ERS97) share.

Votes are ints scaled by ``10**places``.  Identical papers are grouped: a
group moves between candidates as a unit, so each transfer costs one step
per distinct ranking rather than per paper.
"""

from __future__ import annotations

from fractions import Fraction

from ..election import Election
from ..fixed import format_value
from ..result import ELECTED, HOPEFUL, WITHDRAWN
from .base import Lot, Recorder, Rule


class FixedPointCount:
    """One count's candidates, papers, recorder and helpers; the rule adds the steps."""

    def __init__(self, rule: Rule, election: Election, places: int, tie_seed: int | None) -> None:
        self.rule = rule
        self.e = election
        self.places = places
        self.scale = 10**places
        groups = election.counted_strict()
        self.rankings = list(groups)
        self.counts = list(groups.values())
        self.n = election.ncandidates
        withdrawn = {c - 1 for c in election.withdrawn}
        self.state = [WITHDRAWN if c in withdrawn else HOPEFUL for c in range(self.n)]
        self.pending = [False] * self.n  # elected, surplus not yet transferred
        self.votes = [0] * self.n
        self.valid = sum(self.counts)
        self.quota = 0
        self.nt = 0
        self.loss = 0
        self.history: list[list[int]] = []
        self.lot = Lot(tie_seed)
        self.rec = Recorder(election, rule, places, Fraction(self.valid))

    # -- recording ------------------------------------------------------
    def name(self, c: int) -> str:
        return self.e.candidates[c]

    def names(self, cands: list[int]) -> str:
        return ", ".join(self.e.candidates[c] for c in cands)

    def fmt(self, v: int) -> str:
        return format_value(Fraction(v, self.scale), self.places)

    def log(
        self, kind: str, msg: str, cands: list[int], details: dict[str, str] | None = None
    ) -> None:
        s = self.scale
        self.rec.add(
            kind,
            msg,
            cands,
            self.state,
            self.pending,
            [Fraction(v, s) for v in self.votes],
            Fraction(self.quota, s),
            Fraction(self.nt, s),
            Fraction(self.loss, s),
            details,
        )

    # -- helpers --------------------------------------------------------
    def continuing(self) -> list[int]:
        """Candidates neither elected, excluded nor withdrawn."""
        return [c for c in range(self.n) if self.state[c] == HOPEFUL]

    def seats_left(self) -> int:
        return self.e.seats - sum(1 for s in self.state if s == ELECTED)
