"""BLT reading and writing: accepted syntax, precise errors, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonground.voting import Ballot, BltError, blt

NAMES = '"Ann" "Bob" "Cat"\n"Title"\n'


def _err(text: str) -> BltError:
    with pytest.raises(BltError) as info:
        blt.parse(text)
    return info.value


def test_reads_header_withdrawn_comments_equal_ranks() -> None:
    text = "# a comment\n3 2  # header\n-2\n4 1 2 3 0\n2 3=1 0\n1 2 0\n0\n" + NAMES + '"src"\n'
    e = blt.parse(text)
    assert (e.ncandidates, e.seats, e.withdrawn, e.title) == (3, 2, frozenset({2}), "Title")
    assert e.candidates == ("Ann", "Bob", "Cat")
    assert e.ballots == (Ballot(4, ((1,), (2,), (3,))), Ballot(2, ((3, 1),)), Ballot(1, ((2,),)))
    assert e.extras == ("src",)


def test_nicknames_and_spaced_equals() -> None:
    e = blt.parse("3 1\n[nick a b c]\n2 a b = c 0\n0\n" + NAMES)
    assert e.ballots == (Ballot(2, ((1,), (2, 3))),)
    assert e.nicknames == ("a", "b", "c")


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ("x 2\n0\n" + NAMES, 1, 1, "number of candidates must be a whole number"),
        ("3 0\n0\n" + NAMES, 1, 3, "number of seats must be at least 1"),
        ("3 4\n0\n" + NAMES, 1, 3, "4 seats but only 3 eligible"),
        ("3\n0\n" + NAMES, 1, 1, "header must give"),
        ('3 1\n1 1 0\n0\n"Ann" "Bob"\n"T"\n', 5, 4, "missing quoted election title"),
        ("3 1\n1 1 4 0\n0\n" + NAMES, 2, 5, "unknown candidate 4"),
        ("3 1\n1 1 x 0\n0\n" + NAMES, 2, 5, "expected a candidate id"),
        ("3 1\n1 2 3 2 0\n0\n" + NAMES, 2, 7, "candidate 2 repeated"),
        ("3 1\n1 2 3=2 0\n0\n" + NAMES, 2, 7, "candidate 2 repeated"),
        ("3 1\n1 2 3\n0\n" + NAMES, 2, 6, "must end with terminator 0"),
        ("3 1\n1 2 0 3 0\n0\n" + NAMES, 2, 5, "0 terminates a ballot"),
        ("3 1\n1.5 2 0\n0\n" + NAMES, 2, 1, "ballot weight must be a whole number"),
        ("3 1\n-1\n-1\n1 2 0\n0\n" + NAMES, 3, 1, "withdrawn twice"),
        ("3 1\n-5\n1 2 0\n0\n" + NAMES, 2, 1, "unknown candidate 5"),
        ("3 1\n1 2 0\n" + NAMES, 3, 1, "missing end-of-ballots line '0'"),
        ("3 1\n1 2 0\n", 2, 6, "missing end-of-ballots line '0'"),
        ("3 1\n1 = 2 0\n0\n" + NAMES, 2, 3, "'=' must join two candidates"),
        ("3 1\n0 1\n" + NAMES, 2, 3, "nothing may follow"),
    ],
)
def test_malformed_files_name_line_and_column(
    text: str, line: int, column: int, reason: str
) -> None:
    err = _err(text)
    assert (err.line, err.column) == (line, column), str(err)
    assert reason in err.reason
    assert f"{line}:{column}:" in str(err)


def test_error_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.blt"
    path.write_text("3 1\n1 2 2 0\n0\n" + NAMES)
    with pytest.raises(BltError, match=r"bad\.blt:2:5: candidate 2 repeated"):
        blt.read(path)


def test_round_trip_of_every_shared_file(stv_data: Path) -> None:
    files = sorted((stv_data / "blt").rglob("*.blt"))
    assert len(files) >= 30
    for path in files:
        election = blt.read(path)
        assert blt.parse(blt.dumps(election)) == election, path


def test_round_trip_keeps_withdrawn_equal_ranks_and_extras() -> None:
    text = "3 2\n-2\n[nick a b c]\n4 a b c 0\n2 c=a 0\n3 0\n0\n" + NAMES + '"x" "y"\nnotes here\n'
    e = blt.parse(text)
    assert e.trailer == "notes here"
    assert blt.parse(blt.dumps(e)) == e


@pytest.mark.parametrize(
    "name",
    [
        'say "hi"',
        "two\nlines",
        "back\\slash\\",
        'end"',
        "a\r\nb",
        "# not a comment",
        '\\"',
        "page\x0cbreak\u2028",
    ],
)
def test_names_with_quotes_newlines_and_backslashes_round_trip(name: str) -> None:
    e = blt.parse('2 1\n1 1 2 0\n0\n"A" "B"\n"T"\n')
    tricky = type(e)((name, "B"), 1, e.ballots, f"title {name}", extras=(name,))
    text = blt.dumps(tricky)
    assert blt.parse(text) == tricky
    # No string breaks its line: header, ballot, end, a line per name, title, extra.
    assert text.splitlines()[:3] == ["2 1", "1 1 2 0", "0"]
    assert len(text.splitlines()) == 7


def test_an_unterminated_escaped_quote_is_reported() -> None:
    err = _err('1 1\n1 1 0\n0\n"A\\"\n"T"\n')
    assert (err.line, err.column, err.reason) == (4, 1, "unterminated quoted string")


def test_repeated_lines_keep_every_paper_and_errors_keep_their_line() -> None:
    plain = '3 1\n1 2 3 0\n1 2 3 0\n2 3 0\n1 2 3 0\n0\n"A" "B" "C"\n"T"\n'
    e = blt.parse(plain)
    assert [(b.weight, b.ranking) for b in e.ballots] == [
        (1, ((2,), (3,))),
        (1, ((2,), (3,))),
        (2, ((3,),)),
        (1, ((2,), (3,))),
    ]
    assert e.counted_strict() == {(1, 2): 3, (2,): 2}
    assert blt.parse(blt.dumps(e)) == e
    # a bad line among repeated good ones is reported where it is, not where it first repeats
    with pytest.raises(BltError) as err:
        blt.parse('3 1\n1 2 3 0\n1 2 3 0\n1 3 3 0\n1 2 3 0\n0\n"A" "B" "C"\n"T"\n')
    assert (err.value.line, err.value.column) == (4, 5)
    assert "repeated" in err.value.reason
