"""Agreements that start on their own start date, and agreements that deliver an awarded
commissioning opportunity."""

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from commonground.commissioning.models import Opportunity
from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.funding import actions
from commonground.funding.models import Agreement

pytestmark = pytest.mark.django_db


def test_signed_agreements_run_from_their_start_date(
    officer: User, offer: Callable[..., Agreement], capsys: pytest.CaptureFixture[str]
) -> None:
    april = actions.sign_agreement(officer, offer(), date(2025, 3, 20))
    june = actions.sign_agreement(
        officer, offer(planned_start="2025-06", planned_end="2026-05"), date(2025, 3, 20)
    )
    assert {april.status, june.status} == {Agreement.Status.SIGNED}

    assert actions.start_due_agreements(date(2025, 5, 31)) == [april]
    assert actions.start_due_agreements(date(2025, 5, 31)) == []  # a second run changes nothing
    april.refresh_from_db()
    assert april.status == Agreement.Status.RUNNING
    started = DomainEvent.objects.get(type="agreement.started")
    assert started.payload["started_on"] == "2025-05-31"
    assert (started.actor_id, started.area_id) == (None, april.area_id)
    assert april.history.latest().history_change_reason == "Started on its start date"

    call_command("start_agreements", "--today", "2025-06-01")
    assert "Started 1 agreements." in capsys.readouterr().out
    june.refresh_from_db()
    assert june.status == Agreement.Status.RUNNING
    with pytest.raises(CommandError, match="not a date"):
        call_command("start_agreements", "--today", "1 June")


@pytest.fixture
def awarded(council: Organisation, charity: Organisation, area: Area) -> Opportunity:
    opportunity = Opportunity.objects.create(
        slug="befriending",
        title_en="Befriending service",
        title_cy="Gwasanaeth cyfeillio",
        description_en="Befriending for older people.",
        buyer=council,
        route=Opportunity.Route.CONTRACT,
        stage=Opportunity.Stage.AWARDED,
        estimated_value_pence=5_000_000,
        award_date=date(2026, 2, 1),
        contract_start=date(2026, 4, 1),
        contract_end=date(2029, 3, 31),
    )
    opportunity.areas.set([area])
    opportunity.suppliers.set([charity])
    return opportunity


def test_an_awarded_opportunity_becomes_an_agreement(
    officer: User, awarded: Opportunity, charity: Organisation, client: Client
) -> None:
    client.force_login(officer)
    form = client.get("/funding/agreements/new/", {"opportunity": awarded.slug})
    html = form.content.decode()
    assert 'value="Befriending service"' in html
    assert 'value="50000' in html and 'value="2029-03-31"' in html
    assert f'<option value="{awarded.pk}" selected>' in html

    post = {
        "opportunity": awarded.pk, "funder": awarded.buyer_id, "reference": "CGN-BEF-1",
        "title": "Befriending service", "description": "Befriending for older people.",
        "recipient": charity.pk, "mode": "purchase", "amount": "50000",
        "award_date": "2026-02-01", "planned_start": "2026-04-01", "planned_end": "2029-03-31",
        "notice_days": "90", "fcr_allowed": "yes", "monitoring_frequency": "quarterly",
        "area": awarded.areas.get().pk,
    }  # fmt: skip
    response = client.post("/funding/agreements/new/", post)
    agreement = Agreement.objects.get(reference="CGN-BEF-1")
    assert response.status_code == 302
    assert agreement.opportunity == awarded
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert f'href="{awarded.get_absolute_url()}"' in page


def test_an_agreement_cannot_deliver_another_buyers_opportunity(
    offer: Callable[..., Agreement], awarded: Opportunity, make_organisation: Callable[..., Organisation]
) -> None:
    awarded.buyer = make_organisation(name_en="Health board", kind=Organisation.Kind.PUBLIC_BODY)
    awarded.save()
    with pytest.raises(ValidationError) as refused:
        offer(opportunity=awarded)
    assert "opportunity" in refused.value.message_dict
    assert not Agreement.objects.filter(opportunity=awarded).exists()
