"""Property-based tests over random small elections (hypothesis)."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from commonground.voting import Ballot, Election, Result, get_rule

STV = ("scottish", "ers97", "meek")


@st.composite
def elections(
    draw: st.DrawFn, *, withdrawn: bool = True, powers_of_two: bool = False, one_seat: bool = False
) -> Election:
    """2-6 candidates, up to 10 ballot lines of up to 20 papers each.

    With ``powers_of_two`` line weights are distinct powers of two, so no
    two candidates can tie unless both have no papers at all.
    """
    n = draw(st.integers(2, 6))
    seats = 1 if one_seat else draw(st.integers(1, n))
    out = draw(st.sets(st.integers(1, n), max_size=n - seats)) if withdrawn else set()
    k = draw(st.integers(1, 10))
    rankings = draw(
        st.lists(
            st.permutations(range(1, n + 1)).flatmap(
                lambda p: st.integers(1, len(p)).map(lambda m: tuple(p[:m]))
            ),
            min_size=k,
            max_size=k,
        )
    )
    weights = (
        [2**i for i in range(k)]
        if powers_of_two
        else draw(st.lists(st.integers(1, 20), min_size=k, max_size=k))
    )
    ballots = tuple(
        Ballot(w, tuple((c,) for c in r)) for w, r in zip(weights, rankings, strict=True)
    )
    names = tuple(f"C{i}" for i in range(1, n + 1))
    return Election(names, seats, ballots, "random", frozenset(out))


def _valid(e: Election) -> int:
    return sum(
        b.weight for b in e.ballots if any(c not in e.withdrawn for r in b.ranking for c in r)
    )


def _trace(r: Result) -> list[object]:
    return [
        (a.kind, a.round, a.candidates, a.states, a.non_transferable, a.loss_to_rounding)
        for a in r.actions
    ]


@settings(max_examples=500, deadline=None)
@given(elections(), st.sampled_from(STV))
def test_votes_are_conserved_every_round(e: Election, rule: str) -> None:
    r = get_rule(rule).count(e)
    valid = _valid(e)
    assert r.valid_ballots == valid
    for a in r.actions:
        assert a.total == valid, (a.round, a.message)
        assert a.non_transferable >= 0 and a.loss_to_rounding >= 0
        if rule == "meek":  # 30-place fixed point: rounding loss is invisible
            assert a.loss_to_rounding < Fraction(1, 10**20)


@settings(max_examples=500, deadline=None)
@given(elections(), st.sampled_from((*STV, "fptp", "approval")))
def test_exactly_seats_elected_and_never_a_withdrawn_candidate(e: Election, rule: str) -> None:
    r = get_rule(rule).count(e)
    eligible = e.ncandidates - len(e.withdrawn)
    assert len(r.elected) == min(e.seats, eligible)
    assert len(set(r.elected)) == len(r.elected)
    assert not {c + 1 for c in r.elected} & e.withdrawn
    final = r.rounds[-1].last.states
    assert sorted(i for i, s in enumerate(final) if s.state == "elected") == sorted(r.elected)
    assert all(final[c - 1].state == "withdrawn" for c in e.withdrawn)


@settings(max_examples=500, deadline=None)
@given(elections(), st.sampled_from(STV), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_ballot_order(e: Election, rule: str, rnd: random.Random) -> None:
    shuffled = list(e.ballots)
    rnd.shuffle(shuffled)
    other = Election(e.candidates, e.seats, tuple(shuffled), e.title, e.withdrawn)
    assert _trace(get_rule(rule).count(e)) == _trace(get_rule(rule).count(other))


def _irv(e: Election) -> int:
    """Instant-runoff, written independently: exclude the lowest until one
    candidate holds a majority of the papers still in play."""
    alive = {c for c in range(1, e.ncandidates + 1) if c not in e.withdrawn}
    while True:
        tally = dict.fromkeys(alive, 0)
        for b in e.ballots:
            for (c,) in b.ranking:
                if c in alive:
                    tally[c] += b.weight
                    break
        best = max(alive, key=lambda c: tally[c])
        if len(alive) == 1 or 2 * tally[best] > sum(tally.values()):
            return best
        low = min(tally.values())
        alive.remove(min(c for c in alive if tally[c] == low))


@settings(max_examples=500, deadline=None)
@given(elections(powers_of_two=True, one_seat=True), st.sampled_from(STV))
def test_one_seat_stv_is_instant_runoff(e: Election, rule: str) -> None:
    r = get_rule(rule).count(e)
    assert [c + 1 for c in r.elected] == [_irv(e)]
