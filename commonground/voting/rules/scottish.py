"""Scottish STV: the Scottish Local Government Elections Order 2007 (SSI 2007/42).

Rule references in comments are to Schedule 1 of the Order.  Where the
Order leaves room for reading, the count follows the Droop reference
implementation whose published counts (Glasgow 2007) the tests reproduce:

* a candidate elected with exactly a quota still gets a (zero-value)
  surplus transfer stage before exclusions resume;
* tie-breaks look back stage by stage, most recent first, narrowing the
  tied group at each stage to those with the lowest (exclusion) or highest
  (surplus) vote [49(2), 51(2)], then fall back to lot [49(3), 51(2)(b)];
* candidates reaching the quota at the same stage are declared in
  descending order of votes (equal votes: later on the ballot first).
"""

from __future__ import annotations

from typing import Any

from ..election import Election
from ..result import DEFEATED, ELECTED, HOPEFUL, Result
from .base import Rule, break_by_history
from .fixed_count import FixedPointCount


class ScottishSTV(Rule):
    """Scottish STV (SSI 2007/42).

    Parameters:
        places: decimal places of the fixed-point arithmetic; the Order
            says five [48(3)], and transfer values are truncated to it.
        tie_seed: seed for drawing lots; ``None`` draws the candidate
            listed first in the ballot file (the reference behaviour).
    """

    name = "scottish"
    description = "Scottish STV (SSI 2007/42), 5-decimal fixed point"

    def __init__(self, *, places: int = 5, tie_seed: int | None = None) -> None:
        if places < 0:
            raise ValueError("places must be >= 0")
        self.places = places
        self.tie_seed = tie_seed

    def parameters(self) -> dict[str, Any]:
        """Parameters in force."""
        return {"places": self.places, "tie_seed": self.tie_seed}

    def count(self, election: Election, seats: int | None = None) -> Result:
        """Count ``election`` under SSI 2007/42."""
        return _Count(self, election.with_seats(seats)).run()


class _Count(FixedPointCount):
    """One count, over the shared fixed-point state; each candidate's papers
    are a pile of group indices, each group carrying one per-paper value."""

    def __init__(self, rule: ScottishSTV, election: Election) -> None:
        super().__init__(rule, election, rule.places, rule.tie_seed)
        self.pile: list[list[int]] = [[] for _ in range(self.n)]
        self.pos = [0] * len(self.rankings)
        self.weight = [self.scale] * len(self.rankings)
        # [46] quota = floor(valid / (seats + 1)) + 1
        self.quota = (self.valid // (election.seats + 1) + 1) * self.scale

    def complete(self) -> bool:
        left = self.seats_left()
        return left <= 0 or len(self.continuing()) <= left

    def choose(self, tied: list[int], reason: str, lowest: bool) -> int:
        """[49(2)-(3)], [51(2)]: most recent stage at which they differed, then lot."""
        if len(tied) == 1:
            return tied[0]
        left = break_by_history(tied, list(reversed(self.history)), lowest=lowest)
        if len(left) == 1:
            chosen, how = left[0], "prior stage"
        else:
            chosen, how = self.lot.draw(left), f"lot, {self.lot.method}"
        self.log(
            "tie",
            f"Break tie by {how} ({reason}): [{self.names(tied)}] -> {self.e.candidates[chosen]}",
            [chosen],
            {"method": how},
        )
        return chosen

    def move(self, c: int, surplus: int | None) -> int:
        """Move every paper of ``c`` to its next hopeful preference.

        With ``surplus`` set, each paper's value becomes
        value * surplus / votes truncated [48(3)]; returns the value moved.
        """
        rankings, counts, pos, weight = self.rankings, self.counts, self.pos, self.weight
        state, votes, pile = self.state, self.votes, self.pile
        total_votes = self.votes[c]
        cache: dict[int, int] = {}
        moved = 0
        nt = 0
        for g in pile[c]:
            w = weight[g]
            if surplus is not None:
                nw = cache.get(w)
                if nw is None:
                    nw = cache[w] = (w * surplus) // total_votes
                w = weight[g] = nw
            r = rankings[g]
            p = pos[g] + 1
            end = len(r)
            while p < end and state[r[p]] != HOPEFUL:
                p += 1
            pos[g] = p
            value = w * counts[g]
            moved += value
            if p < end:
                d = r[p]
                pile[d].append(g)
                votes[d] += value
            else:
                nt += value
        pile[c] = []
        self.nt += nt
        return moved

    # -- the count --------------------------------------------------------
    def run(self) -> Result:
        s = self.scale
        # [45] first preferences
        for g, r in enumerate(self.rankings):
            self.pile[r[0]].append(g)
            self.votes[r[0]] += self.counts[g] * s
        self.log("begin", "Begin count", [], {"valid_ballots": str(self.valid)})
        while True:
            # [47] elect everyone with a quota, highest vote first
            reached = [c for c in self.continuing() if self.votes[c] >= self.quota]
            for c in sorted(reached, key=lambda c: (self.votes[c], c), reverse=True):
                self.state[c], self.pending[c] = ELECTED, True
                self.log("elect", f"Elect, transfer pending: {self.e.candidates[c]}", [c])
            if self.complete():
                break
            self.rec.new_round()
            self.history.append(list(self.votes))
            pend = [c for c in range(self.n) if self.pending[c]]
            if pend:
                # [48], [49] highest surplus first
                high = max(self.votes[c] for c in pend)
                c = self.choose(
                    [c for c in pend if self.votes[c] == high], "largest surplus", lowest=False
                )
                self.pending[c] = False
                surplus = self.votes[c] - self.quota
                moved = self.move(c, surplus)
                self.loss += surplus - moved
                self.votes[c] = self.quota
                self.log(
                    "transfer",
                    f"Surplus transferred: {self.e.candidates[c]} ({self.fmt(surplus)})",
                    [c],
                    {"surplus": self.fmt(surplus), "moved": self.fmt(moved)},
                )
                continue
            # [50], [51] exclude the lowest, one at a time
            hopeful = self.continuing()
            low = min(self.votes[c] for c in hopeful)
            c = self.choose(
                [c for c in hopeful if self.votes[c] == low], "defeat low candidate", lowest=True
            )
            self.state[c] = DEFEATED
            self.log("defeat", f"Defeat low candidate: {self.e.candidates[c]}", [c])
            self.move(c, None)
            self.votes[c] = 0
            self.log("transfer", f"Transfer defeated: {self.e.candidates[c]}", [c])
            if self.complete():
                break
        # [52] fill the last vacancies; no further transfers
        self.pending = [False] * self.n
        hopeful = self.continuing()
        if len(hopeful) <= self.seats_left():
            for c in hopeful:
                self.state[c] = ELECTED
                self.log("elect", f"Elect remaining candidates: {self.e.candidates[c]}", [c])
        for c in self.continuing():
            self.state[c] = DEFEATED
            self.log("defeat", f"Defeat remaining candidates: {self.e.candidates[c]}", [c])
        self.log("end", "Count complete", [])
        return self.rec.result(self.e.seats)
