"""What the compact pages read: findings, disputes with their due dates, and compact health."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from commonground.compacts.disputes import is_overdue, stage_due_on
from commonground.compacts.models import Compact, Dispute, Finding
from commonground.compacts.packs import load_packs, parameter
from commonground.compacts.parameters import compact_rules
from commonground.compacts.ruleset import Compact as CompactRecord
from commonground.compacts.ruleset import review_due_on
from commonground.core.models import Area


def public_compacts() -> QuerySet[Compact]:
    return Compact.objects.select_related("area", "liaison_body").order_by("area__name_en", "pk")


def findings(compact: Compact, *, include_resolved: bool = True) -> QuerySet[Finding]:
    found = Finding.objects.filter(compact=compact)
    if not include_resolved:
        found = found.filter(resolved_at__isnull=True)
    return found.order_by("resolved_at", "rule", "record_type", "record_id")


def rule_text(rule: str, pack_id: str, language: str) -> str:
    pack = load_packs().get(pack_id)
    commitment = pack.commitment(rule) if pack else None
    return commitment.text.get(language, "") if commitment else ""


def next_review_due(compact: Compact) -> date | None:
    months = parameter(compact_rules(compact), "compact.review_due", "review_period_months")
    if months is None:
        return None
    record = CompactRecord(
        id=compact.pk,
        url="",
        title="",
        status=compact.status,
        adopted_on=compact.adopted_on,
        last_reviewed_on=compact.last_reviewed_on,
    )
    return review_due_on(record, {"review_period_months": months})


@dataclass
class DisputeView:
    dispute: Dispute
    due_on: date | None
    overdue: bool


def dispute_view(dispute: Dispute, today: date | None = None) -> DisputeView:
    today = today or timezone.localdate()
    limit = dispute.stage.working_days if dispute.stage else None
    open_ = dispute.status == Dispute.Status.OPEN
    return DisputeView(
        dispute=dispute,
        due_on=stage_due_on(dispute.stage_started_on, limit) if open_ else None,
        overdue=open_ and is_overdue(dispute.stage_started_on, limit, today),
    )


def disputes(compact: Compact, today: date | None = None) -> list[DisputeView]:
    return [
        dispute_view(d, today)
        for d in compact.disputes.select_related("stage").order_by("-raised_on", "-pk")
    ]


@dataclass
class Health:
    compact: Compact
    next_review_due: date | None
    review_overdue: bool
    action_plan_percent: int | None
    open_by_rule: list[tuple[str, int]]
    open_by_severity: dict[str, int]
    by_year: list[dict[str, Any]]
    disputes_by_stage: list[tuple[str, int]]
    overdue_disputes: int
    published_outcomes: list[Dispute] = field(default_factory=list)


def health(compact: Compact, today: date | None = None) -> Health:
    today = today or timezone.localdate()
    due = next_review_due(compact)
    targets = list(compact.targets.all())
    percent = round(sum(t.progress_percent for t in targets) / len(targets)) if targets else None
    all_findings = list(Finding.objects.filter(compact=compact))
    open_ = [f for f in all_findings if f.resolved_at is None]
    years = sorted({f.first_seen_at.year for f in all_findings})
    by_year = [
        {
            "year": y,
            "seen": sum(1 for f in all_findings if f.first_seen_at.year == y),
            "resolved": sum(1 for f in all_findings if f.resolved_at and f.resolved_at.year == y),
        }
        for y in years
    ]
    views = disputes(compact, today)
    stages = Counter(
        str(v.dispute.stage.name) if v.dispute.stage else "–"
        for v in views
        if v.dispute.status == Dispute.Status.OPEN
    )
    return Health(
        compact=compact,
        next_review_due=due,
        review_overdue=due is not None and today > due,
        action_plan_percent=percent,
        open_by_rule=sorted(Counter(f.rule for f in open_).items()),
        open_by_severity=dict(Counter(f.severity for f in open_)),
        by_year=by_year,
        disputes_by_stage=sorted(stages.items()),
        overdue_disputes=sum(1 for v in views if v.overdue),
        published_outcomes=[
            v.dispute for v in views if v.dispute.outcome_published and v.dispute.outcome
        ],
    )


def national(today: date | None = None) -> list[tuple[Area, list[Health]]]:
    """Every area with its compacts' health, side by side (areas with none included)."""
    compacts = list(public_compacts())
    areas = Area.objects.order_by("name_en")
    return [(a, [health(c, today) for c in compacts if c.area_id == a.pk]) for a in areas]


def report_content(compact: Compact, year: int) -> dict[str, Any]:
    """The year's facts frozen into a published annual report."""
    h = health(compact)
    year_findings = [
        f
        for f in findings(compact)
        if f.first_seen_at.year <= year and (f.resolved_at is None or f.resolved_at.year >= year)
    ]
    return {
        "year": year,
        "status": compact.status,
        "last_reviewed_on": compact.last_reviewed_on.isoformat()
        if compact.last_reviewed_on
        else None,
        "action_plan_percent": h.action_plan_percent,
        "findings": [
            {
                "rule": f.rule,
                "record": f.record_title,
                "url": f.record_url,
                "severity": f.severity,
                "first_seen": f.first_seen_at.date().isoformat(),
                "resolved": f.resolved_at.date().isoformat() if f.resolved_at else None,
            }
            for f in year_findings
        ],
        "disputes_by_stage": h.disputes_by_stage,
        "outcomes": [d.outcome for d in h.published_outcomes],
    }
