"""The typed outcome of a count: every round, every action, every vote.

A result is the audit trail a returning officer publishes, so each action
carries a full snapshot of all candidates (state and votes), the quota, the
non-transferable votes and the loss to rounding at that moment.  Values are
exact :class:`~fractions.Fraction` objects; ``places`` says how many
decimals the rule works in, and is used only for display.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .fixed import format_value

SCHEMA = "commonground.voting.result/1"

HOPEFUL = "hopeful"
ELECTED = "elected"
DEFEATED = "defeated"
WITHDRAWN = "withdrawn"

_CODES = {HOPEFUL: "H", ELECTED: "E", DEFEATED: "D", WITHDRAWN: "W"}


@dataclass(frozen=True)
class CandidateState:
    """One candidate at one moment of the count."""

    state: str
    votes: Fraction
    pending: bool = False
    """Elected, but the surplus has not been transferred yet."""

    @property
    def code(self) -> str:
        """One-letter code: H, E, e (elected, transfer pending), D or W."""
        return "e" if self.state == ELECTED and self.pending else _CODES[self.state]


@dataclass(frozen=True)
class Action:
    """One step of the count, with the state just after it.

    ``kind`` is one of ``begin``, ``elect``, ``defeat``, ``transfer``,
    ``tie``, ``iterate``, ``defer`` or ``end``; ``candidates`` are the
    0-based indices the action is about.
    """

    kind: str
    round: int
    message: str
    candidates: tuple[int, ...]
    states: tuple[CandidateState, ...]
    quota: Fraction
    non_transferable: Fraction
    loss_to_rounding: Fraction
    details: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> Fraction:
        """Candidate votes + non-transferable + loss: always the valid vote."""
        return sum((s.votes for s in self.states), Fraction(0)) + (
            self.non_transferable + self.loss_to_rounding
        )


@dataclass
class Round:
    """A stage of the count.  Round 0 is the first-preference count."""

    number: int
    actions: list[Action] = field(default_factory=list)

    @property
    def last(self) -> Action:
        """The action that closes the round: its state is the round's result."""
        return self.actions[-1]


@dataclass
class Result:
    """Everything a count produced, ready for JSON or a count sheet."""

    rule: str
    parameters: dict[str, Any]
    title: str
    seats: int
    candidates: tuple[str, ...]
    valid_ballots: Fraction
    places: int
    rounds: list[Round]
    elected: list[int]
    withdrawn: frozenset[int] = frozenset()
    notes: list[str] = field(default_factory=list)

    @property
    def actions(self) -> list[Action]:
        """All actions in order."""
        return [a for r in self.rounds for a in r.actions]

    @property
    def quota(self) -> Fraction:
        """The quota in force at the end of the count."""
        return self.rounds[-1].last.quota

    @property
    def elected_names(self) -> list[str]:
        """Names of elected candidates, in order of election."""
        return [self.candidates[i] for i in self.elected]

    def fmt(self, value: Fraction) -> str:
        """Format a value to the rule's decimal places."""
        return format_value(value, self.places)

    def to_dict(self) -> dict[str, Any]:
        """Return the documented JSON structure (see docs/voting.md)."""
        return {
            "schema": SCHEMA,
            "rule": self.rule,
            "parameters": self.parameters,
            "title": self.title,
            "seats": self.seats,
            "places": self.places,
            "valid_ballots": self.fmt(self.valid_ballots),
            "quota": self.fmt(self.quota),
            "candidates": [
                {"id": i + 1, "name": n, "withdrawn": i in self.withdrawn}
                for i, n in enumerate(self.candidates)
            ],
            "elected": [i + 1 for i in self.elected],
            "notes": list(self.notes),
            "rounds": [
                {"round": r.number, "actions": [self._action(a) for a in r.actions]}
                for r in self.rounds
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """Rebuild a result from :meth:`to_dict`, say to draw its sheet in another language.

        Values come back at the precision the rule displays, so the sheet is the same.
        """
        names = [c["name"] for c in data["candidates"]]
        rounds = [
            Round(
                r["round"],
                [
                    Action(
                        kind=a["kind"],
                        round=r["round"],
                        message=a["message"],
                        candidates=tuple(c - 1 for c in a["candidates"]),
                        states=tuple(
                            CandidateState(s["state"], Fraction(s["votes"]), bool(s.get("pending")))
                            for s in (a["states"][str(i + 1)] for i in range(len(names)))
                        ),
                        quota=Fraction(a["quota"]),
                        non_transferable=Fraction(a["non_transferable"]),
                        loss_to_rounding=Fraction(a["loss_to_rounding"]),
                        details=dict(a.get("details") or {}),
                    )
                    for a in r["actions"]
                ],
            )
            for r in data["rounds"]
        ]
        return cls(
            rule=data["rule"],
            parameters=dict(data.get("parameters") or {}),
            title=data["title"],
            seats=data["seats"],
            candidates=tuple(names),
            valid_ballots=Fraction(data["valid_ballots"]),
            places=data["places"],
            rounds=rounds,
            elected=[i - 1 for i in data["elected"]],
            withdrawn=frozenset(c["id"] - 1 for c in data["candidates"] if c["withdrawn"]),
            notes=list(data.get("notes") or []),
        )

    def _action(self, a: Action) -> dict[str, Any]:
        return {
            "kind": a.kind,
            "message": a.message,
            "candidates": [i + 1 for i in a.candidates],
            "quota": self.fmt(a.quota),
            "non_transferable": self.fmt(a.non_transferable),
            "loss_to_rounding": self.fmt(a.loss_to_rounding),
            "details": dict(a.details),
            "states": {
                str(i + 1): {
                    "state": s.state,
                    "code": s.code,
                    "pending": s.pending,
                    "votes": self.fmt(s.votes),
                }
                for i, s in enumerate(a.states)
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        """Serialise :meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
