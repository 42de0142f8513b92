"""Benchmark the vote counter on a generated 100,000-ballot election, as whole processes.

Generates (seeded, so every run sees the same ballots) 15 candidates in five parties for
5 seats, about 49,000 distinct rankings, writes them as BLT to a temporary file, then times
``python -m commonground.voting count FILE --rule R --json`` as a whole process for the
``scottish`` and ``meek`` rules, best of ``--repeat`` runs, against two baselines measured
in the same run:

* parsing the file alone (``blt.read`` in a fresh process), and
* the previous implementation, taken from git at ``--baseline-rev`` (the code that
  issue 18 paired with Droop 0.11: Droop was 5.2x slower for ``scottish`` and 5.0x for
  ``meek`` on this election). Droop is not on PyPI, so it cannot be paired here; the
  Droop figure printed is that pairing carried over, and says so.

Both implementations must print the same JSON, round by round, or the bench fails.

    python bench/voting_bench.py [--ballots 100000] [--seed 20070503] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from commonground.voting import blt  # noqa: E402
from commonground.voting.election import Ballot, Election  # noqa: E402

CANDIDATES = 15
SEATS = 5
# how many preferences voters mark: most mark a few, some mark all
LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15]
LENGTH_WEIGHTS = [18, 14, 16, 14, 10, 7, 5, 4, 4, 3, 5]
# issue 18's pairing of the baseline revision with Droop 0.11 on this election
DROOP_OVER_BASELINE = {"scottish": 6.9 / 1.32, "meek": 40.9 / 8.1}
TARGET_SECONDS = {"scottish": 0.5, "meek": 2.0}


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


def _env() -> dict[str, str]:
    """The caller's environment, but letting Python keep its bytecode cache, as a
    deployed install does (otherwise every run recompiles every module it imports)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(argv: list[str], cwd: Path, repeat: int) -> tuple[float, float, bytes]:
    """Best wall and best CPU seconds of ``repeat`` runs (after one warm-up), and stdout."""
    env = _env()
    out = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=True).stdout
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(walls), min(cpus), out


def baseline_tree(rev: str, into: Path) -> Path | None:
    """Check the voting package out of ``rev`` into ``into``; ``None`` without git history."""
    try:
        archive = subprocess.run(
            ["git", "archive", rev, "commonground/voting"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "commonground" / "__init__.py").write_text("")
    return into


def main() -> None:
    """Generate, write and count; print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20070503)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-rev", default="7cab558")
    args = parser.parse_args()
    election = generate(args.ballots, args.seed)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.blt"
        blt.write(election, path)
        print(
            f"{args.ballots} ballots, {CANDIDATES} candidates, {SEATS} seats, "
            f"BLT {path.stat().st_size / 1e6:.1f} MB, "
            f"{len({b.ranking for b in election.ballots})} distinct rankings; "
            f"best of {args.repeat} whole-process runs, seconds"
        )
        old = baseline_tree(args.baseline_rev, Path(tmp) / "baseline")
        parse_argv = [py, "-c", f"from commonground.voting import blt; blt.read({str(path)!r})"]
        wall, cpu, _ = run(parse_argv, REPO, args.repeat)
        print(f"{'parse only (baseline)':<24} wall {wall:6.3f}  cpu {cpu:6.3f}")
        for rule in ("scottish", "meek"):
            argv = [py, "-m", "commonground.voting", "count", str(path), "--rule", rule, "--json"]
            new_wall, new_cpu, new_out = run(argv, REPO, args.repeat)
            line = (
                f"{rule:<24} wall {new_wall:6.3f}  cpu {new_cpu:6.3f}  /parse {new_cpu / cpu:5.2f}"
            )
            if old is None:
                print(f"{line}  (no git history: previous implementation not measured)")
                continue
            old_wall, old_cpu, old_out = run(argv, old, args.repeat)
            if old_out != new_out:
                sys.exit(f"{rule}: the result differs from the {args.baseline_rev} implementation")
            speedup = old_cpu / new_cpu
            target = "met" if new_wall < TARGET_SECONDS[rule] else "NOT met"
            print(
                f"{line}\n{'':<24} previous ({args.baseline_rev}) wall {old_wall:6.3f}  "
                f"cpu {old_cpu:6.3f}  -> {speedup:4.1f}x faster, same JSON\n"
                f"{'':<24} carried-over Droop estimate: "
                f"{speedup * DROOP_OVER_BASELINE[rule]:4.1f}x faster than Droop (not paired)\n"
                f"{'':<24} under {TARGET_SECONDS[rule]} s wall: {target}"
            )


if __name__ == "__main__":
    main()
