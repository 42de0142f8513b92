"""Agreements as 360Giving grants, for export, and the checks the 360Giving tools would raise.

Organisation ids follow org-id.guide when the directory holds one; otherwise the id the
data came with, or an id under our own 360Giving prefix (``360G-<prefix>-org-<slug>``).
Themes travel as classifications in the ``THEME_VOCABULARY`` vocabulary.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commonground.core import identifiers
from commonground.core.models import Organisation
from commonground.funding.models import Agreement
from commonground.interop.threesixty import Classification, Grant, Location, Party

THEME_VOCABULARY = "Commonground themes"


def organisation_id(organisation: Organisation, given: str = "") -> str:
    if organisation.identifier:
        return organisation.identifier
    return given or f"360G-{settings.FUNDING_360G_PREFIX}-org-{organisation.slug}"


def published_agreements(
    funder: str = "", date_from: date | None = None, date_to: date | None = None
) -> QuerySet[Agreement]:
    """Published agreements, optionally of one funder (by org-id) and awarded in a range."""
    agreements = Agreement.objects.filter(published=True)
    if funder:
        agreements = agreements.filter(funder__identifier=identifiers.normalise(funder))
    if date_from:
        agreements = agreements.filter(award_date__gte=date_from)
    if date_to:
        agreements = agreements.filter(award_date__lte=date_to)
    return (
        agreements.select_related("funder", "recipient", "theme")
        .prefetch_related("locations", "classifications")
        .order_by("award_date", "identifier")
    )


def agreement_to_grant(agreement: Agreement) -> Grant:
    classifications = [
        Classification(c.vocabulary, c.code, c.title) for c in agreement.classifications.all()
    ]
    theme = agreement.theme
    if theme is not None and not any(
        c.vocabulary == THEME_VOCABULARY and c.code == theme.slug for c in classifications
    ):
        classifications.append(Classification(THEME_VOCABULARY, theme.slug, theme.name_en))
    recipient = agreement.recipient
    return Grant(
        id=agreement.identifier,
        title=agreement.title,
        description=agreement.description,
        currency=agreement.currency,
        amount=Decimal(agreement.amount_pence) / 100,
        award_date=agreement.award_date,
        funder=Party(
            organisation_id(agreement.funder, agreement.funder_ref),
            agreement.funder.name_en,
            agreement.directorate,
        ),
        recipient=Party(organisation_id(recipient, agreement.recipient_ref), recipient.name_en)
        if recipient is not None
        else None,
        individual=Party(agreement.individual_id, agreement.individual_name)
        if agreement.individual_id
        else None,
        to_individuals=agreement.to_individuals,
        planned_start=agreement.planned_start,
        planned_end=agreement.planned_end,
        planned_duration=agreement.planned_duration,
        locations=[
            Location(loc.name, loc.geo_code, loc.geo_code_type, loc.country_code)
            for loc in agreement.locations.all()
        ],
        programme_code=agreement.programme_code,
        programme_title=agreement.programme_title,
        classifications=classifications,
    )


@dataclass(frozen=True)
class Warning:
    """A data-quality finding on one grant; ``fixable`` says whether our records can fix it
    (an officer can edit them) or whether the data simply lacks it."""

    grant: str
    field: str
    message: str
    fixable: bool


def quality_warnings(agreements: QuerySet[Agreement]) -> list[Warning]:
    """The checks 360Giving's data-quality tool makes, on the agreements about to be exported."""
    today = timezone.localdate()
    found: list[Warning] = []

    def warn(a: Agreement, field: str, message: str | Promise, fixable: bool) -> None:
        found.append(Warning(a.identifier, field, str(message), fixable))

    for a in agreements:
        org = a.recipient
        if org is not None and not org.identifier:
            warn(
                a,
                "recipientOrganization/0/id",
                _(
                    "%(org)s has no org-id.guide identifier (a charity or company number). Add it to the organisation's record."
                )
                % {"org": org.name_en},
                True,
            )
        if org is None and not a.individual_id:
            warn(a, "recipientOrganization", _("The grant has no recipient."), False)
        if a.recipient_ref and org is not None and not org.identifier:
            try:
                identifiers.validate(a.recipient_ref)
            except identifiers.InvalidIdentifier as exc:
                warn(a, "recipientOrganization/0/id", str(exc), True)
        if not a.funder.identifier:
            warn(
                a,
                "fundingOrganization/0/id",
                _("The funder %(org)s has no org-id.guide identifier.") % {"org": a.funder.name_en},
                True,
            )
        if a.award_date > today:
            warn(a, "awardDate", _("The award date is in the future."), True)
        if a.starts_on and a.ends_on and a.ends_on < a.starts_on:
            warn(a, "plannedDates", _("The planned end is before the planned start."), True)
        if not a.planned_start:
            warn(a, "plannedDates/0/startDate", _("There is no planned start date."), False)
        if a.amount_pence <= 0:
            warn(a, "amountAwarded", _("The amount is zero or less."), True)
        locations = list(a.locations.all())
        if not locations:
            warn(
                a,
                "beneficiaryLocation",
                _(
                    "There is no beneficiary location. Set the agreement's area to add one with its ONS code."
                ),
                True,
            )
        elif not any(loc.geo_code for loc in locations):
            warn(
                a,
                "beneficiaryLocation/0/geoCode",
                _(
                    "The beneficiary location has no ONS code; the data does not say which area it is."
                ),
                False,
            )
    return found
