"""Vote counting for Commonground: BLT files, STV and plurality rules.

Pure Python with no Django imports: the web app adapts this package, it
does not contain it.  Typical use::

    from commonground.voting import blt, get_rule, sheet
    result = get_rule("scottish").count(blt.read("ward.blt"))
    print(result.elected_names, result.to_json(), sheet.text_sheet(result))

See docs/voting.md for the rules, their parameters and the JSON schema.
"""

from . import blt, sheet
from .blt import BltError
from .election import Ballot, Election, ElectionError
from .result import Action, CandidateState, Result, Round
from .rules import RULES, Rule, get_rule

__all__ = [
    "RULES",
    "Action",
    "Ballot",
    "BltError",
    "CandidateState",
    "Election",
    "ElectionError",
    "Result",
    "Round",
    "Rule",
    "blt",
    "get_rule",
    "sheet",
]
