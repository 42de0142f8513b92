"""The rule run: plain records from the platform's own data, findings written idempotently.

``plain_records`` reads an area's consultations (engagement), funding agreements (funding),
liaison issues (partnerships) and the compact itself into the plain records of ``ruleset.py``;
``run_compact`` evaluates the compact's rules over them and brings its findings up to date:
a new breach opens a finding, a breach seen again updates its evidence, and an open finding
whose record now complies is resolved. Running twice changes nothing.
"""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from commonground.compacts import ruleset as rules
from commonground.compacts.models import Compact, Finding, RecordedReason
from commonground.compacts.parameters import compact_rules
from commonground.engagement.models import Consultation
from commonground.funding.models import Agreement, Instalment
from commonground.partnerships.models import LiaisonIssue, Meeting


def _day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value else None


def _reasons(record_type: str, ids: list[int]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for r in RecordedReason.objects.filter(record_type=record_type, record_id__in=ids):
        found[r.record_id][r.rule] = r.reason
    return found


def consultation_records(compact: Compact) -> list[rules.Consultation]:
    return [
        rules.Consultation(
            id=c.pk,
            url=c.get_absolute_url(),
            title=c.title_en or c.title_cy,
            published=c.is_published,
            opens_on=c.opens_on,
            closes_on=c.closes_on,
            feedback_due_on=c.feedback_due_on,
            short_period_reason=c.short_period_reason_en or c.short_period_reason_cy,
            feedback_published_on=_day(c.feedback_published_at),
        )
        for c in Consultation.objects.filter(area=compact.area)
    ]


def agreement_records(compact: Compact) -> list[rules.Agreement]:
    agreements = list(Agreement.objects.filter(area=compact.area).order_by("starts_on", "pk"))
    arrears: dict[int, list[date]] = defaultdict(list)
    for i in Instalment.objects.filter(
        agreement__in=agreements, timing=Instalment.Timing.ARREARS
    ).order_by("due_on"):
        arrears[i.agreement_id].append(i.due_on)
    reasons = _reasons(rules.RECORD_TYPES[rules.Agreement], [a.pk for a in agreements])
    records = []
    for a in agreements:
        earlier = [
            b.ends_on
            for b in agreements
            if b.pk != a.pk
            and b.funder_id == a.funder_id
            and b.recipient_id is not None
            and b.recipient_id == a.recipient_id
            and b.ends_on
            and a.starts_on
            and b.starts_on
            and b.starts_on < a.starts_on
        ]
        records.append(
            rules.Agreement(
                id=a.pk,
                url=a.get_absolute_url(),
                title=a.title,
                amount_pence=a.amount_pence,
                starts_on=a.starts_on,
                ends_on=a.ends_on,
                status=a.status,
                notice_given_on=a.notice_given_on,
                notice_ends_on=a.notice_ends_on,
                ended_on=a.ended_on,
                fcr_allowed=a.fcr_allowed,
                monitoring_frequency=a.monitoring_frequency,
                arrears_instalments=tuple(arrears[a.pk]),
                previous_end_on=max(earlier) if earlier else None,
                reasons=reasons.get(a.pk, {}),
            )
        )
    return records


def liaison_records(compact: Compact) -> list[rules.LiaisonIssue]:
    issues = list(
        LiaisonIssue.objects.filter(body__areas=compact.area)
        .select_related("raised_at", "body")
        .distinct()
    )
    meetings: dict[int, list[Meeting]] = defaultdict(list)
    for m in Meeting.objects.filter(body__in={i.body_id for i in issues}).exclude(
        status=Meeting.Status.CANCELLED
    ):
        meetings[m.body_id].append(m)
    records = []
    for issue in issues:
        raised = issue.raised_at.starts_at
        later = sorted(m.starts_at for m in meetings[issue.body_id] if m.starts_at > raised)
        records.append(
            rules.LiaisonIssue(
                id=issue.pk,
                url=issue.raised_at.get_absolute_url(),
                title=issue.title_en or issue.title_cy,
                raised_on=timezone.localdate(raised),
                next_meeting_on=timezone.localdate(later[0]) if later else None,
                has_written_response=bool(issue.response_en.strip() or issue.response_cy.strip()),
                responded_on=issue.responded_on,
                officer_attending=issue.officer_attending,
            )
        )
    return records


def compact_record(compact: Compact) -> rules.Compact:
    return rules.Compact(
        id=compact.pk,
        url=compact.get_absolute_url(),
        title=compact.title_en,
        status=compact.status,
        adopted_on=compact.adopted_on,
        last_reviewed_on=compact.last_reviewed_on,
    )


def plain_records(compact: Compact) -> list[rules.Record]:
    return [
        *consultation_records(compact),
        *agreement_records(compact),
        *liaison_records(compact),
        compact_record(compact),
    ]


def run_compact(
    compact: Compact, today: date | None = None, now: datetime | None = None
) -> list[Finding]:
    """Bring the compact's findings up to date; its open findings after the run."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    results = rules.evaluate(compact_rules(compact), plain_records(compact), today)
    with transaction.atomic():
        existing = {
            (f.rule, f.record_type, f.record_id): f
            for f in Finding.objects.select_for_update().filter(compact=compact)
        }
        seen = set()
        for r in results:
            key = (r.rule, r.record_type, r.record_id)
            seen.add(key)
            values: dict[str, Any] = {
                "pack_id": r.pack,
                "record_url": r.url,
                "record_title": r.title[:300],
                "severity": r.severity,
                "evidence": r.evidence,
                "last_seen_at": now,
                "resolved_at": None,
            }
            finding = existing.get(key)
            if finding is None:
                Finding.objects.create(
                    compact=compact,
                    rule=r.rule,
                    record_type=r.record_type,
                    record_id=r.record_id,
                    first_seen_at=now,
                    **values,
                )
            elif any(getattr(finding, k) != v for k, v in values.items() if k != "last_seen_at"):
                for k, v in values.items():
                    setattr(finding, k, v)
                finding.save()
        for key, finding in existing.items():
            if key not in seen and finding.resolved_at is None:
                finding.resolved_at = now
                finding.save(update_fields=["resolved_at"])
    return list(Finding.objects.filter(compact=compact, resolved_at__isnull=True))


def run_area(area_slug: str | None = None, today: date | None = None) -> list[Compact]:
    """Run every live compact (of one area, given its slug); the compacts run."""
    compacts = Compact.objects.exclude(status=Compact.Status.ENDED).select_related("area")
    if area_slug:
        compacts = compacts.filter(area__slug=area_slug)
    ran = list(compacts)
    for compact in ran:
        run_compact(compact, today=today)
    return ran


def finding_json(finding: Finding) -> dict[str, Any]:
    """The JSON a finding is served as, by the command and the API alike."""
    return {
        "id": finding.pk,
        "compact": finding.compact_id,
        "rule": finding.rule,
        "pack": finding.pack_id,
        "record": {
            "type": finding.record_type,
            "id": finding.record_id,
            "title": finding.record_title,
            "url": finding.record_url,
        },
        "severity": finding.severity,
        "evidence": {"url": finding.record_url, "values": finding.evidence},
        "status": finding.status,
        "first_seen_at": finding.first_seen_at.isoformat(),
        "resolved_at": finding.resolved_at.isoformat() if finding.resolved_at else None,
    }
