"""The pure counting rules, in milliseconds."""

from datetime import date
from decimal import Decimal

from commonground.monitoring.reporting import IndicatorSpec, Record, TargetSpec, report, value_of

START, END = date(2024, 1, 1), date(2024, 12, 31)


def test_fifteen_people_at_both_sessions_are_fifteen() -> None:
    records = [
        Record("attendees", "eligible", person=f"p{n}", key=f"{s}-{n}")
        for s in (1, 2)
        for n in range(15)
    ]
    assert len(records) == 30
    assert value_of(records, "participants") == 15
    assert value_of(records, "count") == 30


def test_distinct_organisations_and_each_status_on_its_own() -> None:
    records = [
        Record("trained", "eligible", organisation="a", key="1"),
        Record("trained", "eligible", organisation="a", key="2"),
        Record("trained", "eligible", organisation="b", key="3"),
        Record("trained", "pipeline", organisation="a", key="4"),
        Record("trained", "not_eligible", key="5"),
    ]
    [row] = report([IndicatorSpec("trained", "organisations")], records, [], (), START, END)
    assert (row.eligible, row.pipeline, row.not_eligible) == (2, 1, 1)


def test_a_zero_base_has_no_value_and_a_base_shows_n() -> None:
    specs = [
        IndicatorSpec("people", "participants"),
        IndicatorSpec("plans", "participants"),
        IndicatorSpec("share", "percentage", "plans", "people"),
    ]
    [_, _, empty] = report(specs, [], [], (), START, END)
    assert empty.no_data and empty.percentage is None and empty.percent_of_target is None
    records = [Record("people", "eligible", person=p, key=p) for p in "abcd"] + [
        Record("plans", "eligible", person="a", key="x")
    ]
    share = report(specs, records, [TargetSpec("share", START, END, Decimal(50))], (), START, END)[
        2
    ]
    assert (share.base, share.percentage, share.percent_of_target) == (
        4,
        Decimal("25.0"),
        Decimal("50"),
    )


def test_targets_belong_to_their_area_and_period() -> None:
    targets = [
        TargetSpec("d", START, END, Decimal(15)),
        TargetSpec("d", START, END, Decimal(5), area="W1"),
        TargetSpec("d", date(2025, 1, 1), date(2025, 12, 31), Decimal(99), area="W1"),
    ]
    records = [
        Record("d", "eligible", area="W1", key="1"),
        Record("d", "eligible", area="W2", key="2"),
    ]
    spec = [IndicatorSpec("d", "count")]
    [whole] = report(spec, records, targets, (), START, END)
    assert (whole.target, whole.eligible, whole.percent_of_target) == (15, 2, 13)
    rows = {r.area: r for r in report(spec, records, targets, ("area",), START, END)}
    assert rows["W1"].target == 5 and rows["W2"].target is None
