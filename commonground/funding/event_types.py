"""Domain events of funding agreements, indexed by the agreement's area and its recipient.

Compacts (C7) compare ``agreement.notice_given`` with ``agreement.ended``; monitoring (C9)
counts ``agreement.signed``.
"""

from dataclasses import dataclass

from commonground.core.events import Event, event_type
from commonground.core.models import Area, Organisation
from commonground.funding.models import Agreement


class _AgreementEvent(Event):
    agreement: Agreement

    @property
    def area(self) -> Area | None:
        return self.agreement.area

    @property
    def organisation(self) -> Organisation | None:
        return self.agreement.recipient


@event_type("agreement.offered")
@dataclass(frozen=True)
class AgreementOffered(_AgreementEvent):
    agreement: Agreement


@event_type("agreement.signed")
@dataclass(frozen=True)
class AgreementSigned(_AgreementEvent):
    agreement: Agreement
    signed_on: str


@event_type("agreement.started")
@dataclass(frozen=True)
class AgreementStarted(_AgreementEvent):
    """A signed agreement reached its start date (the platform's daily step)."""

    agreement: Agreement
    started_on: str


@event_type("agreement.imported")
@dataclass(frozen=True)
class AgreementImported(_AgreementEvent):
    """An agreement written from a 360Giving file: new (``created``) or updated by it."""

    agreement: Agreement
    created: bool


@event_type("agreement.varied")
@dataclass(frozen=True)
class AgreementVaried(_AgreementEvent):
    agreement: Agreement
    varied_on: str
    reason: str
    changed_fields: list[str]


@event_type("agreement.notice_given")
@dataclass(frozen=True)
class AgreementNoticeGiven(_AgreementEvent):
    """``days_given`` is from notice to end; ``days_required`` is the agreement's period."""

    agreement: Agreement
    given_on: str
    ends_on: str
    days_given: int
    days_required: int | None


@event_type("agreement.ended")
@dataclass(frozen=True)
class AgreementEnded(_AgreementEvent):
    agreement: Agreement
    ended_on: str
    early: bool
