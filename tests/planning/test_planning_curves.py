"""The status and trend rules (``planning/curves.py``), for both polarities and on the
boundaries: actual equal to target, and no target but a forecast."""

from datetime import date
from decimal import Decimal

import pytest

from commonground.planning.curves import (
    Frequency,
    Polarity,
    Status,
    Trend,
    latest_due_period,
    parse_period,
    status,
    trend,
)

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("polarity", "actual", "target", "expected"),
    [
        (HIGHER, 61, 60, Status.ON_TRACK),
        (HIGHER, 60, 60, Status.ON_TRACK),  # equal to the target is on track
        (HIGHER, Decimal("59.99"), 60, Status.OFF_TRACK),
        (LOWER, 9, 10, Status.ON_TRACK),
        (LOWER, 10, 10, Status.ON_TRACK),
        (LOWER, Decimal("10.01"), 10, Status.OFF_TRACK),
    ],
)
def test_actual_against_target(
    polarity: Polarity, actual: object, target: int, expected: Status
) -> None:
    assert status(polarity, actual, target) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("polarity", "actual", "forecast", "expected"),
    [
        (HIGHER, 50, 48, Status.ON_TRACK),  # beat the forecast: the curve turned
        (HIGHER, 48, 48, Status.ON_TRACK),  # held the forecast
        (HIGHER, 47, 48, Status.OFF_TRACK),
        (LOWER, 20, 25, Status.ON_TRACK),
        (LOWER, 25, 25, Status.ON_TRACK),
        (LOWER, 26, 25, Status.OFF_TRACK),
    ],
)
def test_no_target_but_a_forecast(
    polarity: Polarity, actual: int, forecast: int, expected: Status
) -> None:
    assert status(polarity, actual, None, forecast) == expected


def test_a_target_wins_over_the_forecast() -> None:
    # Better than the forecast, short of the target: off track against the target.
    assert status(HIGHER, 55, target=60, forecast=50) == Status.OFF_TRACK
    assert status(LOWER, 12, target=10, forecast=15) == Status.OFF_TRACK


def test_no_data() -> None:
    assert status(HIGHER, None, 60, 50) == Status.NO_DATA
    assert status(LOWER, 12, None, None) == Status.NO_DATA  # nothing to judge it against


@pytest.mark.parametrize(
    ("polarity", "current", "earlier", "expected"),
    [
        (HIGHER, 12, 10, Trend.BETTER),
        (HIGHER, 8, 10, Trend.WORSE),
        (LOWER, 8, 10, Trend.BETTER),
        (LOWER, 12, 10, Trend.WORSE),
        (HIGHER, 10, 10, Trend.SAME),
        (LOWER, Decimal("10.00"), 10, Trend.SAME),
        (HIGHER, None, 10, Trend.UNKNOWN),
        (LOWER, 10, None, Trend.UNKNOWN),
    ],
)
def test_trend(polarity: Polarity, current: object, earlier: object, expected: Trend) -> None:
    assert trend(polarity, current, earlier) == expected  # type: ignore[arg-type]


def test_periods_and_the_latest_due() -> None:
    assert parse_period("2025-q3", "quarterly").label == "2025-Q3"
    assert parse_period("2025-Q1", Frequency.QUARTERLY).previous().label == "2024-Q4"
    assert parse_period("2025-01", Frequency.MONTHLY).previous().label == "2024-12"
    with pytest.raises(ValueError):
        parse_period("2025-Q5", Frequency.QUARTERLY)
    with pytest.raises(ValueError):
        parse_period("2025", Frequency.QUARTERLY)
    # On 3 December 2026 the quarter due is July to September; the month due is November.
    assert latest_due_period("quarterly", date(2026, 12, 3)).label == "2026-Q3"
    assert latest_due_period("quarterly", date(2026, 1, 1)).label == "2025-Q4"
    assert latest_due_period("monthly", date(2026, 1, 15)).label == "2025-12"
    assert latest_due_period("annual", date(2026, 6, 1)).label == "2025"


def test_the_rules_and_the_chart_are_pure_python() -> None:
    """No Django in the rules or the chart, so they run (and are tested) without it."""
    import ast
    from pathlib import Path

    import commonground.planning as package

    for name in ("curves.py", "chart.py"):
        tree = ast.parse((Path(package.__file__).parent / name).read_text())
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"django", "commonground", "ninja", "rules"}, name
