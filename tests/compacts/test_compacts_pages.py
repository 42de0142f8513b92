"""The pages, in English and Welsh; the annual report as a page and a PDF with its findings
table, published and sent to the national partnership council."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from commonground.compacts.findings import run_compact
from commonground.compacts.models import AnnualReport, Compact
from commonground.core.models import DomainEvent, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_every_public_page_shows(compact: Compact, prefix: str) -> None:
    client = Client()
    for path in (
        "/compacts/",
        "/compacts/health/",
        "/compacts/packs/",
        "/compacts/packs/england-compact-2010/",
        "/compacts/follow/",
        f"/compacts/{compact.pk}/",
        f"/compacts/{compact.pk}/health/",
        f"/compacts/{compact.pk}/concern/",
    ):
        response = client.get(prefix + path)
        assert response.status_code == 200, path
    page = client.get(f"{prefix}/compacts/{compact.pk}/").content.decode()
    assert "Aberystwyth Food Bank" in page  # a party, not yet signed up
    title = "Compact Ceredigion" if prefix else "Ceredigion Compact"
    assert title in page


def test_the_annual_report_pdf_holds_the_findings_table_and_is_published_and_sent(
    compact: Compact, staff: User, make_agreement: Callable[..., Any]
) -> None:
    refused = make_agreement(fcr_allowed=False, title="Youth work in Tregaron")
    run_compact(compact)
    year = timezone.localdate().year
    client = Client()
    assert client.get(f"/compacts/{compact.pk}/reports/{year}/").status_code == 404  # a draft
    client.login(username=staff.email, password=PASSWORD)
    assert client.post(f"/compacts/{compact.pk}/reports/{year}/publish/").status_code == 302
    assert client.post(f"/compacts/{compact.pk}/reports/{year}/send/").status_code == 302
    report = AnnualReport.objects.get(compact=compact, year=year)
    assert report.published_at and report.sent_to_council_at
    assert DomainEvent.objects.filter(type="compact_report.sent_to_council").count() == 1

    public = Client()
    page = public.get(f"/compacts/{compact.pk}/reports/{year}/").content.decode()
    assert "Sent to the national partnership council" in page and refused.title in page
    response = public.get(f"/compacts/{compact.pk}/reports/{year}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Findings in the year" in text
    assert "funding.full_cost_recovery" in text and "Youth work in Tregaron" in text


def test_staff_override_a_parameter_with_a_reason_and_bad_input_is_refused(
    compact: Compact, staff: User
) -> None:
    client = Client()
    client.login(username=staff.email, password=PASSWORD)
    url = f"/compacts/{compact.pk}/override/consultation.minimum_period/"
    bad = client.post(url, {"parameter": "minimum_weeks", "value": "soon", "reason": "x"})
    assert bad.status_code == 400 and "whole number" in bad.content.decode()
    good = client.post(url, {"parameter": "minimum_weeks", "value": "8", "reason": "Agreed"})
    assert good.status_code == 302
    assert compact.overrides.get().value == 8
    assert Client().get(url).status_code == 302  # signed out: to sign in
