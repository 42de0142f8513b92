"""Each rule against the platform's own records: a break gives exactly one finding with its
evidence, a compliant record gives none, and fixing the record resolves the finding."""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from commonground.compacts import actions
from commonground.compacts.findings import run_compact
from commonground.compacts.models import Compact, Finding
from commonground.core.models import User

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
PUBLISHED = datetime(2026, 5, 20, 12, tzinfo=ZoneInfo("Europe/London"))


def run(compact: Compact, today: date = TODAY) -> list[Finding]:
    return run_compact(compact, today=today)


def only(compact: Compact, rule: str, record: Any) -> Finding:
    findings = run(compact)
    assert [(f.rule, f.record_id) for f in findings] == [(rule, record.pk)]
    assert findings[0].record_url == record.get_absolute_url()
    return findings[0]


def resolved(compact: Compact, finding: Finding) -> None:
    assert run(compact) == []
    finding.refresh_from_db()
    assert finding.resolved_at is not None and finding.status == "resolved"


def test_a_consultation_one_day_short_of_twelve_weeks_is_one_finding_until_extended(
    compact: Compact, make_consultation: Callable[..., Any]
) -> None:
    make_consultation(feedback_published_at=PUBLISHED)  # exactly 12 weeks: complies
    assert run(compact) == []
    short = make_consultation(closes_on=date(2026, 3, 28), feedback_published_at=PUBLISHED)
    finding = only(compact, "consultation.minimum_period", short)
    assert finding.severity == "breach"
    assert finding.evidence["days_open"] == 83 and finding.evidence["minimum_days"] == 84
    short.closes_on = date(2026, 3, 29)
    short.save()
    resolved(compact, finding)


def test_a_short_consultation_with_its_reason_is_a_warning(
    compact: Compact, make_consultation: Callable[..., Any]
) -> None:
    short = make_consultation(
        closes_on=date(2026, 3, 1), feedback_published_at=PUBLISHED, short_period_reason_en="Flood"
    )
    assert only(compact, "consultation.minimum_period", short).severity == "warning"


def test_feedback_not_published_by_its_due_date_until_it_is(
    compact: Compact, make_consultation: Callable[..., Any]
) -> None:
    make_consultation(feedback_due_on=TODAY)  # due today: not late yet
    assert run(compact) == []
    late = make_consultation(feedback_due_on=TODAY - timedelta(days=1))
    finding = only(compact, "consultation.feedback_published", late)
    assert finding.evidence["days_late"] == 1
    late.feedback_published_at = PUBLISHED
    late.save()
    resolved(compact, finding)


def test_notice_a_day_short_of_three_months(
    compact: Compact, make_agreement: Callable[..., Any]
) -> None:
    make_agreement(notice_given_on=date(2026, 9, 1), notice_ends_on=date(2026, 12, 1))
    assert run(compact) == []
    short = make_agreement(notice_given_on=date(2026, 9, 1), notice_ends_on=date(2026, 11, 30))
    finding = only(compact, "funding.notice_before_ending", short)
    assert finding.evidence["minimum_months"] == 3
    assert finding.evidence["earliest_compliant_end"] == "2026-12-01"
    short.notice_ends_on = date(2026, 12, 1)
    short.save()
    resolved(compact, finding)


def test_continuing_work_funded_for_a_day_less_than_three_years(
    compact: Compact, staff: User, make_agreement: Callable[..., Any]
) -> None:
    make_agreement(starts_on=date(2023, 4, 1), ends_on=date(2026, 3, 31))
    make_agreement(starts_on=date(2026, 4, 1), ends_on=date(2029, 3, 31))  # three years
    assert run(compact) == []
    shorter = make_agreement(starts_on=date(2026, 4, 2), ends_on=date(2027, 4, 1))
    finding = only(compact, "funding.multi_year", shorter)
    assert finding.evidence["minimum_term_ends_on"] == "2029-04-01"
    actions.record_reason(
        staff, compact, "funding.multi_year", "funding.agreement", shorter.pk, "A pilot year"
    )
    resolved(compact, finding)


def test_payment_in_arrears_until_a_reason_is_recorded(
    compact: Compact, staff: User, make_agreement: Callable[..., Any]
) -> None:
    make_agreement()
    assert run(compact) == []
    arrears = make_agreement(arrears=2)
    finding = only(compact, "funding.payment_in_advance", arrears)
    assert finding.evidence["instalments_in_arrears"] == 2
    actions.record_reason(
        staff,
        compact,
        "funding.payment_in_advance",
        "funding.agreement",
        arrears.pk,
        "Paid on evidence of sessions held, as the charity asked",
    )
    resolved(compact, finding)


def test_full_cost_recovery_refused(compact: Compact, make_agreement: Callable[..., Any]) -> None:
    make_agreement(fcr_allowed=None)
    assert run(compact) == []
    refused = make_agreement(fcr_allowed=False)
    finding = only(compact, "funding.full_cost_recovery", refused)
    assert finding.evidence == {"fcr_allowed": False, "expected": True}
    refused.fcr_allowed = True
    refused.save()
    resolved(compact, finding)


def test_monitoring_more_often_than_the_value_band_allows(
    compact: Compact, make_agreement: Callable[..., Any]
) -> None:
    make_agreement(amount_pence=2_500_001, monitoring_frequency="six_monthly")
    assert run(compact) == []
    small = make_agreement(amount_pence=2_500_000, monitoring_frequency="six_monthly")
    finding = only(compact, "funding.proportionate_monitoring", small)
    assert finding.evidence["at_most_every_months"] == 12
    assert finding.evidence["every_months"] == 6
    small.monitoring_frequency = "annual"
    small.save()
    resolved(compact, finding)


def test_a_liaison_issue_with_no_response_by_the_next_meeting(
    compact: Compact, make_issue: Callable[..., Any]
) -> None:
    issue = make_issue(date(2026, 10, 1), TODAY)
    assert run(compact, TODAY) == []  # the next meeting is today: not late yet
    tomorrow = TODAY + timedelta(days=1)
    findings = run(compact, tomorrow)
    assert [(f.rule, f.record_id) for f in findings] == [
        ("liaison.response_by_next_meeting", issue.pk)
    ]
    assert findings[0].evidence["next_meeting_on"] == TODAY.isoformat()
    issue.officer_attending = "Head of Highways"
    issue.save()
    assert run(compact, tomorrow) == []
    findings[0].refresh_from_db()
    assert findings[0].resolved_at is not None


def test_a_compact_not_reviewed_within_a_year(compact: Compact, staff: User) -> None:
    compact.last_reviewed_on = date(2025, 12, 1)
    compact.save()
    assert run(compact) == []
    compact.last_reviewed_on = date(2025, 11, 30)
    compact.save()
    finding = only(compact, "compact.review_due", compact)
    assert finding.evidence["review_due_on"] == "2026-11-30"
    actions.record_review(staff, compact, date(2026, 11, 1))
    resolved(compact, finding)


def test_running_twice_changes_nothing_and_a_break_again_reopens_the_same_finding(
    compact: Compact, make_agreement: Callable[..., Any]
) -> None:
    refused = make_agreement(fcr_allowed=False)
    [first] = run(compact)
    [again] = run(compact)
    assert again.pk == first.pk and again.first_seen_at == first.first_seen_at
    assert Finding.objects.count() == 1
    refused.fcr_allowed = True
    refused.save()
    run(compact)
    refused.fcr_allowed = False
    refused.save()
    [reopened] = run(compact)
    assert reopened.pk == first.pk and reopened.resolved_at is None


def test_records_of_another_area_are_not_judged(
    compact: Compact, make_agreement: Callable[..., Any], other_area: Any
) -> None:
    make_agreement(fcr_allowed=False, area=other_area)
    assert run(compact) == []


def test_an_override_needs_a_reason_and_a_whole_number(compact: Compact, staff: User) -> None:
    rule, name = "consultation.minimum_period", "minimum_weeks"
    with pytest.raises(ValidationError) as no_reason:
        actions.override_parameter(staff, compact, rule, name, 8, " ")
    assert "reason" in no_reason.value.message_dict
    with pytest.raises(ValidationError) as not_number:
        actions.override_parameter(staff, compact, rule, name, "eight", "Agreed at liaison")
    assert "value" in not_number.value.message_dict
    with pytest.raises(ValidationError):
        actions.override_parameter(staff, compact, rule, "no_such", 8, "Agreed")
    assert not compact.overrides.exists()


def test_changing_the_override_changes_the_findings(
    compact: Compact, staff: User, make_consultation: Callable[..., Any]
) -> None:
    nine_weeks = make_consultation(closes_on=date(2026, 3, 8), feedback_published_at=PUBLISHED)
    assert [f.record_id for f in run(compact)] == [nine_weeks.pk]
    actions.override_parameter(
        staff,
        compact,
        "consultation.minimum_period",
        "minimum_weeks",
        "9",
        "Agreed at the liaison committee of 3 March 2026 for budget consultations",
    )
    assert run(compact) == []
    actions.override_parameter(
        staff, compact, "consultation.minimum_period", "minimum_weeks", 10, "Back to ten"
    )
    [finding] = run(compact)
    assert finding.evidence["minimum_weeks"] == 10


def test_the_override_changes_the_consultation_window_too(
    compact: Compact, staff: User, make_consultation: Callable[..., Any]
) -> None:
    from commonground.engagement.queries import minimum_consultation_weeks, window_for

    nine_weeks = make_consultation(closes_on=date(2026, 3, 8), feedback_published_at=PUBLISHED)
    assert minimum_consultation_weeks(compact.area) == 12
    assert not window_for(nine_weeks).meets_minimum
    actions.override_parameter(
        staff, compact, "consultation.minimum_period", "minimum_weeks", 9, "Budget consultations"
    )
    assert minimum_consultation_weeks(compact.area) == 9
    assert window_for(nine_weeks).meets_minimum
    assert run(compact) == []


def test_an_area_with_no_compact_follows_its_country_pack(area: Any) -> None:
    from commonground.engagement.queries import minimum_consultation_weeks

    assert area.country == "wales"
    assert minimum_consultation_weeks(area) == 12  # wales-funding-code-2014.json
