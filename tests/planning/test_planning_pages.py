"""Pages and the API: staff forms refuse bad input with a 400 and write nothing; the public
sees only what is published; every table downloads as CSV and XLSX."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import Organisation, User
from commonground.partnerships.models import PartnershipBody
from commonground.planning import actions
from commonground.planning.importer import ValueRow
from commonground.planning.models import (
    Action,
    GovernmentRequest,
    Measure,
    Plan,
    Priority,
    ReportCard,
)

TODAY = timezone.localdate()


@pytest.fixture
def action(support: User, priority: Priority, council: Organisation) -> Action:
    return actions.create_action(
        support,
        priority,
        {
            "title_en": "Map the walking routes",
            "owner": council,
            "due_on": TODAY - timedelta(days=2),
        },
    )


def test_staff_pages_render_and_forms_refuse_bad_input(
    client: Client,
    support: User,
    psb: PartnershipBody,
    plan: Plan,
    priority: Priority,
    action: Action,
    card: ReportCard,
    measure: Measure,
) -> None:
    client.force_login(support)
    for name, args in [
        ("planning:body", [psb.slug]),
        ("planning:plan-create", [psb.slug]),
        ("planning:card-create", [psb.slug]),
        ("planning:exceptions", [psb.slug]),
        ("planning:requests", [psb.slug]),
        ("planning:request-add", [psb.slug]),
        ("planning:plan", [plan.pk]),
        ("planning:plan-edit", [plan.pk]),
        ("planning:candidate-add", [plan.pk]),
        ("planning:priority-add", [plan.pk]),
        ("planning:action-add", [priority.pk]),
        ("planning:action", [action.pk]),
        ("planning:action-edit", [action.pk]),
        ("planning:action-progress", [action.pk]),
        ("planning:card", [card.pk]),
        ("planning:card-edit", [card.pk]),
        ("planning:measure-add", [card.pk]),
        ("planning:card-import", [card.pk]),
        ("planning:measure", [measure.pk]),
        ("planning:measure-edit", [measure.pk]),
        ("planning:value-enter", [measure.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    response = client.post(
        reverse("planning:plan-create", args=[psb.slug]),
        {
            "kind": "wellbeing",
            "title_en": "Next plan",
            "starts_on": "2028-05-01",
            "ends_on": "2027-04-30",
        },
    )
    assert response.status_code == 400
    assert "The end of the period must be after its start." in response.content.decode()
    assert Plan.objects.count() == 1
    response = client.post(
        reverse("planning:action-add", args=[priority.pk]),
        {"title_en": "x", "due_on": "31/02/2026"},
    )
    assert response.status_code == 400
    assert "as a real date" in response.content.decode()
    assert Action.objects.count() == 1
    response = client.post(
        reverse("planning:action-progress", args=[action.pk]), {"status": "done", "text": "Mapped."}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"


def test_the_public_reads_published_plans_and_cards_only(
    client: Client,
    support: User,
    psb: PartnershipBody,
    plan: Plan,
    priority: Priority,
    action: Action,
    card: ReportCard,
    measure: Measure,
) -> None:
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("planning:exceptions", args=[psb.slug])).status_code == 302  # sign in
    assert client.get(reverse("planning:plan-create", args=[psb.slug])).status_code == 302
    actions.publish_plan(support, plan)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Map the walking routes" in page and "Overdue" in page
    assert client.get(card.get_absolute_url()).status_code == 200
    actions.update_card(support, card, {"published": False})
    assert client.get(card.get_absolute_url()).status_code == 404
    index = client.get(reverse("planning:index")).content.decode()
    assert plan.title_en in index


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_table_downloads(
    client: Client,
    support: User,
    psb: PartnershipBody,
    plan: Plan,
    action: Action,
    card: ReportCard,
    measure: Measure,
    council: Organisation,
    fmt: str,
) -> None:
    actions.set_values(support, measure, [ValueRow("2024-Q2", actual=Decimal(52))])
    actions.log_request(
        support,
        psb,
        {
            "kind": "letter",
            "title": "=HYPERLINK(1)",
            "sender": "WG",
            "received_on": TODAY,
            "owner": council,
            "due_on": TODAY,
        },
    )
    client.force_login(support)
    for url in [
        plan.get_absolute_url(),
        card.get_absolute_url(),
        reverse("planning:body", args=[psb.slug]),
        reverse("planning:requests", args=[psb.slug]),
        reverse("planning:exceptions", args=[psb.slug]),
    ]:
        response = client.get(url, {"download": fmt})
        assert response.status_code == 200, url
        assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "csv":
        text = client.get(
            reverse("planning:requests", args=[psb.slug]), {"download": "csv"}
        ).content.decode()
        assert "'=HYPERLINK(1)" in text  # never a formula
        values = client.get(card.get_absolute_url(), {"download": "csv"}).content.decode()
        assert values.splitlines()[1] == "Walkers who feel fitter,2024-Q2,52.00,,,,"


def test_the_api_gives_plans_cards_with_every_value_and_exception_reports(
    client: Client,
    support: User,
    psb: PartnershipBody,
    plan: Plan,
    action: Action,
    card: ReportCard,
    measure: Measure,
) -> None:
    actions.set_values(
        support, measure, [ValueRow("2024-Q2", actual=Decimal(52), target=Decimal(55))]
    )
    assert client.get("/api/planning/plans").json()["count"] == 0  # a draft
    actions.publish_plan(support, plan)
    [item] = client.get("/api/planning/plans").json()["items"]
    detail = client.get(f"/api/planning/plans/{item['id']}").json()
    assert detail["priorities"][0]["actions"][0]["title"] == "Map the walking routes"
    assert detail["priorities"][0]["actions"][0]["overdue"] is True
    assert detail["priorities"][0]["outcomes"] == ["healthier"]
    cards = client.get("/api/planning/report-cards").json()["items"]
    [m] = cards[0]["measures"]
    assert m["values"] == [
        {
            "period": "2024-Q2",
            "actual": "52.00",
            "target": "55.00",
            "forecast": None,
            "numerator": None,
            "denominator": None,
        }
    ]
    url = f"/api/planning/bodies/{psb.slug}/exceptions"
    assert client.get(url).status_code == 403
    client.force_login(support)
    report = client.get(url, {"on": TODAY.isoformat()}).json()
    assert [e["kind"] for e in report["exceptions"]] == ["overdue_action", "no_data_measure"]
    assert client.get(url, {"on": "not a date"}).status_code in (400, 422)


def test_a_request_answered_before_it_arrived_is_refused(
    client: Client, support: User, psb: PartnershipBody, council: Organisation
) -> None:
    request = actions.log_request(
        support,
        psb,
        {
            "kind": "letter",
            "title": "Letter",
            "sender": "WG",
            "received_on": date(2026, 3, 1),
            "owner": council,
            "due_on": date(2026, 4, 1),
        },
    )
    client.force_login(support)
    response = client.post(
        reverse("planning:request-answer", args=[request.pk]),
        {"response": "Done", "answered_on": "2026-02-01"},
    )
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == GovernmentRequest.Status.OPEN


def test_a_bodys_page_links_to_its_plans_and_scorecard(
    client: Client, psb: PartnershipBody
) -> None:
    page = client.get(psb.get_absolute_url()).content.decode()
    assert f'href="{reverse("planning:body", args=[psb.slug])}"' in page
    assert "Plans, report cards and scorecard" in page
