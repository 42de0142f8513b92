"""Plurality rules: first past the post and approval voting.

Both elect the ``seats`` candidates with the most votes in a single round.
Under ``fptp`` each paper counts for its first preference only; under
``approval`` a paper counts once for every candidate it names (BLT ranks,
including ``=``, are read as a set of approvals).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..election import Election
from ..result import DEFEATED, ELECTED, HOPEFUL, WITHDRAWN, Result
from .base import Lot, Recorder, Rule


class _Plurality(Rule):
    """Shared count; subclasses decide which candidates a paper supports.

    Parameters:
        tie_seed: seed for lots at the last seat; ``None`` picks the first
            tied candidate in ballot order.
    """

    def __init__(self, *, tie_seed: int | None = None) -> None:
        self.tie_seed = tie_seed

    def parameters(self) -> dict[str, Any]:
        """Parameters in force."""
        return {"tie_seed": self.tie_seed}

    def supported(self, ranking: tuple[tuple[int, ...], ...]) -> tuple[int, ...]:
        """0-based candidates that receive this paper's vote."""
        raise NotImplementedError

    def count(self, election: Election, seats: int | None = None) -> Result:
        """Count ``election``: one round, most votes win."""
        e = election.with_seats(seats)
        groups = e.counted_rankings(allow_equal=self.accepts_equal_rankings)
        n = e.ncandidates
        withdrawn = {c - 1 for c in e.withdrawn}
        state = [WITHDRAWN if c in withdrawn else HOPEFUL for c in range(n)]
        votes = [0] * n
        for ranking, k in groups.items():
            for c in self.supported(ranking):
                votes[c] += k
        valid = sum(groups.values())
        rec = Recorder(e, self, 0, Fraction(valid))
        zero = Fraction(0)
        # approval papers count more than once, so "total" is not the valid vote
        surplus_or_deficit = Fraction(valid - sum(votes)) if self.name == "approval" else zero

        def log(kind: str, msg: str, cands: list[int]) -> None:
            rec.add(
                kind,
                msg,
                cands,
                state,
                [False] * n,
                [Fraction(v) for v in votes],
                zero,
                zero,
                surplus_or_deficit,
            )

        log("begin", "Votes counted", [])
        lot = Lot(self.tie_seed)
        eligible = sorted((c for c in range(n) if c not in withdrawn), key=lambda c: (-votes[c], c))
        winners = eligible[: e.seats]
        if len(eligible) > e.seats:
            cut = votes[winners[-1]]
            tied = [c for c in eligible if votes[c] == cut]
            sure = [c for c in winners if votes[c] > cut]
            if len(sure) + len(tied) > e.seats:
                picks: list[int] = []
                pool = list(tied)
                while len(sure) + len(picks) < e.seats:
                    pick = lot.draw(pool)
                    pool.remove(pick)
                    picks.append(pick)
                names = ", ".join(e.candidates[c] for c in tied)
                chosen = ", ".join(e.candidates[c] for c in picks)
                log("tie", f"Tie broken by lot ({lot.method}): [{names}] -> {chosen}", picks)
                winners = sure + picks
        for c in winners:
            state[c] = ELECTED
            log("elect", f"Elected: {e.candidates[c]} ({votes[c]})", [c])
        for c in eligible:
            if state[c] == HOPEFUL:
                state[c] = DEFEATED
                log("defeat", f"Not elected: {e.candidates[c]} ({votes[c]})", [c])
        log("end", "Count complete", [])
        return rec.result(e.seats)


class FirstPastThePost(_Plurality):
    """First past the post: each paper's first preference is its vote."""

    name = "fptp"
    description = "First past the post (single or multi-seat plurality)"

    def supported(self, ranking: tuple[tuple[int, ...], ...]) -> tuple[int, ...]:
        """The first preference."""
        return ranking[0]


class Approval(_Plurality):
    """Approval voting: each paper supports every candidate it names."""

    name = "approval"
    description = "Approval voting (single or multi-seat)"
    accepts_equal_rankings = True

    def supported(self, ranking: tuple[tuple[int, ...], ...]) -> tuple[int, ...]:
        """Every candidate named."""
        return tuple(c for rank in ranking for c in rank)
