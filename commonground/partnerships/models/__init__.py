"""The partnerships register: bodies, seats and who holds them, meetings, liaison issues."""

from commonground.partnerships.models.bodies import PartnershipBody
from commonground.partnerships.models.liaison import LiaisonIssue
from commonground.partnerships.models.meetings import (
    Attendance,
    Decision,
    Meeting,
    MeetingAction,
    Paper,
)
from commonground.partnerships.models.seats import Seat, SeatHolding

__all__ = [
    "Attendance",
    "Decision",
    "LiaisonIssue",
    "Meeting",
    "MeetingAction",
    "Paper",
    "PartnershipBody",
    "Seat",
    "SeatHolding",
]
