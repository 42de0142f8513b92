"""The compact rules, as pure functions over plain records (no Django).

Each rule takes one plain record, the rule's effective parameters (the pack's defaults with
the area's overrides applied) and the day it is judged on, and returns a ``Breach`` with the
values it compared, or ``None`` when the record complies. ``evaluate`` runs every rule of a
compact over every record it applies to. Nothing here reads the database, so the rules are
tested on their boundaries in milliseconds (tests/compacts/test_compacts_rules.py).

A parameter whose value is ``None`` is one the source does not fix and the area has not set:
the rule is then not checked (``evaluate`` skips it) rather than guessed.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from commonground.engagement.compact import Window

BREACH = "breach"
WARNING = "warning"
SEVERITIES = (BREACH, WARNING)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


@dataclass(frozen=True)
class Consultation:
    id: int
    url: str
    title: str
    published: bool
    opens_on: date
    closes_on: date
    feedback_due_on: date
    short_period_reason: str = ""
    feedback_published_on: date | None = None


@dataclass(frozen=True)
class Agreement:
    id: int
    url: str
    title: str
    amount_pence: int
    starts_on: date | None
    ends_on: date | None
    status: str
    notice_given_on: date | None = None
    notice_ends_on: date | None = None
    ended_on: date | None = None
    fcr_allowed: bool | None = None
    monitoring_frequency: str = ""
    arrears_instalments: tuple[date, ...] = ()
    # The end of the latest earlier agreement from the same funder to the same recipient.
    previous_end_on: date | None = None
    # Reasons recorded against a rule id (``funding.multi_year``: "pilot year", ...).
    reasons: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LiaisonIssue:
    id: int
    url: str
    title: str
    raised_on: date
    next_meeting_on: date | None
    has_written_response: bool = False
    responded_on: date | None = None
    officer_attending: str = ""


@dataclass(frozen=True)
class Compact:
    id: int
    url: str
    title: str
    status: str
    adopted_on: date | None
    last_reviewed_on: date | None


Record = Consultation | Agreement | LiaisonIssue | Compact


@dataclass(frozen=True)
class Breach:
    evidence: dict[str, Any]
    severity: str | None = None  # None: the commitment's own severity


Params = Mapping[str, Any]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def consultation_minimum_period(record: Consultation, params: Params, today: date) -> Breach | None:
    """Open for less than the minimum: a breach without a recorded reason, a warning with one."""
    if not record.published:
        return None
    window = Window(record.opens_on, record.closes_on, int(params["minimum_weeks"]))
    if window.meets_minimum:
        return None
    reason = record.short_period_reason.strip()
    return Breach(
        {
            "opens_on": _iso(record.opens_on),
            "closes_on": _iso(record.closes_on),
            "days_open": window.days,
            "minimum_weeks": window.minimum_weeks,
            "minimum_days": window.minimum_weeks * 7,
            "earliest_compliant_close": _iso(window.earliest_compliant_close),
            "reason": reason,
        },
        severity=WARNING if reason else None,
    )


def consultation_feedback_published(
    record: Consultation, params: Params, today: date
) -> Breach | None:
    """No "you said, we did" published and its due date has passed."""
    if not record.published or record.feedback_published_on is not None:
        return None
    if today <= record.feedback_due_on:
        return None
    return Breach(
        {
            "feedback_due_on": _iso(record.feedback_due_on),
            "judged_on": _iso(today),
            "days_late": (today - record.feedback_due_on).days,
            "feedback_published_on": None,
        }
    )


def funding_notice_before_ending(record: Agreement, params: Params, today: date) -> Breach | None:
    """Ended or reduced with less notice than the minimum (in months, counted by calendar)."""
    end = record.notice_ends_on or record.ended_on
    if record.notice_given_on is None and record.status != "ended_early":
        return None
    if end is None:
        return None
    given = record.notice_given_on or end
    months = int(params["minimum_months"])
    earliest = add_months(given, months)
    if end >= earliest:
        return None
    return Breach(
        {
            "notice_given_on": _iso(record.notice_given_on),
            "ends_on": _iso(end),
            "days_given": (end - given).days,
            "minimum_months": months,
            "earliest_compliant_end": _iso(earliest),
        }
    )


def _reason(record: Agreement, rule: str) -> str:
    return (record.reasons.get(rule) or "").strip()


def funding_multi_year(record: Agreement, params: Params, today: date) -> Breach | None:
    """Shorter than the minimum term for work the same funder already funded, with no reason."""
    if record.starts_on is None or record.ends_on is None or record.previous_end_on is None:
        return None
    gap = (record.starts_on - record.previous_end_on).days
    if gap > int(params["continuing_within_days"]):
        return None  # new work, not a continuation
    years = int(params["minimum_years"])
    full_term_ends = add_months(record.starts_on, 12 * years) - timedelta(days=1)
    if record.ends_on >= full_term_ends or _reason(record, "funding.multi_year"):
        return None
    return Breach(
        {
            "starts_on": _iso(record.starts_on),
            "ends_on": _iso(record.ends_on),
            "term_days": (record.ends_on - record.starts_on).days + 1,
            "minimum_years": years,
            "minimum_term_ends_on": _iso(full_term_ends),
            "previous_agreement_ended_on": _iso(record.previous_end_on),
        }
    )


def funding_payment_in_advance(record: Agreement, params: Params, today: date) -> Breach | None:
    """Instalments paid in arrears, with no recorded reason."""
    if not params.get("in_advance", True) or not record.arrears_instalments:
        return None
    if _reason(record, "funding.payment_in_advance"):
        return None
    return Breach(
        {
            "instalments_in_arrears": len(record.arrears_instalments),
            "due_on": [_iso(d) for d in record.arrears_instalments],
            "expected": "advance",
        }
    )


def funding_full_cost_recovery(record: Agreement, params: Params, today: date) -> Breach | None:
    """Full cost recovery refused (recorded as not allowed)."""
    if record.fcr_allowed is not False:
        return None
    return Breach({"fcr_allowed": False, "expected": True})


# How many months apart each monitoring frequency asks for reports.
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "six_monthly": 6, "annual": 12}


def monitoring_band(amount_pence: int, bands: Iterable[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The first band whose ``up_to_pence`` covers the amount (``None``: no upper limit)."""
    for band in bands:
        limit = band.get("up_to_pence")
        if limit is None or amount_pence <= int(limit):
            return band
    raise ValueError("The monitoring bands must end with one that has no upper limit.")


def funding_proportionate_monitoring(
    record: Agreement, params: Params, today: date
) -> Breach | None:
    """Monitoring asked more often than the pack allows for the agreement's value band."""
    months = FREQUENCY_MONTHS.get(record.monitoring_frequency)
    if months is None:
        return None  # none, at the end only, or not recorded
    band = monitoring_band(record.amount_pence, params["bands"])
    allowed = int(band["at_most_every_months"])
    if months >= allowed:
        return None
    return Breach(
        {
            "amount_pence": record.amount_pence,
            "band_up_to_pence": band.get("up_to_pence"),
            "monitoring_frequency": record.monitoring_frequency,
            "every_months": months,
            "at_most_every_months": allowed,
        }
    )


def liaison_response_by_next_meeting(
    record: LiaisonIssue, params: Params, today: date
) -> Breach | None:
    """The next meeting has passed with neither a written response nor an officer attending."""
    if record.next_meeting_on is None or today <= record.next_meeting_on:
        return None
    if record.has_written_response or record.officer_attending.strip():
        return None
    return Breach(
        {
            "raised_on": _iso(record.raised_on),
            "next_meeting_on": _iso(record.next_meeting_on),
            "written_response": False,
            "officer_attending": False,
        }
    )


def review_due_on(record: Compact, params: Params) -> date | None:
    start = record.last_reviewed_on or record.adopted_on
    if start is None:
        return None
    return add_months(start, int(params["review_period_months"]))


def compact_review_due(record: Compact, params: Params, today: date) -> Breach | None:
    """Not reviewed within the review period since the last review (or adoption)."""
    if record.status == "ended":
        return None
    due = review_due_on(record, params)
    if due is None or today <= due:
        return None
    return Breach(
        {
            "last_reviewed_on": _iso(record.last_reviewed_on),
            "adopted_on": _iso(record.adopted_on),
            "review_period_months": int(params["review_period_months"]),
            "review_due_on": _iso(due),
            "days_overdue": (today - due).days,
        }
    )


Rule = Callable[[Any, Params, date], Breach | None]

# Rule id -> (the kind of record it applies to, the function).
RULES: dict[str, tuple[type, Rule]] = {
    "consultation.minimum_period": (Consultation, consultation_minimum_period),
    "consultation.feedback_published": (Consultation, consultation_feedback_published),
    "funding.notice_before_ending": (Agreement, funding_notice_before_ending),
    "funding.multi_year": (Agreement, funding_multi_year),
    "funding.payment_in_advance": (Agreement, funding_payment_in_advance),
    "funding.full_cost_recovery": (Agreement, funding_full_cost_recovery),
    "funding.proportionate_monitoring": (Agreement, funding_proportionate_monitoring),
    "liaison.response_by_next_meeting": (LiaisonIssue, liaison_response_by_next_meeting),
    "compact.review_due": (Compact, compact_review_due),
}

RECORD_TYPES = {
    Consultation: "engagement.consultation",
    Agreement: "funding.agreement",
    LiaisonIssue: "partnerships.liaisonissue",
    Compact: "compacts.compact",
}


@dataclass(frozen=True)
class EffectiveRule:
    """One commitment of an adopted pack, with the area's parameters."""

    rule: str
    pack: str
    severity: str
    params: Mapping[str, Any]

    @property
    def checkable(self) -> bool:
        return self.rule in RULES and all(v is not None for v in self.params.values())


@dataclass(frozen=True)
class Result:
    rule: str
    pack: str
    record_type: str
    record_id: int
    url: str
    title: str
    severity: str
    evidence: dict[str, Any]


def evaluate(
    rules: Iterable[EffectiveRule], records: Iterable[Record], today: date
) -> list[Result]:
    """Every breach of ``rules`` among ``records`` on ``today``, one per rule and record."""
    records = list(records)
    results: list[Result] = []
    for effective in rules:
        if not effective.checkable:
            continue
        kind, check = RULES[effective.rule]
        for record in records:
            if not isinstance(record, kind):
                continue
            breach = check(record, effective.params, today)
            if breach is None:
                continue
            results.append(
                Result(
                    rule=effective.rule,
                    pack=effective.pack,
                    record_type=RECORD_TYPES[kind],
                    record_id=record.id,
                    url=record.url,
                    title=record.title,
                    severity=breach.severity or effective.severity,
                    evidence=breach.evidence,
                )
            )
    return results
