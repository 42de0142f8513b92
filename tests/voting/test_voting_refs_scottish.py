"""Scottish STV must reproduce the Droop 0.11 reference counts exactly.

Every action that changes votes or states (begin, elect, defeat, transfer,
end) is compared in sequence: round number, each candidate's state code and
vote to all 5 decimals, the quota and the non-transferable votes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commonground.voting import blt, get_rule
from commonground.voting.fixed import format_value

STV_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "testdata" / "stv"
TAGS = {"begin", "elect", "defeat", "transfer", "end"}
OTHERS = ["42", "513", "M135", "SC", "SC-Vm-12"]
REFS = sorted(p.name for p in (STV_DATA / "ref" / "scotland").glob("*.txt")) or ["missing"]


def _cases() -> list[tuple[str, str]]:
    cases = [(f"blt/scotland/{r.split('-scotland-')[0]}.blt", f"ref/scotland/{r}") for r in REFS]
    cases += [(f"blt/{n}.blt", f"ref/{n}-scotland-fixed-p5-d5.txt") for n in OTHERS]
    return cases


def test_all_reference_files_are_covered(stv_data: Path) -> None:
    assert len(REFS) == 23  # 21 Glasgow wards + 2 weak tie-break cases
    assert sum("2007" in r for r in REFS) == 21


@pytest.mark.parametrize(("blt_path", "ref_path"), _cases(), ids=lambda p: Path(p).stem)
def test_scottish_matches_reference(stv_data: Path, blt_path: str, ref_path: str) -> None:
    ref = json.loads((stv_data / ref_path).read_text())
    result = get_rule("scottish").count(blt.read(stv_data / blt_path))
    assert format_value(result.quota, 5) == ref["quota"]
    assert result.valid_ballots == ref["nballots"]
    ref_actions = [a for a in ref["actions"] if a["tag"] in TAGS]
    ours = [a for a in result.actions if a.kind in TAGS]
    assert [(a["round"], a["tag"]) for a in ref_actions] == [(a.round, a.kind) for a in ours]
    for theirs, mine in zip(ref_actions, ours, strict=True):
        where = f"round {theirs['round']} {theirs['msg']}"
        assert format_value(mine.quota, 5) == theirs["quota"], where
        assert format_value(mine.non_transferable, 5) == theirs["nt_votes"], where
        for cid, state in theirs["cstate"].items():
            got = mine.states[int(cid) - 1]
            assert (got.code, format_value(got.votes, 5)) == (state["code"], state["vote"]), (
                f"{where}: candidate {cid}"
            )
    ids = {d["name"]: int(cid) for cid, d in ref["cdict"].items()}
    ref_elected = [ids[a["msg"].rsplit(": ", 1)[1]] for a in ref["actions"] if a["tag"] == "elect"]
    assert [c + 1 for c in result.elected] == ref_elected
