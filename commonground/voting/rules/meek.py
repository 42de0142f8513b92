"""Meek STV: iterated keep values.

Every elected candidate keeps a fraction (the keep value) of each vote
that reaches them and passes the rest on, so surpluses flow in proportion
and excluded candidates are skipped as if never ranked.  The structure,
tie handling and reporting follow the Droop reference implementation so
its published counts can be reproduced:

* each round iterates until a candidate is elected (vote > quota, or
  >= quota in rounded arithmetic), the total surplus is at most
  ``10**-omega``, the surplus stops falling, or a batch of sure losers can
  be defeated;
* quota = active votes / (seats + 1), recomputed every iteration;
* the candidate defeated is the lowest, treating every candidate within
  the current surplus of the lowest as tied; ties go to lot.

Equal rankings share a vote equally among the continuing candidates of the
rank, each share then travelling on independently.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import chain
from typing import Any

from ..election import Election, Ranking
from ..result import DEFEATED, ELECTED, HOPEFUL, WITHDRAWN, Result
from .base import Lot, Recorder, Rule

Number = Any  # int (scaled fixed point) or Fraction, depending on arithmetic


class _Rational:
    exact = True

    def __init__(self) -> None:
        self.one: Number = Fraction(1)
        self.zero: Number = Fraction(0)

    def of(self, value: int | Fraction) -> Number:
        return Fraction(value)

    def mul(self, a: Number, b: Number) -> Number:
        return a * b

    def div(self, a: Number, b: Number) -> Number:
        return a / b

    def kf_update(self, kf: Number, quota: Number, vote: Number) -> Number:
        return kf * quota / vote

    def frac(self, a: Number) -> Fraction:
        return Fraction(a)

    def epsilon(self) -> Number:
        return self.zero


class _Fixed:
    """Fixed point with ``precision`` decimals; keeps round down, keep
    values round up, as in the Droop/NZ reference variant."""

    exact = False

    def __init__(self, precision: int) -> None:
        self.s = 10**precision
        self.one: Number = self.s
        self.zero: Number = 0

    def of(self, value: int | Fraction) -> Number:
        v = Fraction(value) * self.s
        return v.numerator // v.denominator

    def mul(self, a: Number, b: Number) -> Number:
        return (a * b) // self.s

    def div(self, a: Number, b: Number) -> Number:
        return (a * self.s) // b

    def kf_update(self, kf: Number, quota: Number, vote: Number) -> Number:
        up = -((-kf * quota) // self.s)
        return -((-up * self.s) // vote)

    def frac(self, a: Number) -> Fraction:
        return Fraction(a, self.s)

    def epsilon(self) -> Number:
        return 1


class MeekSTV(Rule):
    """Meek STV.

    Parameters:
        omega: a round's iteration stops when the total surplus is at
            most ``10**-omega`` (default 10).
        arithmetic: ``"fixed"`` (default: integer fixed point with
            ``precision`` places, far beyond omega, so it is fast and its
            rounding never shows in the displayed votes) or ``"rational"``
            (exact fractions, as the Droop reference counts use; keep
            values' denominators grow every iteration, so it is only
            practical for small elections).
        precision: places for ``"fixed"`` arithmetic (default 30).
        defeat_batch: ``"safe"`` defeats every sure loser at once (default);
            ``"none"`` defeats one candidate per round.
        places: decimals shown in results (default 12).
        tie_seed: seed for lots; ``None`` picks the first in ballot order.
    """

    name = "meek"
    description = "Meek STV with iterated keep values"
    accepts_equal_rankings = True

    def __init__(
        self,
        *,
        omega: int = 10,
        arithmetic: str = "fixed",
        precision: int = 30,
        defeat_batch: str = "safe",
        places: int = 12,
        tie_seed: int | None = None,
    ) -> None:
        if arithmetic not in ("rational", "fixed"):
            raise ValueError("arithmetic must be 'rational' or 'fixed'")
        if defeat_batch not in ("safe", "none"):
            raise ValueError("defeat_batch must be 'safe' or 'none'")
        if arithmetic == "fixed" and precision < omega + 2:
            raise ValueError("precision must exceed omega by at least 2")
        self.omega = omega
        self.arithmetic = arithmetic
        self.precision = precision
        self.defeat_batch = defeat_batch
        self.places = places
        self.tie_seed = tie_seed

    def parameters(self) -> dict[str, Any]:
        """Parameters in force."""
        return {
            "omega": self.omega,
            "arithmetic": self.arithmetic,
            "precision": self.precision if self.arithmetic == "fixed" else None,
            "defeat_batch": self.defeat_batch,
            "places": self.places,
            "tie_seed": self.tie_seed,
        }

    def count(self, election: Election, seats: int | None = None) -> Result:
        """Count ``election`` by Meek's method."""
        return _Count(self, election.with_seats(seats)).run()


class _Count:
    def __init__(self, rule: MeekSTV, election: Election) -> None:
        self.rule = rule
        self.e = election
        self.ar: _Rational | _Fixed = (
            _Rational() if rule.arithmetic == "rational" else _Fixed(rule.precision)
        )
        self.groups = election.counted_rankings(allow_equal=True)
        self.n = election.ncandidates
        withdrawn = {c - 1 for c in election.withdrawn}
        self.state = [WITHDRAWN if c in withdrawn else HOPEFUL for c in range(self.n)]
        ar = self.ar
        self.kf: list[Number] = [ar.zero if c in withdrawn else ar.one for c in range(self.n)]
        self.votes: list[Number] = [ar.zero] * self.n
        self.valid = sum(self.groups.values())
        self.residual: Number = ar.zero
        self.loss: Number = ar.zero
        self.quota: Number = self.calc_quota(ar.of(self.valid))
        self.surplus: Number = ar.zero
        self.omega = ar.of(Fraction(1, 10**rule.omega))
        self.lot = Lot(rule.tie_seed)
        self.rec = Recorder(election, rule, rule.places, Fraction(self.valid))
        self._buckets: dict[Ranking, list[tuple[Ranking, int]]] = {}
        self._totals: dict[Ranking, int] = {}  # papers in each bucket
        self._reduced: list[tuple[Ranking, int]] = []
        self._reduced_for: tuple[str, ...] = ()

    def calc_quota(self, active: Number) -> Number:
        return self.ar.div(active, self.ar.of(self.e.seats + 1)) + self.ar.epsilon()

    def has_quota(self, c: int) -> bool:
        if self.ar.exact:
            return bool(self.votes[c] > self.quota)
        return bool(self.votes[c] >= self.quota)

    # -- recording ------------------------------------------------------
    def log(
        self, kind: str, msg: str, cands: list[int], details: dict[str, str] | None = None
    ) -> None:
        f = self.ar.frac
        pending = [False] * self.n
        self.rec.add(
            kind,
            msg,
            cands,
            self.state,
            pending,
            [f(v) for v in self.votes],
            f(self.quota),
            f(self.residual),
            f(self.loss),
            details,
        )

    def show(self, v: Number) -> str:
        from ..fixed import format_value

        return format_value(self.ar.frac(v), self.rule.places)

    # -- distribution ---------------------------------------------------
    def reduced(self) -> list[tuple[Ranking, int]]:
        """Group papers by what matters this round.

        A paper's path depends only on its continuing candidates up to the
        first rank made wholly of hopefuls (they keep everything), so papers
        are regrouped on that prefix whenever a candidate changes state.
        Only groups whose prefix names a candidate that changed are
        regrouped: the others' prefixes cannot have changed.
        """
        key_state = tuple(self.state)
        before = self._reduced_for
        if key_state == before:
            return self._reduced
        buckets, totals = self._buckets, self._totals
        if before:
            changed = {c for c in range(self.n) if key_state[c] != before[c]}
            stale = [k for k in buckets if not changed.isdisjoint(chain.from_iterable(k))]
            members = [m for k in stale for m in buckets.pop(k)]
            for k in stale:
                del totals[k]
        else:
            members = list(self.groups.items())
        hopeful = [s == HOPEFUL for s in key_state]
        continuing = [s in (HOPEFUL, ELECTED) for s in key_state]
        for ranking, count in members:
            key = _key(ranking, hopeful, continuing)
            buckets.setdefault(key, []).append((ranking, count))
            totals[key] = totals.get(key, 0) + count
        self._reduced = list(totals.items())
        self._reduced_for = key_state
        return self._reduced

    def distribute(self) -> None:
        ar = self.ar
        kf, mul, one, zero = self.kf, ar.mul, ar.one, ar.zero
        votes = [zero] * self.n
        residual = zero

        def split(key: Ranking, i: int, weight: Number, count: int) -> Number:
            """Share ``weight`` over ranks ``i:``; return what nobody kept."""
            if i >= len(key) or not weight:
                return weight
            rank = key[i]
            share = ar.div(weight, ar.of(len(rank))) if len(rank) > 1 else weight
            left = weight - share * len(rank)
            for c in rank:
                keep = mul(share, kf[c])
                votes[c] += keep * count
                left += split(key, i + 1, mul(share, one - kf[c]), count)
            return left

        for key, count in self.reduced():
            if all(len(rank) == 1 for rank in key):
                weight = one
                for (c,) in key:
                    keep = mul(weight, kf[c])
                    votes[c] += keep * count
                    weight = mul(weight, one - kf[c])
                    if not weight:
                        break
                residual += weight * count
            else:
                residual += split(key, 0, one, count) * count
        self.votes = votes
        self.residual = residual
        # what fixed-point truncation lost: reported, never hidden in the residual
        self.loss = ar.of(self.valid) - sum(votes, zero) - residual

    # -- helpers --------------------------------------------------------
    def of_state(self, st: str) -> list[int]:
        return [c for c in range(self.n) if self.state[c] == st]

    def seats_left(self) -> int:
        return self.e.seats - len(self.of_state(ELECTED))

    def complete(self) -> bool:
        left = self.seats_left()
        return left <= 0 or len(self.of_state(HOPEFUL)) <= left

    def defeat(self, c: int, msg: str) -> None:
        self.state[c] = DEFEATED
        self.log("defeat", f"{msg}: {self.e.candidates[c]}", [c])
        self.kf[c] = self.ar.zero
        self.votes[c] = self.ar.zero
        self.distribute()

    def batch(self) -> list[int]:
        """Sure losers: lowest groups whose total plus the surplus cannot
        reach the next candidate up, leaving enough to fill the seats."""
        if self.rule.defeat_batch == "none":
            return []
        surplus, votes = self.surplus, self.votes
        cands = sorted(self.of_state(HOPEFUL), key=lambda c: (votes[c], c))
        groups: list[list[int]] = []
        group: list[int] = []
        base = self.ar.zero
        for c in cands:
            if base + surplus >= votes[c]:
                group.append(c)
            else:
                if group:
                    groups.append(group)
                group, base = [c], votes[c]
        if group:
            groups.append(group)
        max_defeat = len(cands) - self.seats_left()
        total, ncand, best = self.ar.zero, 0, -1
        for g in range(len(groups) - 1):
            ncand += len(groups[g])
            if ncand > max_defeat:
                break
            total += sum((votes[c] for c in groups[g]), self.ar.zero)
            if total + surplus < votes[groups[g + 1][0]]:
                best = g
        return sorted(c for g in groups[: best + 1] for c in g)

    def iterate(self) -> tuple[str, list[int]]:
        ar = self.ar
        last = ar.of(self.valid)
        while True:
            self.distribute()
            active = sum(
                (self.votes[c] for c in range(self.n) if self.state[c] in (HOPEFUL, ELECTED)),
                ar.zero,
            )
            self.quota = self.calc_quota(active)
            elected = False
            for c in self.of_state(HOPEFUL):
                if self.has_quota(c):
                    self.state[c] = ELECTED
                    self.log("elect", f"Elect: {self.e.candidates[c]}", [c])
                    elected = True
            self.surplus = sum(
                (self.votes[c] - self.quota for c in self.of_state(ELECTED)), ar.zero
            )
            if elected:
                return "elected", []
            if self.surplus <= self.omega:
                return "omega", []
            if self.surplus >= last:
                self.rec.notes.append(
                    f"round {self.rec.round}: stable surplus {self.show(self.surplus)}"
                )
                return "stable", []
            batch = self.batch()
            if batch:
                return "batch", batch
            last = self.surplus
            for c in self.of_state(ELECTED):
                self.kf[c] = ar.kf_update(self.kf[c], self.quota, self.votes[c])

    def run(self) -> Result:
        ar = self.ar
        # first preferences, for the round-0 report
        shares: dict[int, Number] = {}
        for ranking, count in self.groups.items():
            top = ranking[0]
            share = shares.get(len(top))
            if share is None:
                share = shares[len(top)] = ar.div(ar.one, ar.of(len(top)))
            for c in top:
                self.votes[c] += share * count
        self.log("begin", "Begin count", [], {"valid_ballots": str(self.valid)})
        while not self.complete():
            self.rec.new_round()
            status, batch = self.iterate()
            self.log(
                "iterate",
                f"Iterate ({status})",
                [],
                {"status": status, "surplus": self.show(self.surplus)},
            )
            if status == "elected":
                continue
            if status == "batch":
                for c in batch:
                    self.defeat(c, "Defeat certain loser")
                continue
            hopeful = self.of_state(HOPEFUL)
            low = min(self.votes[c] for c in hopeful)
            tied = [c for c in hopeful if low + self.surplus >= self.votes[c]]
            c = tied[0]
            if len(tied) > 1:
                c = self.lot.draw(tied)
                names = ", ".join(self.e.candidates[t] for t in tied)
                self.log(
                    "tie",
                    f"Break tie (defeat, lot, {self.lot.method}): [{names}] -> "
                    f"{self.e.candidates[c]}",
                    [c],
                )
            why = "surplus %s < omega" if status == "omega" else "stable surplus %s"
            self.defeat(c, f"Defeat ({why % self.show(self.surplus)})")
        for c in self.of_state(HOPEFUL):
            if self.seats_left() > 0:
                self.state[c] = ELECTED
                self.log("elect", f"Elect remaining: {self.e.candidates[c]}", [c])
                self.distribute()
            else:
                self.defeat(c, "Defeat remaining")
        self.log("end", "Count complete", [])
        return self.rec.result(self.e.seats)


def _key(ranking: Ranking, hopeful: list[bool], continuing: list[bool]) -> Ranking:
    """The prefix of ``ranking`` that decides where its papers' votes go:
    continuing candidates, up to the first rank made wholly of hopefuls."""
    key: list[tuple[int, ...]] = []
    for rank in ranking:
        if len(rank) == 1:
            if continuing[rank[0]]:
                key.append(rank)
                if hopeful[rank[0]]:
                    break
            continue
        kept = tuple(c for c in rank if continuing[c])
        if kept:
            key.append(kept)
            if all(hopeful[c] for c in kept):
                break
    return tuple(key)
