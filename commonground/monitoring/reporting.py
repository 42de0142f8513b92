"""Counting evidence against targets: pure Python, no Django, tested in milliseconds.

A count indicator sums quantities. A distinct indicator counts distinct organisations or
people, not records: fifteen people who came to both sessions are 15, not 30 (003 L1298).
Each status column counts on its own, so a person eligible once and in the pipeline once
is in both columns. A percentage indicator is its numerator's eligible value over its
denominator's, with the denominator as its base (n); a zero base has no value ("no data").
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

STATUSES = ("eligible", "pipeline", "not_eligible")
COUNT, ORGANISATIONS, PARTICIPANTS, PERCENTAGE = (
    "count",
    "organisations",
    "participants",
    "percentage",
)


@dataclass(frozen=True)
class Record:
    indicator: str
    status: str
    quantity: int = 1
    area: str | None = None
    partner: int | None = None
    organisation: str = ""
    person: str = ""
    key: str = ""  # what makes a record distinct when it names no one (its id)


@dataclass(frozen=True)
class TargetSpec:
    indicator: str
    period_start: date
    period_end: date
    value: Decimal
    area: str | None = None
    partner: int | None = None


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    unit: str
    numerator: str | None = None
    denominator: str | None = None


@dataclass
class Row:
    indicator: str
    area: str | None
    partner: int | None
    target: Decimal | None
    eligible: int
    pipeline: int
    not_eligible: int
    base: int | None = None  # a percentage indicator's n
    percentage: Decimal | None = None  # a percentage indicator's value
    no_data: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def percent_of_target(self) -> Decimal | None:
        value = self.percentage if self.base is not None else Decimal(self.eligible)
        if self.target in (None, 0) or value is None:
            return None
        assert self.target is not None
        return (value * 100 / self.target).quantize(Decimal("1"))


def _unit_of(record: Record, unit: str) -> object:
    if unit == ORGANISATIONS:
        return record.organisation or f"r:{record.key}"
    if unit == PARTICIPANTS:
        return record.person or f"r:{record.key}"
    return None


def value_of(records: Iterable[Record], unit: str) -> int:
    """The sum of quantities (count) or the number of distinct organisations or people."""
    items = list(records)
    if unit in (ORGANISATIONS, PARTICIPANTS):
        return len({_unit_of(r, unit) for r in items})
    return sum(r.quantity for r in items)


def _dims(
    by: Sequence[str], area: str | None, partner: int | None
) -> tuple[str | None, int | None]:
    return (area if "area" in by else None, partner if "partner" in by else None)


def _target(
    targets: Sequence[TargetSpec],
    indicator: str,
    by: Sequence[str],
    area: str | None,
    partner: int | None,
    start: date,
    end: date,
) -> Decimal | None:
    """Targets whose period lies within the report's and whose area and partner are the
    row's (a target for no area belongs to the row for no area)."""
    found = [
        t.value
        for t in targets
        if t.indicator == indicator
        and t.period_start >= start
        and t.period_end <= end
        and _dims(by, t.area, t.partner) == (area, partner)
        and ("area" in by or t.area is None)
        and ("partner" in by or t.partner is None)
    ]
    return sum(found, Decimal(0)) if found else None


def report(
    indicators: Sequence[IndicatorSpec],
    records: Sequence[Record],
    targets: Sequence[TargetSpec],
    by: Sequence[str],
    start: date,
    end: date,
) -> list[Row]:
    """One row per indicator and group (``by`` is some of "area", "partner"), in the order
    of ``indicators``; a group appears when it has a record or a target."""
    units = {i.code: i.unit for i in indicators}
    grouped: dict[tuple[str, str | None, int | None], list[Record]] = defaultdict(list)
    for r in records:
        grouped[(r.indicator, *_dims(by, r.area, r.partner))].append(r)
    for t in targets:
        if ("area" in by or t.area is None) and ("partner" in by or t.partner is None):
            grouped.setdefault((t.indicator, *_dims(by, t.area, t.partner)), [])
    rows: list[Row] = []
    for spec in indicators:
        keys = sorted(
            (k for k in grouped if k[0] == spec.code),
            key=lambda k: (k[1] or "", k[2] or 0),
        )
        if spec.unit == PERCENTAGE and spec.numerator and spec.denominator:
            keys = sorted(
                {
                    (spec.code, k[1], k[2])
                    for k in grouped
                    if k[0] in (spec.numerator, spec.denominator)
                }
                | set(keys),
                key=lambda k: (k[1] or "", k[2] or 0),
            )
        if not keys and not by:
            keys = [(spec.code, None, None)]
        for key in keys:
            _, area, partner = key
            target = _target(targets, spec.code, by, area, partner, start, end)
            if spec.unit == PERCENTAGE and spec.numerator and spec.denominator:
                top = grouped.get((spec.numerator, area, partner), [])
                bottom = grouped.get((spec.denominator, area, partner), [])
                counts = {
                    s: value_of([r for r in top if r.status == s], units.get(spec.numerator, COUNT))
                    for s in STATUSES
                }
                base = value_of(
                    [r for r in bottom if r.status == "eligible"],
                    units.get(spec.denominator, COUNT),
                )
                percentage = (
                    (Decimal(counts["eligible"]) * 100 / base).quantize(Decimal("0.1"))
                    if base
                    else None
                )
                rows.append(
                    Row(
                        spec.code,
                        area,
                        partner,
                        target,
                        counts["eligible"],
                        counts["pipeline"],
                        counts["not_eligible"],
                        base=base,
                        percentage=percentage,
                        no_data=not base,
                    )
                )
                continue
            group = grouped.get(key, [])
            counts = {s: value_of([r for r in group if r.status == s], spec.unit) for s in STATUSES}
            rows.append(
                Row(
                    spec.code,
                    area,
                    partner,
                    target,
                    counts["eligible"],
                    counts["pipeline"],
                    counts["not_eligible"],
                )
            )
    return rows
