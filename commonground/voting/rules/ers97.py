"""ERS97: the Electoral Reform Society's 1997 STV rules (3rd edition).

Paragraph numbers in comments are those of the rules.  The arithmetic is
in hundredths (two decimal places, remainders ignored).  What sets ERS97
apart from the Scottish rules:

* only the last batch of papers received is examined for a surplus that
  arises after the first stage [5.3.2], and papers keep their value when
  the transferable papers are worth less than the surplus [5.3.7];
* surpluses are deferred while they could not save the lowest
  candidate(s) from exclusion [5.2.2];
* as many sure losers as possible are excluded together [5.2.5], their
  papers moving in batches of descending value, with candidates elected
  between batches [5.4];
* ties look at the *earliest* point where the candidates differed
  [5.2.3, 5.2.5, 5.6.2].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..election import Election
from ..fixed import div_up
from ..result import DEFEATED, ELECTED, HOPEFUL, Result
from .base import Rule, break_by_history
from .fixed_count import FixedPointCount

ONE = 100  # a whole vote, in hundredths


class ERS97STV(Rule):
    """ERS97 STV.

    Parameters:
        tie_seed: seed for drawing lots; ``None`` draws the candidate
            listed first in the ballot file.
    """

    name = "ers97"
    description = "Electoral Reform Society 1997 STV rules, 2-decimal arithmetic"

    def __init__(self, *, tie_seed: int | None = None) -> None:
        self.tie_seed = tie_seed

    def parameters(self) -> dict[str, Any]:
        """Parameters in force."""
        return {"tie_seed": self.tie_seed}

    def count(self, election: Election, seats: int | None = None) -> Result:
        """Count ``election`` under ERS97."""
        return _Count(self, election.with_seats(seats)).run()


@dataclass
class _Parcel:
    """Papers of one value received in one transfer (a "batch", 6.1)."""

    value: int
    items: list[tuple[int, int, int]] = field(default_factory=list)  # group, position, papers


class _Count(FixedPointCount):
    """One count, over the shared fixed-point state; each candidate's papers
    are kept as the parcels they arrived in."""

    def __init__(self, rule: ERS97STV, election: Election) -> None:
        super().__init__(rule, election, 2, rule.tie_seed)
        self.piles: list[list[_Parcel]] = [[] for _ in range(self.n)]
        self.quota = self.calc_quota(self.valid * ONE)

    def calc_quota(self, total: int) -> int:
        """[5.1.6] total / (seats + 1) to two places; if inexact, truncate and add 0.01."""
        return div_up(total, self.e.seats + 1)

    def surplus(self, c: int) -> int:
        return max(self.votes[c] - self.quota, 0) if self.pending[c] else 0

    def snapshot(self) -> None:
        """Votes after the first stage and after every batch, for ties."""
        self.history.append(list(self.votes))

    def tie(self, tied: list[int], reason: str, lowest: bool) -> int:
        """Earliest point of difference [5.2.3, 5.2.5], then lot."""
        left = break_by_history(tied, self.history, lowest=lowest)
        if len(left) == 1:
            chosen, how = left[0], "earliest difference"
        else:
            chosen, how = self.lot.draw(left), f"lot, {self.lot.method}"
        names = ", ".join(self.name(c) for c in tied)
        self.log(
            "tie",
            f"Break tie by {how} ({reason}): [{names}] -> {self.name(chosen)}",
            [chosen],
            {"method": how},
        )
        return chosen

    def next_pref(self, g: int, p: int) -> int:
        r, state = self.rankings[g], self.state
        p += 1
        while p < len(r) and state[r[p]] != HOPEFUL:
            p += 1
        return p

    # -- election [5.1.7, 5.3.13, 5.4.9, 5.6.2] ---------------------------
    def elect_qualified(self) -> None:
        if not any(s == ELECTED for s in self.state) and self.nt:
            self.quota = self.calc_quota(self.valid * ONE - self.nt)  # [5.4.8]
        left = self.seats_left()
        if left <= 0:
            return
        cont = self.continuing()
        # [6.20] total active vote: continuing candidates plus votes awaiting
        # transfer (untransferred surpluses, papers of excluded candidates
        # not yet moved)
        active = (
            sum(self.votes[c] for c in cont)
            + sum(self.surplus(c) for c in range(self.n))
            + sum(self.votes[c] for c in range(self.n) if self.state[c] == DEFEATED)
        )
        qualified = [
            c
            for c in cont
            if self.votes[c] >= self.quota
            or (self.votes[c] > 0 and self.votes[c] * (left + 1) >= active)
        ]
        qualified.sort(key=lambda c: -self.votes[c])
        if len(qualified) > left:
            cut = self.votes[qualified[left - 1]]
            chosen = [c for c in qualified if self.votes[c] > cut]
            tied = [c for c in qualified if self.votes[c] == cut]
            while len(chosen) < left:
                best = break_by_history(tied, self.history, lowest=False)
                if len(best) != 1:
                    self.rec.notes.append(
                        f"round {self.rec.round}: tie for election between "
                        f"{', '.join(self.name(c) for c in tied)} not "
                        "resolved; none elected at this stage [5.6.2]"
                    )
                    break
                chosen.append(best[0])
                tied.remove(best[0])
            qualified = chosen
        for c in qualified:
            self.state[c] = ELECTED
            self.pending[c] = True
            self.log("elect", f"Elected: {self.name(c)}", [c])

    # -- surplus [5.3] --------------------------------------------------
    def transfer_surplus(self, c: int) -> None:
        s = self.votes[c] - self.quota
        parcel = self.piles[c][-1]  # all papers at stage 1; else the last batch [5.3.1-2]
        moving: dict[int, list[tuple[int, int, int]]] = {}
        keep: list[tuple[int, int, int]] = []
        papers = 0
        for g, p, k in parcel.items:
            q = self.next_pref(g, p)
            if q < len(self.rankings[g]):
                moving.setdefault(self.rankings[g][q], []).append((g, q, k))
                papers += k
            else:
                keep.append((g, p, k))
        # [5.3.7] transfer value
        if papers and papers * parcel.value > s:
            tv = s // papers
            self.loss += s - papers * tv
        else:
            tv = parcel.value
            self.nt += s - papers * tv
        for d in sorted(moving):
            items = moving[d]
            self.piles[d].append(_Parcel(tv, items))
            self.votes[d] += tv * sum(k for _, _, k in items)
        parcel.items = keep
        self.votes[c] = self.quota
        self.pending[c] = False
        self.snapshot()
        self.log(
            "transfer",
            f"Surplus of {self.name(c)} ({self.fmt(s)}) transferred at {self.fmt(tv)} per paper",
            [c],
            {"surplus": self.fmt(s), "transfer_value": self.fmt(tv), "papers": str(papers)},
        )

    # -- exclusion [5.2.5, 5.4] -----------------------------------------
    def exclusion_set(self, deferred: int) -> list[int]:
        cont = sorted(self.continuing(), key=lambda c: self.votes[c])
        max_k = len(cont) - self.seats_left()
        k, total = 1, 0
        for i in range(max_k):
            total += self.votes[cont[i]]
            if i + 1 < len(cont) and total + deferred <= self.votes[cont[i + 1]]:
                k = i + 1
        boundary = self.votes[cont[k - 1]]
        chosen = [c for c in cont[:k] if self.votes[c] < boundary]
        tied = [c for c in cont if self.votes[c] == boundary]
        if len(chosen) + len(tied) > k:
            while len(chosen) < k:
                c = self.tie(tied, "exclusion", lowest=True)
                chosen.append(c)
                tied.remove(c)
        else:
            chosen += tied
        return sorted(chosen)

    def can_defer(self, surplus: int) -> bool:
        """[5.2.2] defer while the surpluses cannot lift the lowest candidate(s)."""
        cont = sorted(self.continuing(), key=lambda c: self.votes[c])
        total = 0
        for i in range(len(cont) - self.seats_left()):
            total += self.votes[cont[i]]
            if i + 1 < len(cont) and total + surplus <= self.votes[cont[i + 1]]:
                return True
        return False

    def exclude(self, cands: list[int]) -> None:
        for c in cands:
            self.state[c] = DEFEATED
        names = ", ".join(self.name(c) for c in cands)
        self.log("defeat", f"Excluded: {names}", cands)
        batches: dict[int, list[tuple[int, int, int]]] = {}
        for c in cands:
            for parcel in self.piles[c]:
                batches.setdefault(parcel.value, []).extend(parcel.items)
            self.piles[c] = []
        for value in sorted(batches, reverse=True):  # [5.4.1], [5.4.11]
            if self.seats_left() <= 0:
                break  # [5.5.2] no further transfers
            moving: dict[int, list[tuple[int, int, int]]] = {}
            moved_votes = 0
            for g, p, k in batches[value]:
                q = self.next_pref(g, p)
                if q < len(self.rankings[g]):
                    moving.setdefault(self.rankings[g][q], []).append((g, q, k))
                else:
                    self.nt += value * k
                moved_votes += value * k
            for c in cands:
                self.votes[c] -= sum(
                    value * k for g, p, k in batches[value] if self._owner(g, p) == c
                )
            for d in sorted(moving):
                items = moving[d]
                self.piles[d].append(_Parcel(value, items))
                self.votes[d] += value * sum(k for _, _, k in items)
            self.snapshot()
            self.log(
                "transfer",
                f"Transferred papers of {names} at value {self.fmt(value)}",
                cands,
                {"value": self.fmt(value), "moved": self.fmt(moved_votes)},
            )
            self.elect_qualified()  # [5.4.9]

    def _owner(self, g: int, p: int) -> int:
        return self.rankings[g][p]

    # -- the count --------------------------------------------------------
    def run(self) -> Result:
        first: dict[int, list[tuple[int, int, int]]] = {}
        for g, r in enumerate(self.rankings):
            first.setdefault(r[0], []).append((g, 0, self.counts[g]))
            self.votes[r[0]] += self.counts[g] * ONE
        for c, items in first.items():
            self.piles[c].append(_Parcel(ONE, items))
        self.snapshot()
        self.log("begin", "First preferences", [], {"valid_ballots": str(self.valid)})
        self.elect_qualified()
        while self.seats_left() > 0:
            cont = self.continuing()
            if len(cont) <= self.seats_left():  # [4.3]
                break
            self.rec.new_round()
            with_surplus = [c for c in range(self.n) if self.surplus(c) > 0]
            total = sum(self.surplus(c) for c in with_surplus)
            if with_surplus and not self.can_defer(total):
                high = max(self.surplus(c) for c in with_surplus)
                tied = [c for c in with_surplus if self.surplus(c) == high]
                c = tied[0] if len(tied) == 1 else self.tie(tied, "largest surplus", False)
                self.transfer_surplus(c)
                self.elect_qualified()  # [5.3.13]
                continue
            if with_surplus:
                self.log(
                    "defer",
                    f"Surpluses deferred (total {self.fmt(total)}) [5.2.2]",
                    with_surplus,
                    {"deferred": self.fmt(total)},
                )
            out = self.exclusion_set(total)
            if len(cont) - len(out) <= self.seats_left():  # [5.5.1]
                for c in out:
                    self.state[c] = DEFEATED
                self.log("defeat", "Excluded: " + ", ".join(self.name(c) for c in out), out)
                break
            self.exclude(out)
        # [5.5.1] remaining continuing candidates fill the places; [5.5.2] the rest excluded
        for c in sorted(self.continuing(), key=lambda c: (-self.votes[c], c)):
            if self.seats_left() > 0:
                self.state[c] = ELECTED
                self.log("elect", f"Elected (remaining): {self.name(c)}", [c])
            else:
                self.state[c] = DEFEATED
                self.log("defeat", f"Excluded (count complete): {self.name(c)}", [c])
        self.pending = [False] * self.n
        self.log("end", "Count complete", [])
        return self.rec.result(self.e.seats)
