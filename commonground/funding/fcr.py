"""Full cost recovery: the direct costs of a piece of work plus its fair share of overheads.

Each overhead (rent, management, finance, insurance...) is apportioned by the basis the
organisation chooses for it: staff time, floor area, headcount or spend. The share is the
work's quantity over the organisation's total on that basis (hours over hours, square
metres over square metres), so anyone reading the breakdown can check it. Money is integer
pence; each apportioned share is rounded to the nearest penny, halves up. No Django.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Basis(StrEnum):
    STAFF_TIME = "staff_time"
    FLOOR_AREA = "floor_area"
    HEADCOUNT = "headcount"
    SPEND = "spend"


@dataclass(frozen=True)
class DirectCost:
    name: str
    pence: int


@dataclass(frozen=True)
class Overhead:
    """An overhead's annual cost, and the work's and the organisation's quantities on its basis."""

    name: str
    pence: int
    basis: Basis
    project_quantity: Decimal
    total_quantity: Decimal


@dataclass(frozen=True)
class ApportionedOverhead:
    overhead: Overhead
    share: Decimal  # a fraction, 0 to 1
    pence: int


@dataclass(frozen=True)
class Breakdown:
    direct: list[DirectCost]
    overheads: list[ApportionedOverhead]

    @property
    def direct_pence(self) -> int:
        return sum(d.pence for d in self.direct)

    @property
    def overhead_pence(self) -> int:
        return sum(o.pence for o in self.overheads)

    @property
    def full_cost_pence(self) -> int:
        return self.direct_pence + self.overhead_pence

    @property
    def overhead_percent(self) -> Decimal:
        """Overheads as a share of the full cost, to two decimal places."""
        if self.full_cost_pence == 0:
            return Decimal("0.00")
        return (Decimal(100 * self.overhead_pence) / self.full_cost_pence).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


class InvalidCosts(ValueError):
    """``problems`` lists (row, reason code): negative, no_total, over_total."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def calculate(direct: list[DirectCost], overheads: list[Overhead]) -> Breakdown:
    """Apportion each overhead by its basis and add the shares to the direct costs."""
    problems: list[tuple[str, str]] = []
    for cost in direct:
        if cost.pence < 0:
            problems.append((cost.name, "negative"))
    lines = []
    for overhead in overheads:
        if overhead.pence < 0 or overhead.project_quantity < 0:
            problems.append((overhead.name, "negative"))
            continue
        if overhead.total_quantity <= 0:
            problems.append((overhead.name, "no_total"))
            continue
        if overhead.project_quantity > overhead.total_quantity:
            problems.append((overhead.name, "over_total"))
            continue
        share = overhead.project_quantity / overhead.total_quantity
        pence = (overhead.pence * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        lines.append(ApportionedOverhead(overhead, share, int(pence)))
    if problems:
        raise InvalidCosts(problems)
    return Breakdown(direct, lines)
