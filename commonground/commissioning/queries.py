"""Reads for commissioning pages, feeds, the API and other apps. A GET never writes."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from commonground.commissioning.bands import Band, band_index, bands_for
from commonground.commissioning.models import (
    BidSupport,
    Consortium,
    ConsortiumMember,
    OcdsRelease,
    Opportunity,
    PartnerSearch,
    UnmatchedSupplier,
)
from commonground.commissioning.stages import horizon_months, stage_on
from commonground.core.models import Area, Organisation

Stage = Opportunity.Stage
ACTIVE_STAGES = [Stage.PLANNED, Stage.OPEN, Stage.AWARDED, Stage.RUNNING]


@dataclass(frozen=True)
class Row:
    """An opportunity as a pipeline shows it on one day."""

    opportunity: Opportunity
    stage: str
    band: Band | None

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)


# Pipeline order: renewals first (soonest end first), then open, planned, awarded, running.
_ORDER = {
    Stage.DUE_FOR_RENEWAL: 0,
    Stage.OPEN: 1,
    Stage.PLANNED: 2,
    Stage.AWARDED: 3,
    Stage.RUNNING: 4,
    Stage.ENDED: 5,
    Stage.CANCELLED: 6,
}


def _key_date(row: Row) -> date:
    o = row.opportunity
    found: dict[str, date | None] = {
        Stage.DUE_FOR_RENEWAL: o.contract_end,
        Stage.OPEN: o.tender_deadline,
        Stage.PLANNED: o.planned_publication,
    }
    return found.get(row.stage) or date.max


def rows(opportunities: Any, today: date) -> list[Row]:
    """Opportunities with their stage and value band on ``today``, renewals first."""
    horizons: dict[int | None, int] = {}
    bands: dict[int | None, list[Band]] = {}
    result = []
    for o in opportunities:
        area_id = o.buyer.area_id
        if area_id not in horizons:
            horizons[area_id] = horizon_months(area_id)
            bands[area_id] = bands_for(area_id)
        index = band_index(o.estimated_value_pence, bands[area_id])
        result.append(
            Row(
                o,
                stage_on(o.stage, o.contract_end, horizons[area_id], today),
                None if index is None else bands[area_id][index],
            )
        )
    return sorted(result, key=lambda r: (_ORDER[Stage(r.stage)], _key_date(r), r.opportunity.title_en))


def _base() -> QuerySet[Opportunity]:
    return Opportunity.objects.select_related("buyer").prefetch_related("themes")


def pipeline(area: Area, today: date, include_closed: bool = False) -> list[Row]:
    """The area's pipeline on ``today``: renewals first; ended and cancelled left out."""
    found = rows(_base().filter(areas=area).distinct(), today)
    if include_closed:
        return found
    return [r for r in found if r.stage not in (Stage.ENDED, Stage.CANCELLED)]


def commissioning_plan(buyer: Organisation, today: date, months: int = 24) -> list[Row]:
    """What a public body plans to commission, or re-commission, in the next ``months``."""
    until = today + relativedelta(months=months)
    candidates = _base().filter(buyer=buyer).filter(
        Q(stage=Stage.PLANNED) | Q(stage=Stage.OPEN) | Q(stage=Stage.RUNNING, contract_end__lte=until)
    )
    return [r for r in rows(candidates, today) if r.stage != Stage.ENDED]


def opportunity_row(opportunity: Opportunity, today: date) -> Row:
    return rows([opportunity], today)[0]


def releases_for(ocid: str) -> QuerySet[OcdsRelease]:
    return OcdsRelease.objects.filter(ocid=ocid).order_by("date", "release_id")


def deadlines(area: Area | None, today: date) -> QuerySet[Opportunity]:
    """Opportunities with a tender deadline from today on (for the iCalendar feed)."""
    found = _base().filter(tender_deadline__gte=today).exclude(stage=Stage.CANCELLED)
    if area is not None:
        found = found.filter(areas=area)
    return found.distinct().order_by("tender_deadline")


def latest(area: Area | None, count: int = 50) -> QuerySet[Opportunity]:
    found = _base().exclude(stage=Stage.CANCELLED)
    if area is not None:
        found = found.filter(areas=area)
    return found.distinct().order_by("-updated_at")[:count]


# Matching: "what fits us"

# The highest value band (0 is the lowest) an organisation of each income band can take on.
_BAND_REACH = {"micro": 0, "small": 1, "medium": 2, "large": 2, "major": 2}


@dataclass(frozen=True)
class Fit:
    row: Row
    reasons: list[str]


def fits(organisation: Organisation, today: date) -> list[Fit]:
    """Opportunities still to bid for (or renew) that fit the organisation, with reasons."""
    area_ids: set[int | None] = {
        organisation.area_id,
        *organisation.areas_served.values_list("pk", flat=True),
    }
    theme_ids = set(organisation.themes.values_list("pk", flat=True))
    candidates = (
        _base()
        .filter(areas__in=[a for a in area_ids if a is not None])
        .exclude(stage__in=[Stage.ENDED, Stage.CANCELLED])
        .prefetch_related("areas", "lots")
        .distinct()
    )
    found = []
    for row in rows(candidates, today):
        if row.stage not in (Stage.PLANNED, Stage.OPEN, Stage.DUE_FOR_RENEWAL):
            continue
        reasons = _reasons(organisation, row, area_ids, theme_ids)
        if reasons is not None:
            found.append(Fit(row, reasons))
    return found


def _reasons(
    organisation: Organisation, row: Row, area_ids: set[int | None], theme_ids: set[int]
) -> list[str] | None:
    o = row.opportunity
    shared = [t for t in o.themes.all() if t.pk in theme_ids]
    if theme_ids and o.themes.all() and not shared:
        return None
    areas = [a for a in o.areas.all() if a.pk in area_ids]
    reasons = [_("In your area: %(areas)s") % {"areas": ", ".join(str(a.name) for a in areas)}]
    if shared:
        reasons.append(
            _("Themes you work on: %(themes)s") % {"themes": ", ".join(str(t.name) for t in shared)}
        )
    reach = _BAND_REACH.get(organisation.income_band)
    bands = bands_for(o.buyer.area_id)
    values = [o.estimated_value_pence, *(lot.value_pence for lot in o.lots.all())]
    indices = [i for i in (band_index(v, bands) for v in values) if i is not None]
    if reach is not None and indices:
        smallest = min(indices)
        if smallest > reach:
            return None
        reasons.append(
            _("Its size suits an organisation of your income: %(band)s")
            % {"band": bands[smallest].name}
        )
    return reasons


def partner_searches(opportunity: Opportunity) -> QuerySet[PartnerSearch]:
    return opportunity.partner_searches.filter(is_open=True).select_related("organisation", "lot")


def consortia(opportunity: Opportunity) -> QuerySet[Consortium]:
    return opportunity.consortia.select_related("lead", "lot").prefetch_related(
        "members__organisation"
    )


def invitations(person_id: int | None) -> QuerySet[ConsortiumMember]:
    """Consortium places still waiting for an answer from organisations this person admins."""
    return ConsortiumMember.objects.filter(
        answer=ConsortiumMember.Answer.INVITED,
        consortium__agreement_signed_on=None,
        organisation__affiliations__person_id=person_id or 0,
        organisation__affiliations__is_admin=True,
    ).select_related("consortium__opportunity", "consortium__lead", "organisation").distinct()


def unmatched_suppliers() -> QuerySet[UnmatchedSupplier]:
    return UnmatchedSupplier.objects.filter(organisation=None)


# Bid support funnel (003 Figure 5.2)

SUBMITTED_WITH_SUPPORT = [
    BidSupport.Outcome.WON,
    BidSupport.Outcome.LOST,
    BidSupport.Outcome.AWAITING,
    BidSupport.Outcome.APPEAL,
    BidSupport.Outcome.PQQ,
]


@dataclass(frozen=True)
class FunnelStep:
    label: str
    count: int


def funnel(area: Area, since: date, until: date) -> tuple[list[FunnelStep], list[FunnelStep]]:
    """Organisations at each step (supported → tailored → submitted with support → won),
    then the other outcomes, from bid support recorded between the two dates."""
    records = BidSupport.objects.filter(area=area, requested_on__gte=since, requested_on__lte=until)

    def organisations(qs: QuerySet[BidSupport]) -> int:
        return qs.values("organisation").distinct().count()

    steps = [
        FunnelStep(_("Organisations supported"), organisations(records)),
        FunnelStep(
            _("Received tailored support"),
            organisations(records.filter(kind=BidSupport.Kind.TAILORED)),
        ),
        FunnelStep(
            _("Submitted bids with support"),
            organisations(records.filter(outcome__in=SUBMITTED_WITH_SUPPORT)),
        ),
        FunnelStep(_("Won"), organisations(records.filter(outcome=BidSupport.Outcome.WON))),
    ]
    counts = Counter(records.values_list("outcome", flat=True))
    others = [
        FunnelStep(str(BidSupport.Outcome(o).label), counts[o])
        for o in BidSupport.Outcome.values
        if o != BidSupport.Outcome.WON and counts[o]
    ]
    return steps, others


# For other apps


def awarded_opportunities(
    buyer: Organisation | None = None, supplier: Organisation | None = None
) -> QuerySet[Opportunity]:
    """Opportunities that have been awarded (awarded, running or ended), for example to
    start a funding agreement from one. Filter by buyer and/or by a matched supplier."""
    found = Opportunity.objects.filter(
        stage__in=[Stage.AWARDED, Stage.RUNNING, Stage.ENDED]
    ).select_related("buyer")
    if buyer is not None:
        found = found.filter(buyer=buyer)
    if supplier is not None:
        found = found.filter(suppliers=supplier)
    return found.order_by("-award_date", "title_en")


def new_opportunities(area: Area, since: Any, until: Any) -> QuerySet[Opportunity]:
    """Opportunities first recorded in ``area`` in the period (for digests)."""
    return (
        Opportunity.objects.filter(areas=area, created_at__gte=since, created_at__lt=until)
        .exclude(stage__in=[Stage.ENDED, Stage.CANCELLED])
        .order_by("created_at")
    )


def admin_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations this user speaks for (is an admin of)."""
    return (
        Organisation.objects.filter(
            affiliations__person_id=getattr(user, "person_id", None) or 0,
            affiliations__is_admin=True,
        )
        .distinct()
        .order_by("name_en")
    )
