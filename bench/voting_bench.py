"""Benchmark the vote counter on a generated 100,000-ballot election.

Generates (seeded, so every run sees the same ballots) 15 candidates in
five parties for 5 seats, writes the ballots as BLT to a temporary file,
then times in the same run: parsing that file (the baseline), the
``scottish`` count and the ``meek`` count.  Goal: scottish under 1 s.

    python bench/voting_bench.py [--ballots N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from commonground.voting import blt
from commonground.voting.election import Ballot, Election
from commonground.voting.rules import get_rule

CANDIDATES = 15
SEATS = 5
# how many preferences voters mark: most mark a few, some mark all
LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15]
LENGTH_WEIGHTS = [18, 14, 16, 14, 10, 7, 5, 4, 4, 3, 5]


def generate(ballots: int, seed: int) -> Election:
    """Party-minded voters: popularity-weighted ranking with party loyalty."""
    rng = random.Random(seed)
    party = [c % 5 for c in range(CANDIDATES)]
    popularity = [rng.uniform(0.3, 3.0) for _ in range(CANDIDATES)]
    papers = []
    for _ in range(ballots):
        length = rng.choices(LENGTHS, LENGTH_WEIGHTS)[0]
        left = list(range(CANDIDATES))
        ranking: list[int] = []
        loyal = rng.random() < 0.6
        while left and len(ranking) < length:
            weights = [
                popularity[c]
                * (4.0 if loyal and ranking and party[c] == party[ranking[0]] else 1.0)
                for c in left
            ]
            c = rng.choices(left, weights)[0]
            left.remove(c)
            ranking.append(c)
        papers.append(Ballot(1, tuple((c + 1,) for c in ranking)))
    names = tuple(f"Candidate {c + 1} (party {party[c] + 1})" for c in range(CANDIDATES))
    return Election(names, SEATS, tuple(papers), "Generated benchmark election")


def timed(label: str, fn: object) -> tuple[float, object]:
    """Run ``fn`` once, print and return the elapsed seconds and its value."""
    assert callable(fn)
    start = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<28}{elapsed:8.3f} s")
    return elapsed, value


def main() -> None:
    """Generate, write, parse and count; print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20070503)
    args = parser.parse_args()
    election = generate(args.ballots, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.blt"
        blt.write(election, path)
        size = path.stat().st_size
        print(
            f"{args.ballots} ballots, {CANDIDATES} candidates, {SEATS} seats, "
            f"BLT {size / 1e6:.1f} MB, "
            f"{len({b.ranking for b in election.ballots})} distinct rankings"
        )
        parse_s, parsed = timed("parse BLT (baseline)", lambda: blt.read(path))
    assert isinstance(parsed, Election)
    for rule in ("scottish", "meek"):
        count_s, result = timed(f"count {rule}", lambda r=rule: get_rule(r).count(parsed))
        names = getattr(result, "elected_names", [])
        print(f"  ratio count/parse {count_s / parse_s:6.2f}   elected: {', '.join(names)}")


if __name__ == "__main__":
    main()
