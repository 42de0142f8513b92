"""Commissioning: the pipeline of opportunities, OCDS releases, consortia and bid support."""

from commonground.commissioning.models.bands import AreaCommissioningSettings, ValueBand
from commonground.commissioning.models.bids import BidSupport
from commonground.commissioning.models.consortia import Consortium, ConsortiumMember, PartnerSearch
from commonground.commissioning.models.ocds import OcdsRecord, OcdsRelease, UnmatchedSupplier
from commonground.commissioning.models.opportunities import Lot, Opportunity, Subscription

__all__ = [
    "AreaCommissioningSettings",
    "BidSupport",
    "Consortium",
    "ConsortiumMember",
    "Lot",
    "OcdsRecord",
    "OcdsRelease",
    "Opportunity",
    "PartnerSearch",
    "Subscription",
    "UnmatchedSupplier",
    "ValueBand",
]
