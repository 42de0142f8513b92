"""Read and write ballot files in BLT format.

The format (from OpenSTV/Droop)::

    4 2                 # candidates seats
    -3                  # optional: withdrawn candidates, negative ids
    [nick a b c d]      # optional Droop extension: nicknames usable below
    12 1 2 4 0          # weight, preferences best first, 0 terminator
    3 2=3 1 0           # '=' joins candidates ranked equally
    0                   # a lone 0 ends the ballots
    "Ann" "Bob" "Cat" "Dan"
    "Title"
    "source" "comment"  # optional extra strings (kept, not interpreted)

``#`` starts a comment to the end of the line.  Text after the title and
any extra quoted strings is kept as a free-form trailer, because published
test files (e.g. Wichmann's M135) append notes there.  Every error names
the line and column so that a returning officer can fix the file.

Inside a quoted string, ``\\"`` is a quote, ``\\\\`` a backslash, ``\\n`` and ``\\r``
line breaks and ``\\uXXXX`` any other line-breaking character, so a name with a quote or a
newline survives a round trip. Plain names are written as before, so other programs read
our files; an unknown escape is kept as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter, not_
from pathlib import Path

from .election import Ballot, Election, Ranking

__all__ = ["BltError", "dumps", "parse", "read", "write"]

_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"?|\S+')
_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_UNESCAPE = {'"': '"', "\\": "\\", "n": "\n", "r": "\r"}


class BltError(ValueError):
    """A malformed BLT file, with the 1-based line and column of the fault."""

    def __init__(self, line: int, column: int, reason: str, source: str = "") -> None:
        self.line = line
        self.column = column
        self.reason = reason
        self.source = source
        where = f"{source}:" if source else "line "
        super().__init__(f"{where}{line}:{column}: {reason}")


@dataclass(frozen=True)
class _Tok:
    text: str
    line: int
    col: int


def _line_tokens(lineno: int, raw: str) -> list[_Tok]:
    """Tokens of one line, comment removed; a quoted string is one token."""
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(raw):
        word = m.group()
        if word.startswith("#"):
            break
        toks.append(_Tok(word, lineno, m.start() + 1))
    return toks


_FIRST_CHAR = itemgetter(slice(None, 1))
_SKIPPED = ("", "#")  # first characters of lines that do not count: blank, or a comment


class _Lines:
    """Non-blank lines, tokenised only when first looked at.

    Tokenising every ballot line into objects dominated parse time; ballot
    lines take a fast path (:class:`_QuickBallots`) and are only tokenised
    when something is wrong with them and the error needs a column.
    """

    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        # a line counts unless it is blank or only a comment (found without a
        # Python step per line: a large file has 100,000 ballot lines)
        starts = map(_FIRST_CHAR, map(str.lstrip, raw))
        self.index = list(compress(range(len(raw)), map(not_, map(_SKIPPED.__contains__, starts))))
        self._cache: dict[int, list[_Tok]] = {}

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, k: int) -> tuple[int, list[_Tok]]:
        i = self.index[k]
        toks = self._cache.get(i)
        if toks is None:
            toks = self._cache[i] = _line_tokens(i + 1, self.raw[i])
        return i + 1, toks


def _int(tok: _Tok, what: str, source: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", tok.text):
        raise BltError(
            tok.line, tok.col, f"{what} must be a whole number, got {tok.text!r}", source
        )
    return int(tok.text)


def parse(text: str, source: str = "") -> Election:
    """Parse BLT text into an :class:`Election`; raise :class:`BltError`."""
    return _Parser(text, source).run()


def read(path: str | Path) -> Election:
    """Read a BLT file from ``path``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BltError(1, 1, f"file is not UTF-8 text ({exc.reason})", str(p)) from None
    return parse(text, str(p))


class _QuickBallots:
    """Parse plain ballot lines (``weight id id ... 0``), each distinct line once.

    Large elections repeat the same lines many times; identical lines share
    one :class:`Ballot`.  Returns ``None`` for any other line, which the
    parser then reads token by token.
    """

    def __init__(self, ncand: int) -> None:
        self.ncand = ncand
        self.rank = {str(i): (i,) for i in range(1, ncand + 1)}
        self.seen: dict[str, Ballot] = {}

    def __call__(self, line: str) -> Ballot | None:
        ballot = self.seen.get(line)
        if ballot is not None:
            return ballot
        words = line.split()
        if len(words) < 2 or words[-1] != "0" or words[0] == "0" or not words[0].isdigit():
            return None
        try:
            ranking = tuple(map(self.rank.__getitem__, words[1:-1]))
        except KeyError:
            if not all(w.isdigit() for w in words[1:-1]):
                return None
            ids = [int(w) for w in words[1:-1]]  # ids such as "03"
            if not all(0 < c <= self.ncand for c in ids):
                return None
            ranking = tuple((c,) for c in ids)
        if len(set(ranking)) != len(ranking):
            return None
        ballot = self.seen[line] = Ballot(int(words[0]), ranking)
        return ballot


_DROP_TERMINATOR = itemgetter(slice(None, -2))
_WEIGHT, _IDS = itemgetter(0), itemgetter(2)


def _plain_ballots(lines: list[str], rank: dict[str, tuple[int]]) -> list[Ballot] | None:
    """Ballots for distinct lines written ``weight id id ... 0`` with single spaces,
    built without a Python step per line; ``None`` if any line is written otherwise.

    ``rank`` maps each candidate id, as written, to its rank.  At 49,000 distinct lines,
    the per-line parse of :class:`_QuickBallots` was most of the time of a whole count.
    """
    if not all(map(str.endswith, lines, repeat(" 0"))):
        return None
    parts = list(map(str.partition, map(_DROP_TERMINATOR, lines), repeat(" ")))
    written = list(map(_WEIGHT, parts))
    if not all(map(str.isdigit, written)):
        return None
    ids = list(map(str.split, map(_IDS, parts)))
    try:
        weights = list(map(int, written))
        rankings = list(map(tuple, map(map, repeat(rank.__getitem__), ids)))
    except (KeyError, ValueError):  # not a candidate id; a digit int() refuses
        return None
    if min(weights, default=1) < 1 or list(map(len, map(set, ids))) != list(map(len, ids)):
        return None  # the careful path reports zero weights and repeated candidates
    return list(map(Ballot, weights, rankings))


class _Parser:
    """Line-oriented so that a missing ``0`` is reported on its own line."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.raw_lines = text.splitlines()
        self.lines = _Lines(self.raw_lines)
        self.pos = 0
        self.last_line = max(len(self.raw_lines), 1)
        self.tally: tuple[tuple[Ballot, int], ...] | None = None  # set by the bulk path

    def err(self, tok: _Tok | None, reason: str) -> BltError:
        if tok is None:
            return BltError(
                self.last_line,
                len(self.raw_lines[-1]) + 1 if self.raw_lines else 1,
                reason,
                self.source,
            )
        return BltError(tok.line, tok.col, reason, self.source)

    def run(self) -> Election:
        if not self.lines:
            raise self.err(None, "empty file: expected '<candidates> <seats>'")
        flat = self._header()
        ncand, seats = flat
        withdrawn = self._withdrawn(ncand)
        options, nicks = self._options(ncand)
        ballots = self._ballots(ncand, nicks)
        names, title, extras, trailer = self._strings(ncand)
        if seats > ncand - len(withdrawn):
            first = self.lines[0][1][1]
            raise self.err(
                first, f"{seats} seats but only {ncand - len(withdrawn)} eligible candidates"
            )
        return Election(
            tuple(names),
            seats,
            tuple(ballots),
            title,
            frozenset(withdrawn),
            nicks,
            tuple(extras),
            trailer,
            tuple(options),
            self.tally,
        )

    def _header(self) -> tuple[int, int]:
        _, toks = self.lines[0]
        if len(toks) < 2:
            raise self.err(toks[0], "header must give '<candidates> <seats>'")
        if len(toks) > 2:
            raise self.err(toks[2], "unexpected text after '<candidates> <seats>'")
        ncand = _int(toks[0], "number of candidates", self.source)
        seats = _int(toks[1], "number of seats", self.source)
        if ncand < 1:
            raise self.err(toks[0], "number of candidates must be at least 1")
        if seats < 1:
            raise self.err(toks[1], "number of seats must be at least 1")
        self.pos = 1
        return ncand, seats

    def _withdrawn(self, ncand: int) -> set[int]:
        withdrawn: set[int] = set()
        while self.pos < len(self.lines):
            _, toks = self.lines[self.pos]
            if not toks[0].text.startswith("-"):
                break
            for tok in toks:
                cid = -_int(tok, "withdrawn candidate", self.source)
                if cid < 1:
                    raise self.err(tok, "withdrawn candidates are written as negative ids")
                if cid > ncand:
                    raise self.err(tok, f"unknown candidate {cid} (there are {ncand})")
                if cid in withdrawn:
                    raise self.err(tok, f"candidate {cid} withdrawn twice")
                withdrawn.add(cid)
            self.pos += 1
        return withdrawn

    def _options(self, ncand: int) -> tuple[list[str], tuple[str, ...] | None]:
        options: list[str] = []
        nicks: tuple[str, ...] | None = None
        while self.pos < len(self.lines):
            _lineno, toks = self.lines[self.pos]
            if not toks[0].text.startswith("["):
                break
            text = " ".join(t.text for t in toks)
            if not text.endswith("]"):
                raise self.err(toks[-1], "option line must end with ']'")
            words = text[1:-1].split()
            if words and words[0] == "nick":
                if len(words) - 1 != ncand:
                    raise self.err(
                        toks[0], f"[nick] gives {len(words) - 1} nicknames for {ncand} candidates"
                    )
                if len(set(words[1:])) != ncand:
                    raise self.err(toks[0], "[nick] nicknames must be distinct")
                nicks = tuple(words[1:])
            else:
                options.append(text)
            self.pos += 1
        return options, nicks

    def _ballots(self, ncand: int, nicks: tuple[str, ...] | None) -> list[Ballot]:
        quick = _QuickBallots(ncand)
        bulk = self._bulk_ballots(quick)
        if bulk is not None:
            return bulk
        lookup = {str(i): i for i in range(1, ncand + 1)}
        if nicks:
            lookup.update({n: i for i, n in enumerate(nicks, 1)})
        ballots: list[Ballot] = []
        raw, index = self.lines.raw, self.lines.index
        while self.pos < len(index):
            line = raw[index[self.pos]]
            ballot = quick(line)
            if ballot is not None:
                ballots.append(ballot)
                self.pos += 1
                continue
            _, toks = self.lines[self.pos]  # slow path: anything unusual, or an error
            self.pos += 1
            first = toks[0]
            if first.text.startswith('"'):
                raise self.err(first, "missing end-of-ballots line '0' before candidate names")
            weight = _int(first, "ballot weight", self.source)
            if weight < 0:
                raise self.err(first, "ballot weight cannot be negative")
            if weight == 0:
                if len(toks) > 1:
                    raise self.err(
                        toks[1], "a line starting with 0 ends the ballots; nothing may follow it"
                    )
                return ballots
            ballots.append(Ballot(weight, self._ranking(toks[1:], lookup, ncand, first)))
        raise self.err(None, "missing end-of-ballots line '0'")

    def _bulk_ballots(self, quick: _QuickBallots) -> list[Ballot] | None:
        """The ballots of a plain file, parsed a distinct line at a time.

        When every line up to the first bare ``0`` is a plain ballot, the
        ballots are read without a Python step per line; otherwise (comments,
        blank lines, nicknames, equal rankings, errors) returns ``None`` and
        the careful loop reads the section and reports any error.
        """
        raw, index = self.lines.raw, self.lines.index
        if self.pos >= len(index):
            return None
        start = index[self.pos]
        try:
            end = raw.index("0", start)
        except ValueError:
            return None
        section = raw[start:end]
        copies = Counter(section)
        distinct = list(copies)
        made = _plain_ballots(distinct, quick.rank)
        if made is None:
            slow = list(map(quick, distinct))
            if None in slow:
                return None
            made = [b for b in slow if b is not None]
        self.pos = bisect_left(index, end) + 1
        self.tally = tuple(zip(made, copies.values(), strict=True))
        return list(map(dict(zip(distinct, made, strict=True)).__getitem__, section))

    def _ranking(
        self, toks: list[_Tok], lookup: dict[str, int], ncand: int, first: _Tok
    ) -> Ranking:
        if not toks or toks[-1].text != "0":
            at = toks[-1] if toks else first
            raise BltError(
                at.line,
                at.col + len(at.text),
                "ballot line must end with terminator 0",
                self.source,
            )
        ranks: list[list[int]] = []
        seen: set[int] = set()
        joining = False  # the previous piece was '='
        for tok in toks[:-1]:
            for m in re.finditer(r"=|[^=]+", tok.text):
                piece, col = m.group(), tok.col + m.start()
                if piece == "=":
                    if joining or not ranks:
                        raise BltError(tok.line, col, "'=' must join two candidates", self.source)
                    joining = True
                    continue
                cid = lookup.get(piece)
                if cid is None:
                    if piece == "0":
                        reason = "0 terminates a ballot; found it before the end of the line"
                    elif re.fullmatch(r"-?\d+", piece):
                        reason = f"unknown candidate {piece} (there are {ncand})"
                    else:
                        reason = f"expected a candidate id, got {piece!r}"
                    raise BltError(tok.line, col, reason, self.source)
                if cid in seen:
                    raise BltError(
                        tok.line, col, f"candidate {piece} repeated in this ballot", self.source
                    )
                seen.add(cid)
                if joining:
                    ranks[-1].append(cid)
                else:
                    ranks.append([cid])
                joining = False
        if joining:
            last = toks[-2]
            raise BltError(
                last.line,
                last.col + len(last.text) - 1,
                "'=' must join two candidates",
                self.source,
            )
        return tuple(tuple(r) for r in ranks)

    def _strings(self, ncand: int) -> tuple[list[str], str, list[str], str]:
        strings: list[_Tok] = []
        trailer_start: _Tok | None = None
        for k in range(self.pos, len(self.lines)):
            _, toks = self.lines[k]
            for tok in toks:
                if trailer_start is None and tok.text.startswith('"'):
                    if not _QUOTED.fullmatch(tok.text):
                        raise self.err(tok, "unterminated quoted string")
                    strings.append(tok)
                elif trailer_start is None:
                    trailer_start = tok
            if trailer_start is not None:
                break
        if trailer_start is not None and len(strings) < ncand + 1:
            raise self.err(trailer_start, f"expected a quoted name, got {trailer_start.text!r}")
        if len(strings) < ncand:
            raise self.err(None, f"expected {ncand} candidate names, found {len(strings)}")
        if len(strings) == ncand:
            raise self.err(None, "missing quoted election title after the candidate names")
        names = [_unquote(t.text) for t in strings[:ncand]]
        title = _unquote(strings[ncand].text)
        extras = [_unquote(t.text) for t in strings[ncand + 1 :]]
        trailer = ""
        if trailer_start is not None:
            lines = self.raw_lines[trailer_start.line - 1 :]
            lines[0] = lines[0][trailer_start.col - 1 :]
            trailer = "\n".join(lines)
        return names, title, extras, trailer


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1)
    if len(code) == 5:
        return chr(int(code[1:], 16))
    return _UNESCAPE.get(code, m.group(0))


def _unquote(token: str) -> str:
    return _ESCAPE.sub(_unescape, token[1:-1])


def _escape_char(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if len(f"a{char}b".splitlines()) > 1:  # any other character that would break the line
        return f"\\u{ord(char):04x}"
    return char


def _quote(value: str) -> str:
    return '"' + "".join(_escape_char(c) for c in value) + '"'


def dumps(election: Election) -> str:
    """Serialise ``election`` as BLT text that :func:`parse` reads back equal."""
    out = [f"{election.ncandidates} {election.seats}"]
    if election.withdrawn:
        out.append(" ".join(f"-{c}" for c in sorted(election.withdrawn)))
    out.extend(election.options)
    if election.nicknames:
        out.append("[nick " + " ".join(election.nicknames) + "]")
    for b in election.ballots:
        prefs = " ".join("=".join(str(c) for c in rank) for rank in b.ranking)
        out.append(f"{b.weight} {prefs} 0" if prefs else f"{b.weight} 0")
    out.append("0")
    out.extend(_quote(n) for n in election.candidates)
    out.append(_quote(election.title))
    out.extend(_quote(e) for e in election.extras)
    if election.trailer:
        out.append(election.trailer)
    return "\n".join(out) + "\n"


def write(election: Election, path: str | Path) -> None:
    """Write ``election`` to ``path`` as BLT."""
    Path(path).write_text(dumps(election), encoding="utf-8")
