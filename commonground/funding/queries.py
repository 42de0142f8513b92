"""Reads: agreements people may see, and the funding flows of an area or of Wales.

Flows count agreed money: every agreement except those only offered, in pounds sterling.
Each agreement counts once, in the financial year (April to March) of its award date, under
its primary area and theme, so every grouping adds up to the same total.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear

from commonground.core.models import Area, Organisation, RoleAssignment, User
from commonground.core.permissions import is_national_viewer
from commonground.funding.models import Agreement, Instalment


def financial_year(day: date) -> int:
    """The year a financial year starts in: 2025 for 1 April 2025 to 31 March 2026."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start: int) -> str:
    return f"{start}-{str(start + 1)[-2:]}"


def visible_agreements(user: Any) -> QuerySet[Agreement]:
    """Published agreements, plus those the user funds, receives or manages by area."""
    agreements = Agreement.objects.select_related("funder", "recipient", "area")
    if not user.is_authenticated:
        return agreements.filter(published=True)
    if user.is_superuser or is_national_viewer(user):
        return agreements
    roles = RoleAssignment.objects.filter(user_id=user.pk)
    funders = roles.filter(role=RoleAssignment.Role.PUBLIC_BODY_OFFICER).values("organisation_id")
    areas = roles.filter(
        role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN]
    ).values("area_id")
    condition = Q(published=True) | Q(funder_id__in=funders) | Q(area_id__in=areas)
    if user.person_id is not None:
        condition |= Q(recipient__affiliations__person_id=user.person_id) | Q(
            funder__affiliations__person_id=user.person_id, funder__affiliations__is_admin=True
        )
    return agreements.filter(condition).distinct()


def managed_funders(user: User) -> list[Organisation]:
    """Organisations the user may record agreements for: any, for superusers and area staff
    (who record for their own areas); otherwise those they are an officer or admin of."""
    roles = RoleAssignment.objects.filter(user_id=user.pk)
    staff = [RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN]
    if user.is_superuser or roles.filter(role__in=staff).exists():
        return list(Organisation.objects.order_by("name_en"))
    ids = roles.filter(role=RoleAssignment.Role.PUBLIC_BODY_OFFICER).values("organisation_id")
    funders = Organisation.objects.filter(pk__in=ids)
    if user.person_id is not None:
        funders |= Organisation.objects.filter(
            affiliations__person_id=user.person_id, affiliations__is_admin=True
        ).exclude(kind=Organisation.Kind.THIRD_SECTOR)
    return list(funders.distinct().order_by("name_en"))


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    pence: int

    def percent_of(self, total: int) -> str:
        return f"{100 * self.pence / total:.1f}" if total else "0.0"


@dataclass
class Flows:
    total_pence: int
    count: int
    groupings: dict[str, list[Row]]
    years: list[Row]
    multi_year_pence: int
    advance_pence: int
    scheduled_pence: int
    fcr_pence: int
    fcr_known_pence: int
    notes: list[str] = field(default_factory=list)

    def share(self, part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f}" if whole else "0.0"


def flow_agreements(area: Area | None, *, include_unpublished: bool) -> QuerySet[Agreement]:
    agreements = Agreement.objects.exclude(status=Agreement.Status.OFFERED).filter(currency="GBP")
    if not include_unpublished:
        agreements = agreements.filter(published=True)
    if area is not None:
        agreements = agreements.filter(area=area)
    return agreements


_FY = Case(
    When(award_date__month__gte=4, then=ExtractYear("award_date")),
    default=ExtractYear("award_date") - Value(1),
    output_field=IntegerField(),
)


def _group(agreements: QuerySet[Agreement], key: str, label: str) -> list[Row]:
    rows = (
        agreements.values(key, label)
        .annotate(count=Count("pk"), pence=Sum("amount_pence"))
        .order_by("-pence", key)
    )
    return [Row(str(r[key] or ""), str(r[label] or ""), r["count"], r["pence"] or 0) for r in rows]


def funding_flows(area: Area | None, *, include_unpublished: bool = False) -> Flows:
    """Totals by funder, directorate, mode, area, theme and financial year, and the shares
    the codes ask about: multi-year, paid in advance, full cost recovery allowed."""
    agreements = flow_agreements(area, include_unpublished=include_unpublished)
    totals = agreements.aggregate(count=Count("pk"), pence=Sum("amount_pence"))
    mode_labels = dict(Agreement.Mode.choices)
    groupings = {
        "funder": _group(agreements, "funder__slug", "funder__name_en"),
        "directorate": _group(agreements, "directorate", "directorate"),
        "mode": [
            Row(r.key, str(mode_labels.get(r.key, r.key)), r.count, r.pence)
            for r in _group(agreements, "mode", "mode")
        ],
        "area": _group(agreements, "area__slug", "area__name_en"),
        "theme": _group(agreements, "theme__slug", "theme__name_en"),
    }
    by_year = (
        agreements.annotate(fy=_FY)
        .values("fy")
        .annotate(count=Count("pk"), pence=Sum("amount_pence"))
        .order_by("fy")
    )
    years = [
        Row(str(r["fy"]), financial_year_label(r["fy"]), r["count"], r["pence"] or 0)
        for r in by_year
    ]
    multi = 0
    fcr = fcr_known = 0
    for pence, starts, ends, allowed in agreements.values_list(
        "amount_pence", "starts_on", "ends_on", "fcr_allowed"
    ):
        if starts and ends and (ends - starts).days >= 365:  # longer than a year
            multi += pence
        if allowed is not None:
            fcr_known += pence
            fcr += pence if allowed else 0
    schedule = Instalment.objects.filter(agreement__in=agreements).aggregate(
        all=Sum("amount_pence"),
        advance=Sum(
            Case(When(timing=Instalment.Timing.ADVANCE, then=F("amount_pence")), default=0)
        ),
    )
    return Flows(
        total_pence=totals["pence"] or 0,
        count=totals["count"],
        groupings=groupings,
        years=years,
        multi_year_pence=multi,
        advance_pence=schedule["advance"] or 0,
        scheduled_pence=schedule["all"] or 0,
        fcr_pence=fcr,
        fcr_known_pence=fcr_known,
    )
