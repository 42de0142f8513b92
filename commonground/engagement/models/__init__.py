"""Engagement records: bulletins and digests, consultations, events, and per-area settings."""

from commonground.engagement.models.bulletins import Bulletin, Digest, Subscription
from commonground.engagement.models.consultations import (
    Answer,
    Consultation,
    ConsultationDocument,
    PrincipleCheck,
    Question,
    Response,
)
from commonground.engagement.models.events import Event, EventMaterial, Registration

__all__ = [
    "Answer",
    "Bulletin",
    "Consultation",
    "ConsultationDocument",
    "Digest",
    "Event",
    "EventMaterial",
    "PrincipleCheck",
    "Question",
    "Registration",
    "Response",
    "Subscription",
]
