"""Counting rules and the registry that maps rule names to classes.

Each rule lives in its own module; adding one means writing the module and
adding one line to ``RULES`` below, without touching any other rule.
"""

from __future__ import annotations

from typing import Any

from .base import Rule
from .ers97 import ERS97STV
from .meek import MeekSTV
from .plurality import Approval, FirstPastThePost
from .scottish import ScottishSTV

RULES: dict[str, type[Rule]] = {
    cls.name: cls for cls in (ScottishSTV, ERS97STV, MeekSTV, FirstPastThePost, Approval)
}


def get_rule(name: str, **parameters: Any) -> Rule:
    """Return a configured rule; ``KeyError`` names the known rules."""
    try:
        cls = RULES[name]
    except KeyError:
        raise KeyError(f"unknown rule {name!r}; known rules: {', '.join(sorted(RULES))}") from None
    return cls(**parameters)


__all__ = [
    "ERS97STV",
    "RULES",
    "Approval",
    "FirstPastThePost",
    "MeekSTV",
    "Rule",
    "ScottishSTV",
    "get_rule",
]
