"""Adapter from stored ballots to the pure counting library (commonground.voting)."""

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from commonground.representation.models import Candidate, Election
from commonground.voting import blt
from commonground.voting.election import Ballot as VotingBallot
from commonground.voting.election import Election as VotingElection
from commonground.voting.result import DEFEATED, ELECTED, Result
from commonground.voting.rules import get_rule


@dataclass
class Outcome:
    result: Result
    blt: str
    ballots: int
    elected: list[Candidate]
    runner_up: Candidate | None


def as_voting_election(election: Election) -> tuple[VotingElection, list[Candidate]]:
    """Candidates in BLT order and identical ballots grouped, as the library counts them."""
    candidates = list(
        election.candidates.select_related(
            "nomination__nominee", "nomination__organisation"
        ).order_by("position")
    )
    names = tuple(
        f"{c.nomination.nominee} ({c.nomination.organisation.name_en})" for c in candidates
    )
    grouped = Counter(tuple(b) for b in election.ballots.values_list("preferences", flat=True))
    ballots = tuple(
        VotingBallot(weight=weight, ranking=tuple((p,) for p in prefs))
        for prefs, weight in sorted(grouped.items())
    )
    title = str(election.vacancy.seat)
    return VotingElection(
        candidates=names, seats=election.seats, ballots=ballots, title=title
    ), candidates


def count(election: Election) -> Outcome:
    profile, candidates = as_voting_election(election)
    result = get_rule(election.method).count(profile)
    elected = [candidates[i] for i in result.elected]
    return Outcome(
        result,
        blt.dumps(profile),
        sum(b.weight for b in profile.ballots),
        elected,
        _runner_up(result, candidates),
    )


def _runner_up(result: Result, candidates: list[Candidate]) -> Candidate | None:
    """The unelected candidate who stayed in the count longest, then had most votes.

    Only the count up to the moment the last seat is filled is considered: after that, rules
    defeat the remaining candidates in an order that says nothing about their support.
    """
    losers = [i for i in range(len(candidates)) if i not in result.elected]
    actions = result.actions
    filled = next(
        (
            n
            for n, a in enumerate(actions)
            if sum(s.state == ELECTED for s in a.states) >= len(result.elected)
        ),
        len(actions) - 1,
    )
    standing: dict[int, tuple[int, Fraction]] = {}
    for step, action in enumerate(actions[: filled + 1]):
        for i in losers:
            if action.states[i].state != DEFEATED:
                standing[i] = (step, action.states[i].votes)
    if not standing:
        return None
    return candidates[max(standing, key=lambda i: (standing[i], -i))]
