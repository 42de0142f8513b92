"""The core domain: geography, organisations, people, accounts, roles and domain events."""

from commonground.core.models.accounts import RoleAssignment, User
from commonground.core.models.applications import JoinRequest, MembershipApplication
from commonground.core.models.events import DomainEvent
from commonground.core.models.geography import Area, Region
from commonground.core.models.organisations import (
    BeneficiaryGroup,
    Membership,
    Organisation,
    Theme,
)
from commonground.core.models.people import Affiliation, Person

__all__ = [
    "Affiliation",
    "Area",
    "BeneficiaryGroup",
    "DomainEvent",
    "JoinRequest",
    "Membership",
    "MembershipApplication",
    "Organisation",
    "Person",
    "Region",
    "RoleAssignment",
    "Theme",
    "User",
]
