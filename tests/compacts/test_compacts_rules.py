"""Each rule on its boundary, over plain records, with no database (milliseconds)."""

from dataclasses import replace
from datetime import date

import pytest

from commonground.compacts import ruleset as rules
from commonground.compacts.disputes import add_working_days, is_overdue
from commonground.compacts.packs import Override, PackError, effective_rules, load_packs, parse_pack

TODAY = date(2026, 12, 1)

CONSULTATION = rules.Consultation(
    id=1,
    url="/c/1",
    title="Library hours",
    published=True,
    opens_on=date(2026, 1, 5),  # a Monday
    closes_on=date(2026, 3, 29),  # 84 days, both ends counted: exactly 12 weeks
    feedback_due_on=date(2026, 6, 1),
    feedback_published_on=date(2026, 5, 20),
)

AGREEMENT = rules.Agreement(
    id=7,
    url="/a/7",
    title="Advice",
    amount_pence=2_000_000,
    starts_on=date(2026, 4, 1),
    ends_on=date(2029, 3, 31),
    status="running",
)


def check(rule: str, record: rules.Record, **params: object) -> rules.Breach | None:
    kind, fn = rules.RULES[rule]
    assert isinstance(record, kind)
    return fn(record, params, TODAY)


def test_consultation_of_exactly_twelve_weeks_complies_and_one_day_short_does_not() -> None:
    assert check("consultation.minimum_period", CONSULTATION, minimum_weeks=12) is None
    short = replace(CONSULTATION, closes_on=date(2026, 3, 28))
    breach = check("consultation.minimum_period", short, minimum_weeks=12)
    assert breach is not None and breach.severity is None
    assert breach.evidence["days_open"] == 83
    assert breach.evidence["minimum_days"] == 84
    assert breach.evidence["earliest_compliant_close"] == "2026-03-29"


def test_a_short_consultation_with_a_recorded_reason_is_a_warning() -> None:
    short = replace(CONSULTATION, closes_on=date(2026, 3, 28), short_period_reason="Flooding")
    breach = check("consultation.minimum_period", short, minimum_weeks=12)
    assert breach is not None and breach.severity == rules.WARNING


def test_a_draft_consultation_is_not_judged() -> None:
    draft = replace(CONSULTATION, published=False, closes_on=date(2026, 1, 10))
    assert check("consultation.minimum_period", draft, minimum_weeks=12) is None


def test_feedback_is_due_on_its_date_and_late_the_day_after() -> None:
    unpublished = replace(CONSULTATION, feedback_published_on=None, feedback_due_on=TODAY)
    assert check("consultation.feedback_published", unpublished) is None
    late = replace(unpublished, feedback_due_on=date(2026, 11, 30))
    breach = check("consultation.feedback_published", late)
    assert breach is not None and breach.evidence["days_late"] == 1
    assert (
        check("consultation.feedback_published", replace(late, feedback_published_on=TODAY)) is None
    )


def test_three_months_notice_exactly_complies_and_one_day_short_does_not() -> None:
    given = replace(AGREEMENT, notice_given_on=date(2026, 9, 1), notice_ends_on=date(2026, 12, 1))
    assert check("funding.notice_before_ending", given, minimum_months=3) is None
    short = replace(given, notice_ends_on=date(2026, 11, 30))
    breach = check("funding.notice_before_ending", short, minimum_months=3)
    assert breach is not None
    assert breach.evidence["days_given"] == 90
    assert breach.evidence["earliest_compliant_end"] == "2026-12-01"


def test_ending_early_with_no_notice_at_all_breaks_the_rule() -> None:
    ended = replace(AGREEMENT, status="ended_early", ended_on=date(2026, 10, 1))
    breach = check("funding.notice_before_ending", ended, minimum_months=3)
    assert breach is not None and breach.evidence["days_given"] == 0


def test_three_years_for_continuing_work_complies_and_a_day_less_does_not() -> None:
    continuing = replace(AGREEMENT, previous_end_on=date(2026, 3, 31))
    params = {"minimum_years": 3, "continuing_within_days": 92}
    assert check("funding.multi_year", continuing, **params) is None
    shorter = replace(continuing, ends_on=date(2029, 3, 30))
    breach = check("funding.multi_year", shorter, **params)
    assert breach is not None and breach.evidence["minimum_term_ends_on"] == "2029-03-31"
    reasoned = replace(
        shorter, reasons={"funding.multi_year": "A pilot year, agreed with the sector"}
    )
    assert check("funding.multi_year", reasoned, **params) is None


def test_single_year_funding_for_new_work_is_not_a_continuation() -> None:
    new = replace(AGREEMENT, ends_on=date(2027, 3, 31), previous_end_on=date(2025, 12, 29))
    params = {"minimum_years": 3, "continuing_within_days": 92}
    assert check("funding.multi_year", new, **params) is None  # ended 93 days before the start
    assert check("funding.multi_year", replace(new, previous_end_on=date(2025, 12, 30)), **params)


def test_arrears_break_payment_in_advance_unless_a_reason_is_recorded() -> None:
    assert check("funding.payment_in_advance", AGREEMENT, in_advance=True) is None
    arrears = replace(AGREEMENT, arrears_instalments=(date(2026, 7, 1),))
    breach = check("funding.payment_in_advance", arrears, in_advance=True)
    assert breach is not None and breach.evidence["due_on"] == ["2026-07-01"]
    reasoned = replace(arrears, reasons={"funding.payment_in_advance": "Spot purchase"})
    assert check("funding.payment_in_advance", reasoned, in_advance=True) is None


def test_full_cost_recovery_refused_is_flagged_and_unrecorded_is_not() -> None:
    assert check("funding.full_cost_recovery", replace(AGREEMENT, fcr_allowed=False))
    assert check("funding.full_cost_recovery", replace(AGREEMENT, fcr_allowed=True)) is None
    assert check("funding.full_cost_recovery", AGREEMENT) is None


BANDS = [
    {"up_to_pence": 2_500_000, "at_most_every_months": 12},
    {"up_to_pence": 10_000_000, "at_most_every_months": 6},
    {"up_to_pence": None, "at_most_every_months": 3},
]


def test_monitoring_is_judged_by_the_value_band_at_its_boundary() -> None:
    at_limit = replace(AGREEMENT, amount_pence=2_500_000, monitoring_frequency="six_monthly")
    breach = check("funding.proportionate_monitoring", at_limit, bands=BANDS)
    assert breach is not None and breach.evidence["at_most_every_months"] == 12
    over = replace(at_limit, amount_pence=2_500_001)
    assert check("funding.proportionate_monitoring", over, bands=BANDS) is None
    annual = replace(at_limit, monitoring_frequency="annual")
    assert check("funding.proportionate_monitoring", annual, bands=BANDS) is None


ISSUE = rules.LiaisonIssue(
    id=3, url="/m/3", title="Parking", raised_on=date(2026, 9, 1), next_meeting_on=TODAY
)


def test_a_liaison_issue_is_late_only_once_the_next_meeting_has_passed() -> None:
    assert check("liaison.response_by_next_meeting", ISSUE) is None
    passed = replace(ISSUE, next_meeting_on=date(2026, 11, 30))
    breach = check("liaison.response_by_next_meeting", passed)
    assert breach is not None and breach.evidence["next_meeting_on"] == "2026-11-30"
    assert (
        check("liaison.response_by_next_meeting", replace(passed, has_written_response=True))
        is None
    )
    assert (
        check("liaison.response_by_next_meeting", replace(passed, officer_attending="Ms Rees"))
        is None
    )


def test_review_is_due_twelve_months_after_the_last_and_overdue_the_day_after() -> None:
    compact = rules.Compact(
        id=1,
        url="/",
        title="C",
        status="active",
        adopted_on=date(2020, 1, 1),
        last_reviewed_on=date(2025, 12, 1),
    )
    assert check("compact.review_due", compact, review_period_months=12) is None
    late = replace(compact, last_reviewed_on=date(2025, 11, 30))
    breach = check("compact.review_due", late, review_period_months=12)
    assert breach is not None and breach.evidence["days_overdue"] == 1


def test_every_shipped_pack_parses_and_has_the_three_sources() -> None:
    packs = load_packs()
    assert {"wales-funding-code-2014", "england-compact-2010", "model-local-compact"} <= set(packs)
    england = packs["england-compact-2010"].commitment("funding.notice_before_ending")
    assert england is not None and england.defaults() == {"minimum_months": 3}
    wales = packs["wales-funding-code-2014"].commitment("funding.notice_before_ending")
    assert wales is not None and wales.defaults() == {"minimum_months": None}
    assert wales.unconfirmed() == ["minimum_months"]


def test_a_rule_with_an_unset_parameter_is_not_checked_until_the_area_sets_it() -> None:
    wales = load_packs()["wales-funding-code-2014"]
    short = replace(AGREEMENT, notice_given_on=date(2026, 11, 1), notice_ends_on=date(2026, 11, 2))
    assert rules.evaluate(effective_rules([wales]), [short], TODAY) == []
    set_here = effective_rules(
        [wales], [Override("funding.notice_before_ending", "minimum_months", 2)]
    )
    [result] = rules.evaluate(set_here, [short], TODAY)
    assert result.rule == "funding.notice_before_ending" and result.record_id == 7


def test_a_bad_pack_says_what_is_wrong() -> None:
    with pytest.raises(PackError, match="unknown rule id"):
        parse_pack(
            {
                "id": "x",
                "version": "1",
                "title": {"en": "X", "cy": "X"},
                "source": {},
                "commitments": [
                    {"rule": "no.such", "text": {}, "severity": "breach", "applies_to": []}
                ],
            }
        )


def test_working_days_skip_weekends() -> None:
    friday = date(2026, 12, 4)
    assert add_working_days(friday, 1) == date(2026, 12, 7)
    assert add_working_days(friday, 20) == date(2027, 1, 1)
    assert not is_overdue(friday, 20, date(2027, 1, 1))
    assert is_overdue(friday, 20, date(2027, 1, 2))
