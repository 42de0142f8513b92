"""Representation of the sector: vacancies, nominations, elections, report-backs."""

from commonground.representation.models.elections import (
    Ballot,
    Candidate,
    Election,
    Elector,
    HeldBallot,
)
from commonground.representation.models.policy import AreaPolicy, EligibilityRules
from commonground.representation.models.reports import ReportBack, ReportBackComment, TermReminder
from commonground.representation.models.vacancies import Endorsement, Nomination, Vacancy

__all__ = [
    "AreaPolicy",
    "Ballot",
    "Candidate",
    "Election",
    "Elector",
    "EligibilityRules",
    "Endorsement",
    "HeldBallot",
    "Nomination",
    "ReportBack",
    "ReportBackComment",
    "TermReminder",
    "Vacancy",
]
