"""Meek STV against the Droop 0.11 reference counts.

The ``*-meek-o10-rational-d12`` references were counted with exact
rationals and omega 10**-10; ``meek/eq*`` with 18+9-digit guarded fixed
point and omega 10**-9.  We count with exact rationals and the same omega
and require the same actions in the same order, the same candidates
elected in the same order, and every vote, quota and residual within
10**-6 (the issue asks for 6 decimal places).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from commonground.voting import blt, get_rule

TAGS = {"begin", "elect", "defeat", "iterate", "end"}
TOLERANCE = Fraction(1, 10**6)
CASES = [
    ("blt/42.blt", "ref/42-meek-o10-rational-d12.txt", 10),
    ("blt/513.blt", "ref/513-meek-o10-rational-d12.txt", 10),
    ("blt/SC.blt", "ref/SC-meek-o10-rational-d12.txt", 10),
    ("blt/meek/eq1.blt", "ref/meek/eq1-meek-o9-guarded-p18-g9-d18.txt", 9),
    ("blt/meek/eq2.blt", "ref/meek/eq2-meek-o9-guarded-p18-g9-d18.txt", 9),
]
# Known, deliberate difference (see docs/voting.md): after the count is
# complete, Droop 0.11 drops a paper whose next rank holds only excluded
# candidates ("2 b a=d c" once B and D are out) instead of passing it on.
# By hand, with A's keep value 11/15: A keeps 2 * 11/15 = 22/15 of those
# papers and passes 2 * 4/15 = 8/15 to C, so A = 11/3 + 22/15 = 77/15,
# C = 16/3 + 8/15 = 88/15 and nothing is left non-transferable.
EQ2_FINAL = {1: Fraction(77, 15), 3: Fraction(88, 15)}


def _elected_ids(ref: dict[str, Any]) -> list[int]:
    ids = {d["name"]: int(cid) for cid, d in ref["cdict"].items()}
    return [ids[a["msg"].rsplit(": ", 1)[1]] for a in ref["actions"] if a["tag"] == "elect"]


@pytest.mark.parametrize(("blt_path", "ref_path", "omega"), CASES, ids=[c[0] for c in CASES])
def test_meek_matches_reference(stv_data: Path, blt_path: str, ref_path: str, omega: int) -> None:
    ref = json.loads((stv_data / ref_path).read_text())
    result = get_rule("meek", omega=omega, arithmetic="rational").count(
        blt.read(stv_data / blt_path)
    )
    assert [c + 1 for c in result.elected] == _elected_ids(ref)
    theirs_all = [a for a in ref["actions"] if a["tag"] in TAGS]
    ours = [a for a in result.actions if a.kind in TAGS]
    assert [(a["round"], a["tag"]) for a in theirs_all] == [(a.round, a.kind) for a in ours]
    for theirs, mine in zip(theirs_all, ours, strict=True):
        where = f"round {theirs['round']} {theirs['msg']}"
        final_eq2 = "eq2" in blt_path and theirs["tag"] == "end"
        assert abs(mine.quota - Fraction(theirs["quota"])) <= TOLERANCE, where
        if not final_eq2:
            assert abs(mine.non_transferable - Fraction(theirs["residual"])) <= TOLERANCE, where
        else:
            assert mine.non_transferable == 0, where
        for cid, state in theirs["cstate"].items():
            got = mine.states[int(cid) - 1]
            assert got.code == state["code"], f"{where}: candidate {cid}"
            expected = Fraction(state["vote"])
            if final_eq2 and int(cid) in EQ2_FINAL:
                expected = EQ2_FINAL[int(cid)]
            assert abs(got.votes - expected) <= TOLERANCE, f"{where}: candidate {cid}"


@pytest.mark.parametrize(("blt_path", "ref_path", "omega"), CASES, ids=[c[0] for c in CASES])
def test_default_fixed_point_meek_elects_the_same(
    stv_data: Path, blt_path: str, ref_path: str, omega: int
) -> None:
    """The fast default arithmetic (30-place fixed point) agrees on the outcome."""
    ref = json.loads((stv_data / ref_path).read_text())
    result = get_rule("meek", omega=omega).count(blt.read(stv_data / blt_path))
    assert [c + 1 for c in result.elected] == _elected_ids(ref)
