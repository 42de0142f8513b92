"""The full cost recovery arithmetic, against an example worked by hand."""

from decimal import Decimal

import pytest

from commonground.funding.fcr import Basis, DirectCost, InvalidCosts, Overhead, calculate


def test_hand_worked_example() -> None:
    # By hand: direct costs 24,000.00 + 1,500.00 = 25,500.00.
    # Rent 12,000.00 x 20/80 m² = 3,000.00; manager 30,000.00 x 7.5/37.5 hours = 6,000.00;
    # finance 4,000.00 x 25,500/102,000 spend = 1,000.00; insurance 1,000.00 x 1/3 staff
    # = 333.333... -> 333.33. Overheads 10,333.33; full cost 35,833.33;
    # overhead share 10,333.33 / 35,833.33 = 28.837...% -> 28.84%.
    breakdown = calculate(
        [DirectCost("Project worker", 2_400_000), DirectCost("Materials", 150_000)],
        [
            Overhead("Rent", 1_200_000, Basis.FLOOR_AREA, Decimal(20), Decimal(80)),
            Overhead("Manager", 3_000_000, Basis.STAFF_TIME, Decimal("7.5"), Decimal("37.5")),
            Overhead("Finance", 400_000, Basis.SPEND, Decimal(25_500), Decimal(102_000)),
            Overhead("Insurance", 100_000, Basis.HEADCOUNT, Decimal(1), Decimal(3)),
        ],
    )
    assert [o.pence for o in breakdown.overheads] == [300_000, 600_000, 100_000, 33_333]
    assert breakdown.direct_pence == 2_550_000
    assert breakdown.overhead_pence == 1_033_333
    assert breakdown.full_cost_pence == 3_583_333
    assert breakdown.overhead_percent == Decimal("28.84")
    assert breakdown.overheads[0].share == Decimal("0.25")


def test_half_a_penny_rounds_up() -> None:
    breakdown = calculate([], [Overhead("Phone", 1, Basis.HEADCOUNT, Decimal(1), Decimal(2))])
    assert breakdown.overhead_pence == 1


def test_impossible_quantities_are_all_named() -> None:
    with pytest.raises(InvalidCosts) as caught:
        calculate(
            [DirectCost("Wages", -5)],
            [
                Overhead("Rent", 100, Basis.FLOOR_AREA, Decimal(10), Decimal(0)),
                Overhead("Heat", 100, Basis.FLOOR_AREA, Decimal(90), Decimal(80)),
            ],
        )
    assert caught.value.problems == [
        ("Wages", "negative"),
        ("Rent", "no_total"),
        ("Heat", "over_total"),
    ]
