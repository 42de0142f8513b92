"""Funding-flow totals equal the sum of the agreements, by every grouping; and the pages,
downloads and API show them."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from commonground.core.models import Area, Organisation, Theme, User
from commonground.funding import actions
from commonground.funding.actions import PlannedPayment
from commonground.funding.models import Agreement
from commonground.funding.queries import financial_year, funding_flows
from commonground.funding.views_public import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(
    officer: User,
    offer: Callable[..., Agreement],
    make_organisation: Callable[..., Organisation],
    area: Area,
    other_area: Area,
) -> list[Agreement]:
    themes = [Theme.objects.create(slug="older", name_en="Older people"), None]
    modes = list(Agreement.Mode)
    made = []
    dates = [date(2024, 3, 31), date(2024, 4, 1), date(2025, 12, 1)]
    places = [area, other_area, None]
    for n in range(40):
        award, directorate = dates[n % 3], ["Adult services", ""][n % 2]
        mode, place, theme = modes[(n // 3) % 3], places[(n // 2) % 3], themes[(n // 5) % 2]
        amount = 100_000 + 7_919 * n
        payments = [PlannedPayment(award, amount, "advance" if n % 3 else "arrears")]
        agreement = offer(
            payments,
            award_date=award,
            directorate=directorate,
            mode=mode,
            area=place,
            theme=theme,
            amount_pence=amount,
            planned_end="2027-03-31" if n % 2 else "2026-03-31",
            fcr_allowed=[True, False, None][(n // 4) % 3],
        )
        if n % 5:
            actions.sign_agreement(officer, agreement, award)
        made.append(agreement)
    return made


def test_totals_equal_the_sum_of_agreements_by_every_grouping(portfolio: list[Agreement]) -> None:
    counted = [a for a in Agreement.objects.all() if a.status != Agreement.Status.OFFERED]
    assert 0 < len(counted) < len(portfolio)
    flows = funding_flows(None)
    total = sum(a.amount_pence for a in counted)
    assert flows.total_pence == total
    keys: dict[str, Callable[[Agreement], str]] = {
        "funder": lambda a: a.funder.slug,
        "directorate": lambda a: a.directorate,
        "mode": lambda a: a.mode,
        "area": lambda a: a.area.slug if a.area else "",
        "theme": lambda a: a.theme.slug if a.theme else "",
    }
    for grouping, key in keys.items():
        expected: dict[str, int] = defaultdict(int)
        for a in counted:
            expected[key(a)] += a.amount_pence
        assert {r.key: r.pence for r in flows.groupings[grouping]} == expected, grouping
        assert sum(r.pence for r in flows.groupings[grouping]) == total
    by_year: dict[str, int] = defaultdict(int)
    for a in counted:
        by_year[str(financial_year(a.award_date))] += a.amount_pence
    assert {r.key: r.pence for r in flows.years} == by_year
    assert {r.label for r in flows.years} == {"2023-24", "2024-25", "2025-26"}
    advance = sum(a.amount_pence for a in counted if a.instalments.get().timing == "advance")
    assert (flows.advance_pence, flows.scheduled_pence) == (advance, total)
    assert flows.fcr_pence == sum(a.amount_pence for a in counted if a.fcr_allowed)
    assert flows.multi_year_pence == sum(
        a.amount_pence for a in counted if a.planned_end == "2027-03-31"
    )


def test_area_page_counts_only_its_area(portfolio: list[Agreement], area: Area) -> None:
    flows = funding_flows(area)
    assert flows.total_pence == sum(
        a.amount_pence for a in Agreement.objects.filter(area=area).exclude(status="offered")
    )


def test_pages_downloads_and_api(portfolio: list[Agreement], area: Area, client: Client) -> None:
    page = client.get(f"/funding/area/{area.slug}/")
    assert page.status_code == 200
    assert "Funding flows to the third sector" in page.content.decode()
    assert client.get("/cy/funding/").status_code == 200
    csv = client.get(f"/funding/area/{area.slug}/?download=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "By financial year" in csv.content.decode()
    xlsx = client.get("/funding/?download=xlsx")
    assert xlsx.content[:2] == b"PK"
    api = client.get("/api/funding/flows", {"area": area.slug}).json()
    assert api["total_pence"] == funding_flows(area).total_pence
    assert client.get("/api/funding/flows", {"area": "nowhere"}).status_code == 404
    package = client.get("/api/360giving/grants.json", {"from": "2025-01-01"}).json()
    assert {g["awardDate"] for g in package["grants"]} == {"2025-12-01"}
    bad = client.get("/api/360giving/grants.json", {"from": "yesterday"})
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["from"]


def test_no_matching_grants_is_refused_rather_than_an_invalid_empty_package(
    portfolio: list[Agreement], client: Client
) -> None:
    # 360Giving requires at least one grant, so an empty package would fail the schema.
    future = {"from": "2099-01-01"}
    english = client.get("/api/360giving/grants.json", future)
    assert english.status_code == 404
    assert "needs at least one" in english.json()["message"]
    welsh = client.get("/api/360giving/grants.json", future, HTTP_ACCEPT_LANGUAGE="cy")
    assert welsh.status_code == 404
    assert welsh.json()["message"] != english.json()["message"]
    with pytest.raises(CommandError, match="at least one grant"):
        call_command("export_360giving", "--from", "2099-01-01", "--output", "/dev/null")


def test_calculator_page_and_download(client: Client) -> None:
    query: dict[str, Any] = {
        "direct_1_name": "Worker", "direct_1_amount": "24000",
        "overhead_1_name": "Rent", "overhead_1_amount": "12000", "overhead_1_basis": "floor_area",
        "overhead_1_project": "20", "overhead_1_total": "80",
    }  # fmt: skip
    page = client.get("/funding/calculator/", query)
    assert page.status_code == 200
    assert "£27,000.00" in page.content.decode()
    csv = client.get("/funding/calculator/", {**query, "download": "csv"}).content.decode()
    assert "Floor area (square metres)" in csv and "27000.00" in csv
    bad = client.get(
        "/funding/calculator/", {**query, "overhead_1_total": "0", "direct_1_amount": "£5"}
    )
    assert bad.status_code == 400
    assert "must be more than zero" in bad.content.decode()


def test_staff_360giving_page_says_why_there_is_nothing_to_download(
    officer: User, client: Client
) -> None:
    client.force_login(officer)
    page = client.get("/funding/360giving/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "nothing to download yet" in body
    assert "Download the 360Giving spreadsheet" not in body
    # The download link is not offered; asked for anyway, it gives the page, not a bad file.
    asked = client.get("/funding/360giving/", {"download": "xlsx"})
    assert asked["Content-Type"].startswith("text/html")


def test_agreements_are_listed_a_page_at_a_time(
    offer: Callable[..., Agreement], client: Client
) -> None:
    for _n in range(PAGE_SIZE + 3):
        offer()
    first = client.get("/funding/agreements/").content.decode()
    assert first.count('href="/funding/agreements/') == PAGE_SIZE
    second = client.get("/funding/agreements/", {"page": "2"}).content.decode()
    assert second.count('href="/funding/agreements/') == 3
    # A page past the end or a word as page number shows a real page, never an error.
    assert client.get("/funding/agreements/", {"page": "999"}).status_code == 200
    assert client.get("/funding/agreements/", {"page": "x"}).status_code == 200
