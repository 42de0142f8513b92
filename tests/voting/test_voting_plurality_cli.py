"""First past the post, approval, the CLI and the result formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from commonground.voting import Ballot, Election, ElectionError, blt, get_rule, sheet
from commonground.voting.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]


def _e(seats: int, lines: list[tuple[int, tuple[tuple[int, ...], ...]]]) -> Election:
    return Election(
        ("Ann", "Bob", "Cat", "Dee"), seats, tuple(Ballot(w, r) for w, r in lines), "Plurality"
    )


def test_fptp_counts_first_preferences_only() -> None:
    # Ann 5, Bob 4 + 0, Cat 3; second preferences are ignored
    e = _e(1, [(5, ((1,), (2,))), (4, ((2,),)), (3, ((3,), (2,)))])
    r = get_rule("fptp").count(e)
    assert r.elected_names == ["Ann"]
    assert [s.votes for s in r.rounds[0].actions[0].states] == [5, 4, 3, 0]


def test_fptp_multi_seat_and_lot() -> None:
    e = _e(2, [(5, ((1,),)), (3, ((2,),)), (3, ((3,),))])
    assert get_rule("fptp").count(e).elected_names == ["Ann", "Bob"]  # lot: ballot order
    seeded = {tuple(get_rule("fptp", tie_seed=s).count(e).elected_names) for s in range(20)}
    assert seeded == {("Ann", "Bob"), ("Ann", "Cat")}
    again = get_rule("fptp", tie_seed=7).count(e)
    assert again.elected == get_rule("fptp", tie_seed=7).count(e).elected
    assert any(a.kind == "tie" and "random.Random(7)" in a.message for a in again.actions)


def test_fptp_rejects_equal_first_rankings() -> None:
    with pytest.raises(ElectionError, match="equal rankings"):
        get_rule("fptp").count(_e(1, [(1, ((1, 2),))]))


def test_approval_counts_every_named_candidate() -> None:
    # Ann 5+2 = 7, Bob 5+4 = 9, Cat 2, Dee 4
    e = _e(2, [(5, ((1,), (2,))), (4, ((2, 4),)), (2, ((3,), (1,)))])
    r = get_rule("approval").count(e)
    assert r.elected_names == ["Bob", "Ann"]
    assert [s.votes for s in r.rounds[0].actions[0].states] == [7, 9, 2, 4]


def test_withdrawn_candidates_are_skipped() -> None:
    e = Election(
        ("Ann", "Bob"), 1, (Ballot(3, ((1,), (2,))), Ballot(2, ((2,),))), "W", frozenset({1})
    )
    for rule in ("fptp", "scottish", "ers97", "meek"):
        assert get_rule(rule).count(e).elected_names == ["Bob"], rule


def test_json_is_documented_shape(stv_data: Path) -> None:
    r = get_rule("scottish").count(blt.read(stv_data / "blt" / "42.blt"))
    data = json.loads(r.to_json())
    assert data["schema"] == "commonground.voting.result/1"
    assert data["elected"] == [1, 3]
    assert data["quota"] == "3.00000"
    first = data["rounds"][0]["actions"][0]
    assert set(first) == {
        "kind",
        "message",
        "candidates",
        "quota",
        "non_transferable",
        "loss_to_rounding",
        "details",
        "states",
    }
    assert first["states"]["1"] == {
        "state": "hopeful",
        "code": "H",
        "pending": False,
        "votes": "4.00000",
    }


def test_html_sheet_escapes_names() -> None:
    e = Election(
        ("<b>Ann</b> & co", "Bob"), 1, (Ballot(2, ((1,),)), Ballot(1, ((2,),))), "A <script>"
    )
    html = sheet.html_sheet(get_rule("scottish").count(e))
    assert html.startswith('<table class="govuk-table">')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp; co" in html


@pytest.mark.parametrize("rule", ["scottish", "ers97", "meek", "fptp"])
def test_a_stored_result_draws_the_same_sheet(stv_data: Path, rule: str) -> None:
    result = get_rule(rule).count(blt.read(stv_data / "blt" / "42.blt"))
    again = type(result).from_dict(json.loads(result.to_json()))
    assert sheet.text_sheet(again) == sheet.text_sheet(result)
    assert sheet.html_sheet(again) == sheet.html_sheet(result)


def test_a_sheet_reads_in_the_words_it_is_given(stv_data: Path) -> None:
    """Issue 11, defect 6: an application draws the sheet in its reader's language."""
    result = get_rule("scottish").count(blt.read(stv_data / "blt" / "42.blt"))
    words = sheet.Words(
        candidate="Ymgeisydd",
        result="Canlyniad",
        round="Rownd {number}",
        elected="etholwyd",
        excluded="eithriwyd",
        caption="Taflen gyfrif: {title} — {rule}, {seats}, cwota {quota}",
        rule_names={"scottish": "Pleidlais sengl drosglwyddadwy (rheolau’r Alban)"},
        seats=lambda n: f"{n} sedd",
        action=lambda action, names: f"{action.kind}: {', '.join(names)}",
    )
    html = sheet.html_sheet(result, words)
    assert ">Ymgeisydd<" in html and ">Rownd 0<" in html and ">Canlyniad<" in html
    assert "— Pleidlais sengl drosglwyddadwy (rheolau’r Alban), 2 sedd, cwota 3.00000" in html
    assert "Candidate" not in html and "Round" not in html and "seat(s)" not in html
    text = sheet.text_sheet(result, words)
    assert "Rownd 1:" in text and "etholwyd" in text and "  elect: Castor" in text
    assert "Round" not in text


def test_cli_prints_elected_then_sheet(stv_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["count", str(stv_data / "blt" / "42.blt"), "--rule", "scottish"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Elected, in order of election:\n  1. Castor\n  2. Helen\n")
    assert "Quota: 3.00000" in out and "Round 2" in out


def test_cli_json_and_seats(stv_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(stv_data / "blt" / "SC.blt")
    assert main(["count", path, "--rule", "meek", "--seats", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["seats"] == 2 and len(data["elected"]) == 2


def test_cli_malformed_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.blt"
    bad.write_text('2 1\n1 1 3 0\n0\n"A" "B"\n"T"\n')
    assert main(["count", str(bad), "--rule", "scottish"]) == 2
    err = capsys.readouterr().err
    assert "bad.blt:2:5: unknown candidate 3" in err


def test_cli_rule_without_equal_rankings_exits_2(
    stv_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["count", str(stv_data / "blt/meek/eq1.blt"), "--rule", "scottish"]) == 2
    assert "does not accept equal rankings" in capsys.readouterr().err


def test_python_dash_m_entry_point(stv_data: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "commonground.voting",
            "count",
            str(stv_data / "blt" / "42.blt"),
            "--rule",
            "fptp",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "1. Castor" in proc.stdout
