"""ERS97 rules, checked on small elections worked out by hand.

The worked example printed in the ERS97 booklet was not available to us,
so each case below is derived by hand from the rule text (paragraph
numbers in brackets); the derivation is in the comments and the asserted
numbers come from it, not from the code.
"""

from __future__ import annotations

from fractions import Fraction

from commonground.voting import Ballot, Election, get_rule


def _election(seats: int, names: str, lines: list[tuple[int, str]]) -> Election:
    ids = {n: i + 1 for i, n in enumerate(names)}
    ballots = tuple(Ballot(w, tuple((ids[c],) for c in prefs)) for w, prefs in lines)
    return Election(tuple(names), seats, ballots, "hand-worked")


def test_quota_two_places_rounded_up() -> None:
    # [5.1.6] 26 / 3 = 8.666.. -> 8.66 + 0.01 = 8.67; 15 / 3 = 5.00 exactly
    r1 = get_rule("ers97").count(_election(2, "AB", [(20, "A"), (6, "B")]))
    assert r1.rounds[0].actions[0].quota == Fraction(867, 100)
    r2 = get_rule("ers97").count(_election(2, "ABC", [(5, "A"), (5, "B"), (5, "C")]))
    assert r2.rounds[0].actions[0].quota == 5


def test_only_the_last_parcel_is_transferred() -> None:
    # 4 AB, 2 CAD, 4 B, 3 D; 2 seats; valid 13, quota 13/3 = 4.33.. -> 4.34.
    # Stage 1: A 4, B 4, C 2, D 3; nobody elected; no surplus.
    # Stage 2: exclude C (C+D = 5 > B 4, so C alone [5.2.5]); its 2 papers go
    #   to A at 1.00: A = 6 >= 4.34, elected, surplus 1.66.
    # Stage 3: deferral? D 3 + 1.66 = 4.66 > B 4, so no [5.2.2].  Only the
    #   last parcel (the 2 papers from C, next preference D) is examined
    #   [5.3.2]; their value 2.00 exceeds 1.66 so each goes at
    #   1.66 / 2 = 0.83 [5.3.7]: D = 3 + 1.66 = 4.66 >= 4.34, elected.
    #   (Transferring all of A's papers would have favoured B instead.)
    e = _election(2, "ABCD", [(4, "AB"), (2, "CAD"), (4, "B"), (3, "D")])
    r = get_rule("ers97").count(e)
    assert r.elected_names == ["A", "D"]
    transfer = next(a for a in r.rounds[2].actions if a.kind == "transfer")
    assert transfer.details["transfer_value"] == "0.83"
    assert transfer.details["papers"] == "2"
    votes = {r.candidates[i]: s.votes for i, s in enumerate(transfer.states)}
    assert votes == {"A": Fraction(434, 100), "B": 4, "C": 0, "D": Fraction(466, 100)}
    assert transfer.loss_to_rounding == 0


def test_surplus_deferred_and_sure_losers_excluded_together() -> None:
    # 10 AB, 3 C, 7 D, 6 E; 2 seats; valid 26, quota 8.67.
    # Stage 1: A 10 elected, surplus 1.33; B 0, C 3, E 6, D 7.
    # Stage 2: B 0 + 1.33 <= C 3, so the surplus is deferred [5.2.2].
    #   Bulk exclusion [5.2.5]: B+C = 3, + 1.33 = 4.33 <= E 6, but
    #   B+C+E = 9 + 1.33 > D 7, so B and C go together.  C's 3 papers have no
    #   further preference: non-transferable 3.00.
    # Stage 3: now E 6 + 1.33 > D 7, so A's surplus is transferred: its
    #   papers' next preference B is excluded, no paper is transferable, and
    #   the whole 1.33 becomes non-transferable [5.3.7, 5.3.9].  D then has
    #   7 * 2 >= active vote 13 [5.3.13(b)] and is elected.
    e = _election(2, "ABCDE", [(10, "AB"), (3, "C"), (7, "D"), (6, "E")])
    r = get_rule("ers97").count(e)
    assert r.elected_names == ["A", "D"]
    kinds = [(a.kind, tuple(r.candidates[c] for c in a.candidates)) for a in r.rounds[1].actions]
    assert kinds[0] == ("defer", ("A",))
    assert kinds[1] == ("defeat", ("B", "C"))
    assert r.rounds[1].last.non_transferable == 3
    stage3 = r.rounds[2].actions
    assert stage3[0].kind == "transfer" and stage3[0].details["papers"] == "0"
    assert stage3[0].non_transferable == Fraction(433, 100)
    elects = [r.candidates[a.candidates[0]] for a in stage3 if a.kind == "elect"]
    assert elects == ["D"]


def test_transfer_value_truncated_to_two_places() -> None:
    # 7 AC, 3 C, 4 B, 2 D; 2 seats; valid 16, quota 16/3 = 5.33.. -> 5.34.
    # Stage 1: A 7 elected (surplus 1.66); B 4, C 3, D 2.
    # Stage 2: D 2 + 1.66 = 3.66 > C 3 and D+C 5 + 1.66 > B 4: no deferral.
    #   A's 7 papers all go to C at 1.66 / 7 = 0.237.. -> 0.23 [5.3.7]:
    #   C = 3 + 7 * 0.23 = 4.61; the neglected 1.66 - 1.61 = 0.05 is the
    #   non-transferable difference [6.11] (reported as loss to rounding).
    # Stage 3: C 4.61 * 2 >= active vote 4.61 + 4 + 2 = 10.61? No (9.22).
    #   D excluded; its papers exhaust; now C 4.61 * 2 >= 8.61 [5.4.9(b)].
    e = _election(2, "ABCD", [(7, "AC"), (3, "C"), (4, "B"), (2, "D")])
    r = get_rule("ers97").count(e)
    assert r.elected_names == ["A", "C"]
    first_transfer = next(a for a in r.rounds[1].actions if a.kind == "transfer")
    assert first_transfer.details["transfer_value"] == "0.23"
    assert first_transfer.loss_to_rounding == Fraction(5, 100)
    assert first_transfer.states[2].votes == Fraction(461, 100)


def test_batches_of_an_excluded_candidate_go_highest_value_first() -> None:
    # 6 AB, 2 BC, 1 C, 3 D, 2 E; 3 seats; valid 14, quota 14/4 = 3.50.
    # Stage 1: A 6 elected (surplus 2.50); B 2, C 1, D 3, E 2.
    # Stage 2: C 1 + 2.5 = 3.5 > next (B/E 2) -> no deferral; A's 6 papers
    #   go to B at 2.50 / 6 = 0.41 -> B = 2 + 2.46 = 4.46, elected (>= 3.5);
    #   its surplus 0.96 arises from the last parcel (6 papers at 0.41).
    # Stage 3: C 1 + 0.96 <= E 2 -> B's surplus is deferred [5.2.2]; exclude
    #   C alone (C+E = 3 + 0.96 > D 3 stops the bulk [5.2.5]); C's 1 paper
    #   exhausts.  Total active vote = E 2 + D 3 + deferred 0.96 = 5.96 and
    #   D 3 * 2 = 6 >= 5.96, so D is elected [5.4.9(b)] and the count ends.
    e = _election(3, "ABCDE", [(6, "AB"), (2, "BC"), (1, "C"), (3, "D"), (2, "E")])
    r = get_rule("ers97").count(e)
    assert r.elected_names == ["A", "B", "D"]
    defers = [a for a in r.actions if a.kind == "defer"]
    assert [a.details["deferred"] for a in defers] == ["0.96"]
    b_transfer = next(a for a in r.rounds[1].actions if a.kind == "transfer")
    assert b_transfer.details["transfer_value"] == "0.41"
    assert b_transfer.states[1].votes == Fraction(446, 100)


def test_excluded_papers_move_in_batches_highest_value_first() -> None:
    # 12 AYC, 1 YB, 3 B, 5 C, 6 D; 2 seats; valid 27, quota 27/3 = 9.00.
    # Stage 1: A 12 elected, surplus 3.00; Y 1, B 3, C 5, D 6.
    # Stage 2: no deferral (Y 1 + 3 > B 3; Y+B 4 + 3 > C 5; Y+B+C 9 + 3 > D 6);
    #   A's 12 papers go to Y at 3.00 / 12 = 0.25: Y = 4.00.
    # Stage 3: B 3 is lowest (B+Y 7 > C 5, so alone); B's 3 papers exhaust.
    # Stage 4: Y 4 excluded (Y+C 9 > D 6).  Batch 1.00 first [5.4.1]: Y's own
    #   paper goes to B (excluded), so it exhausts: NT 4.  Total active vote
    #   = C 5 + D 6 + Y's 3.00 still awaiting transfer [6.20] = 14; D 6 * 2
    #   < 14, nobody elected.  Batch 0.25: 12 papers to C: C = 8.00; active
    #   = 8 + 6 = 14 and C 8 * 2 >= 14 [5.4.9(b)]: C elected.
    e = _election(2, "AYBCD", [(12, "AYC"), (1, "YB"), (3, "B"), (5, "C"), (6, "D")])
    r = get_rule("ers97").count(e)
    assert r.elected_names == ["A", "C"]
    stage4 = [a for a in r.rounds[3].actions if a.kind == "transfer"]
    assert [a.details["value"] for a in stage4] == ["1.00", "0.25"]
    assert stage4[0].non_transferable == 4
    assert stage4[1].states[3].votes == 8
