"""Reads: programmes, their evidence, and reports built from raw evidence records."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from commonground.core.models import Area, Organisation
from commonground.monitoring import reporting
from commonground.monitoring.models import Evidence, Indicator, Programme, Target

GROUPINGS = {
    "": (),
    "area": ("area",),
    "partner": ("partner",),
    "area,partner": ("area", "partner"),
}


def programmes() -> QuerySet[Programme]:
    return Programme.objects.order_by("title_en")


def evidence(programme: Programme, status: str = "") -> QuerySet[Evidence]:
    found = programme.evidence.select_related(
        "indicator", "area", "delivery_partner", "organisation", "entered_by"
    )
    return found.filter(status=status) if status else found


def records(programme: Programme, start: date, end: date) -> list[reporting.Record]:
    rows = (
        Evidence.objects.filter(programme=programme, date__gte=start, date__lte=end)
        .values_list(
            "pk",
            "indicator__code",
            "status",
            "quantity",
            "area__code",
            "delivery_partner_id",
            "organisation_ref",
            "person_ref",
        )
        .order_by()
    )
    return [
        reporting.Record(
            indicator=code,
            status=status,
            quantity=quantity,
            area=area,
            partner=partner,
            organisation=organisation,
            person=person,
            key=str(pk),
        )
        for pk, code, status, quantity, area, partner, organisation, person in rows
    ]


def indicator_specs(programme: Programme) -> list[reporting.IndicatorSpec]:
    return [
        reporting.IndicatorSpec(
            i.code,
            i.unit,
            i.numerator.code if i.numerator else None,
            i.denominator.code if i.denominator else None,
        )
        for i in programme.indicators.select_related("numerator", "denominator", "strand")
    ]


def target_specs(programme: Programme) -> list[reporting.TargetSpec]:
    return [
        reporting.TargetSpec(
            t.indicator.code,
            t.period_start,
            t.period_end,
            t.value,
            t.area.code if t.area else None,
            t.delivery_partner_id,
        )
        for t in Target.objects.filter(indicator__programme=programme).select_related(
            "indicator", "area"
        )
    ]


@dataclass
class Report:
    programme: Programme
    by: str
    start: date
    end: date
    rows: list[reporting.Row]
    indicators: dict[str, Indicator]
    areas: dict[str, Area]
    partners: dict[int, Organisation]

    def as_json(self) -> dict[str, Any]:
        return {
            "programme": self.programme.slug,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "rows": [
                {
                    "indicator": r.indicator,
                    "area": r.area,
                    "delivery_partner": self.partners[r.partner].slug if r.partner else None,
                    "target": _number(r.target),
                    "eligible": r.eligible,
                    "pipeline": r.pipeline,
                    "not_eligible": r.not_eligible,
                }
                for r in self.rows
            ],
        }

    def table(self) -> list[list[Any]]:
        """A header and one row per report row, for the page, CSV and XLSX."""
        header: list[Any] = [_("Indicator")]
        if "area" in self.by:
            header.append(_("Area"))
        if "partner" in self.by:
            header.append(_("Delivery partner"))
        header += [
            _("Target"),
            _("Eligible"),
            _("Pipeline"),
            _("Not eligible"),
            _("% of target"),
            _("Base (n)"),
        ]
        body: list[list[Any]] = [header]
        for r in self.rows:
            line: list[Any] = [self.indicators[r.indicator].title]
            if "area" in self.by:
                line.append(str(self.areas[r.area].name) if r.area else _("No area"))
            if "partner" in self.by:
                line.append(self.partners[r.partner].name if r.partner else _("No partner"))
            if r.base is not None:
                value: Any = _("no data") if r.no_data else f"{r.percentage}%"
                line += [_number(r.target), value, r.pipeline, r.not_eligible]
            else:
                line += [_number(r.target), r.eligible, r.pipeline, r.not_eligible]
            pct = r.percent_of_target
            line.append("" if pct is None else f"{pct}%")
            line.append("" if r.base is None else r.base)
            body.append(line)
        return body


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def report(
    programme: Programme, by: str = "", start: date | None = None, end: date | None = None
) -> Report:
    """Targets against recorded values for ``start``..``end`` (the programme's period by
    default), grouped by ``by`` (a key of ``GROUPINGS``)."""
    start = start or programme.period_start
    end = end or programme.period_end
    rows = reporting.report(
        indicator_specs(programme),
        records(programme, start, end),
        target_specs(programme),
        GROUPINGS[by],
        start,
        end,
    )
    indicators = {i.code: i for i in programme.indicators.all()}
    area_codes = {r.area for r in rows if r.area}
    partner_ids = {r.partner for r in rows if r.partner}
    return Report(
        programme,
        by,
        start,
        end,
        rows,
        indicators,
        {a.code: a for a in Area.objects.filter(code__in=area_codes)},
        Organisation.objects.in_bulk(partner_ids),
    )


def distinct_value(
    programme: Programme,
    indicator: str,
    *,
    areas: Sequence[str] | None = None,
    partner: str | None = None,
    status: str = "eligible",
) -> int:
    """One figure of a seed table: an indicator's value over some areas or one partner."""
    found = Evidence.objects.filter(programme=programme, indicator__code=indicator, status=status)
    if areas is not None:
        found = found.filter(area__code__in=areas)
    if partner is not None:
        found = found.filter(delivery_partner__slug=partner)
    unit = programme.indicators.get(code=indicator).unit
    return reporting.value_of(
        [
            reporting.Record(indicator, status, q, organisation=o, person=p, key=str(pk))
            for pk, q, o, p in found.values_list("pk", "quantity", "organisation_ref", "person_ref")
        ],
        unit,
    )
