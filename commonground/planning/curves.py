"""The status and trend of a measure, from its values by period: pure Python, no Django.

Status of the latest due period (``status``):

- **no data** when the period has no actual, or it has an actual but neither a target nor a
  forecast to judge it against;
- with a **target**, the measure is **on track** when the actual meets the target: at least
  the target when higher is better, at most the target when lower is better. An actual equal
  to the target is on track;
- with **no target but a forecast** (where the curve was heading, RBA's "baseline
  forecast"), it is **on track** when the actual is as good as the forecast or better, the
  curve held or turned; otherwise **off track**. A target, when there is one, wins over the
  forecast.

Trend (``trend``) compares the latest actual with an earlier value (the previous period's
actual, or the baseline): **better**, **worse** or **same**, using polarity; unknown when
either value is missing.

Periods are written ``2025`` (a year), ``2025-Q3`` (a quarter) or ``2025-09`` (a month).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Status(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    UNKNOWN = "unknown"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


Number = Decimal | int | float


def _at_least_as_good(polarity: Polarity, actual: Number, benchmark: Number) -> bool:
    if polarity == Polarity.HIGHER_IS_BETTER:
        return actual >= benchmark
    return actual <= benchmark


def status(
    polarity: Polarity | str,
    actual: Number | None,
    target: Number | None = None,
    forecast: Number | None = None,
) -> Status:
    """The status of one period's values (see the module's rule)."""
    polarity = Polarity(polarity)
    if actual is None:
        return Status.NO_DATA
    benchmark = target if target is not None else forecast
    if benchmark is None:
        return Status.NO_DATA
    if _at_least_as_good(polarity, actual, benchmark):
        return Status.ON_TRACK
    return Status.OFF_TRACK


def trend(polarity: Polarity | str, current: Number | None, earlier: Number | None) -> Trend:
    """Whether ``current`` is better, worse or the same as ``earlier``, by polarity."""
    polarity = Polarity(polarity)
    if current is None or earlier is None:
        return Trend.UNKNOWN
    if current == earlier:
        return Trend.SAME
    better = current > earlier if polarity == Polarity.HIGHER_IS_BETTER else current < earlier
    return Trend.BETTER if better else Trend.WORSE


# Periods

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: ``index`` counts periods of its frequency from year 0."""

    frequency: Frequency
    index: int

    @property
    def label(self) -> str:
        if self.frequency == Frequency.ANNUAL:
            return f"{self.index:04d}"
        if self.frequency == Frequency.QUARTERLY:
            return f"{self.index // 4:04d}-Q{self.index % 4 + 1}"
        return f"{self.index // 12:04d}-{self.index % 12 + 1:02d}"

    def previous(self) -> "Period":
        return Period(self.frequency, self.index - 1)

    def __str__(self) -> str:
        return self.label


def parse_period(text: str, frequency: Frequency | str) -> Period:
    """Read a period of ``frequency``; ``ValueError`` when it is not one."""
    frequency = Frequency(frequency)
    text = text.strip().upper()
    pattern = {
        Frequency.ANNUAL: _YEAR,
        Frequency.QUARTERLY: _QUARTER,
        Frequency.MONTHLY: _MONTH,
    }[frequency]
    match = pattern.match(text)
    if not match:
        raise ValueError(text)
    year = int(match.group(1))
    if frequency == Frequency.ANNUAL:
        return Period(frequency, year)
    part = int(match.group(2))
    per_year = 4 if frequency == Frequency.QUARTERLY else 12
    return Period(frequency, year * per_year + part - 1)


def period_example(frequency: Frequency | str) -> str:
    return {"annual": "2025", "quarterly": "2025-Q3", "monthly": "2025-09"}[Frequency(frequency)]


def latest_due_period(frequency: Frequency | str, on: date) -> Period:
    """The last whole period that ended before ``on``: the one whose values are due."""
    frequency = Frequency(frequency)
    if frequency == Frequency.ANNUAL:
        return Period(frequency, on.year - 1)
    if frequency == Frequency.QUARTERLY:
        return Period(frequency, on.year * 4 + (on.month - 1) // 3 - 1)
    return Period(frequency, on.year * 12 + on.month - 2)
