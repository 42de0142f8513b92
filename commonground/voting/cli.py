"""Command line: ``python -m commonground.voting count FILE.blt --rule scottish``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import blt, sheet
from .election import ElectionError
from .rules import RULES, get_rule

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="python -m commonground.voting", description="Count an election from a BLT file."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    count = sub.add_parser("count", help="count a BLT file and print the result")
    count.add_argument("file", help="ballot file in BLT format")
    count.add_argument("--rule", required=True, choices=sorted(RULES), help="counting rule")
    count.add_argument("--seats", type=int, default=None, help="override the seats in the file")
    count.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed for drawing lots (default: first in ballot order)",
    )
    count.add_argument("--json", action="store_true", help="print the JSON result")
    count.add_argument("--html", action="store_true", help="print the HTML count sheet")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (2 for bad input)."""
    args = build_parser().parse_args(argv)
    try:
        election = blt.read(args.file)
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except blt.BltError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.seats is not None and args.seats < 1:
        print("error: --seats must be at least 1", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = get_rule(args.rule, tie_seed=args.seed).count(election, args.seats)
    except ElectionError as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(result.to_json())
    elif args.html:
        print(sheet.html_sheet(result), end="")
    else:
        print("Elected, in order of election:")
        for i, name in enumerate(result.elected_names, 1):
            print(f"  {i}. {name}")
        print()
        print(sheet.text_sheet(result), end="")
    return 0
