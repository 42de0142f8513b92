"""The compact consultation window, as a pure rule.

Rule (PRODUCT.md C5, seed 004 L283): a formal written consultation stays open for at least
the area's minimum number of weeks (a setting, 12 by default). The period is counted in
calendar days from the open date to the close date, **both days included**, and a week is
seven such days. So a consultation opening on Monday 5 January 2026 meets a 12-week minimum
if it closes on or after Sunday 29 March 2026 (84 days); closing on Saturday 28 March (83
days) is one day short and needs a recorded reason, which the public page shows.
"""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Window:
    opens_on: date
    closes_on: date
    minimum_weeks: int

    @property
    def days(self) -> int:
        """Calendar days open, counting both the open and the close date."""
        return (self.closes_on - self.opens_on).days + 1

    @property
    def weeks(self) -> float:
        return self.days / 7

    @property
    def whole_weeks(self) -> int:
        return self.days // 7

    @property
    def extra_days(self) -> int:
        return self.days % 7

    @property
    def meets_minimum(self) -> bool:
        return self.days >= self.minimum_weeks * 7

    @property
    def earliest_compliant_close(self) -> date:
        return self.opens_on + timedelta(days=self.minimum_weeks * 7 - 1)
