"""Other systems record what happened with a bearer token: a consultation and a funding
agreement; the compact rules then judge them. Bad input writes nothing."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from commonground.api.models import ApiToken
from commonground.compacts.findings import run_compact
from commonground.compacts.models import Compact
from commonground.core.models import Organisation, User
from commonground.engagement.models import Consultation
from commonground.funding.models import Agreement

pytestmark = pytest.mark.django_db


def _post(path: str, body: dict[str, Any], secret: str) -> Any:
    return Client().post(
        path,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


def test_a_consultation_recorded_through_the_api_is_judged_by_the_compact(
    compact: Compact, council: Organisation, make_user: Callable[..., User]
) -> None:
    officer = make_user(role=("public_body_officer", None), role_organisation=council)
    secret = ApiToken.issue(officer, "consultation system")[1]
    body = {
        "owner": council.slug,
        "title_en": "Bus routes",
        "summary_en": "Tell us.",
        "opens_on": "2030-01-07",
        "closes_on": "2030-03-30",  # 83 days: one short
        "feedback_due_on": "2030-05-01",
        "short_period_reason_en": "The operator's contract ends in April.",
        "questions": ["Which routes do you use?"],
        "publish": True,
    }
    bad = _post("/api/engagement/consultations", {**body, "closes_on": "soon"}, secret)
    assert bad.status_code == 400 and Consultation.objects.count() == 0
    no_question = _post("/api/engagement/consultations", {**body, "questions": []}, secret)
    assert no_question.status_code == 400 and Consultation.objects.count() == 0
    assert (
        Client()
        .post("/api/engagement/consultations", body, content_type="application/json")
        .status_code
        == 401
    )
    created = _post("/api/engagement/consultations", body, secret)
    assert created.status_code == 201, created.content
    consultation = Consultation.objects.get()
    assert consultation.is_published
    [finding] = run_compact(compact)
    assert (finding.rule, finding.record_id, finding.severity) == (
        "consultation.minimum_period",
        consultation.pk,
        "warning",
    )


def test_an_agreement_recorded_through_the_api_is_judged_by_the_compact(
    compact: Compact, council: Organisation, charity: Organisation, make_user: Callable[..., User]
) -> None:
    officer = make_user(role=("public_body_officer", None), role_organisation=council)
    secret = ApiToken.issue(officer, "grants system")[1]
    body = {
        "funder": council.slug,
        "recipient": charity.slug,
        "reference": "CGN-API-1",
        "title": "Advice in Lampeter",
        "amount_pence": 1_000_000,
        "award_date": "2026-03-01",
        "planned_start": "2026-04-01",
        "planned_end": "2029-03-31",
        "fcr_allowed": False,
        "monitoring_frequency": "annual",
        "area": compact.area.code,
        "instalments": [{"due_on": "2026-04-01", "amount_pence": 1_000_000, "timing": "advance"}],
    }
    unknown = _post("/api/funding/agreements", {**body, "recipient": "nobody"}, secret)
    assert unknown.status_code == 400 and Agreement.objects.count() == 0
    stranger = ApiToken.issue(make_user(), "x")[1]
    assert _post("/api/funding/agreements", body, stranger).status_code == 403
    created = _post("/api/funding/agreements", body, secret)
    assert created.status_code == 201, created.content
    agreement = Agreement.objects.get()
    assert created.json()["identifier"] == agreement.identifier
    [finding] = run_compact(compact)
    assert (finding.rule, finding.record_id) == ("funding.full_cost_recovery", agreement.pk)
