"""What fits us, partner searches, consortia and their agreements, bid support, the demo."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from commonground.commissioning import actions, queries
from commonground.commissioning.models import BidSupport, Opportunity
from commonground.core.models import Area, DomainEvent, Organisation, Theme, User

pytestmark = pytest.mark.django_db


def test_what_fits_gives_the_reasons(hubs: Opportunity, charity: Organisation, food: Theme) -> None:
    charity.themes.add(food)
    [fit] = queries.fits(charity, timezone.localdate())
    assert fit.row.opportunity == hubs
    assert fit.reasons == [
        f"In your area: {hubs.areas.get().name}",
        f"Themes you work on: {food.name}",
        "Its size suits an organisation of your income: Under £25,000",  # the lot is small
    ]


def test_what_fits_leaves_out_other_themes_and_sizes_too_big(
    hubs: Opportunity, charity: Organisation, food: Theme, make_organisation: Callable[..., Organisation]
) -> None:
    other = Theme.objects.exclude(pk=food.pk).first()
    charity.themes.add(other)  # type: ignore[arg-type]
    assert queries.fits(charity, timezone.localdate()) == []
    micro = make_organisation(income_band=Organisation.IncomeBand.MICRO)
    micro.themes.add(food)
    hubs.lots.all().delete()
    assert queries.fits(micro, timezone.localdate()) == []  # only the £150k whole is left


def _admin(make_user: Callable[..., User], organisation: Organisation) -> User:
    return make_user(admin_of=organisation)


def test_partners_form_a_consortium_and_signing_is_counted(
    hubs: Opportunity, charity: Organisation, make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> None:
    advice = make_organisation(name_en="Ceredigion Advice")
    lead_admin, advice_admin = _admin(make_user, charity), _admin(make_user, advice)
    actions.post_partner_search(advice_admin, hubs, advice, "Advisers", "Food supply", hubs.lots.get())
    assert [s.organisation for s in queries.partner_searches(hubs)] == [advice]
    consortium = actions.propose_consortium(lead_admin, hubs, charity, "Food and Advice", [advice])
    actions.set_member(lead_admin, consortium, charity, "Lead", Decimal("60"))
    with pytest.raises(ValidationError):
        actions.set_member(lead_admin, consortium, advice, "Advice", Decimal("41"))
    actions.set_member(lead_admin, consortium, advice, "Advice", Decimal("40"))
    actions.answer_invitation(advice_admin, consortium.members.get(organisation=advice), accept=True)
    with pytest.raises(PermissionDenied):  # only the lead's admins sign
        actions.sign_agreement(advice_admin, consortium, timezone.localdate(), "We agree.")
    with pytest.raises(ValidationError):
        actions.sign_agreement(lead_admin, consortium, timezone.localdate(), "")
    actions.sign_agreement(lead_admin, consortium, timezone.localdate(), "We agree to bid together.")
    signed = DomainEvent.objects.get(type="consortium.agreement_signed")
    assert signed.payload["member_count"] == 2
    assert signed.organisation == charity
    with pytest.raises(ValidationError):
        actions.set_member(lead_admin, consortium, advice, "Changed", None)


def test_only_an_organisations_admins_post_for_it(
    hubs: Opportunity, charity: Organisation, make_user: Callable[..., User]
) -> None:
    with pytest.raises(PermissionDenied):
        actions.post_partner_search(make_user(member_of=charity), hubs, charity, "a", "b")


def test_the_consortium_page_shows_members_and_the_agreement(
    hubs: Opportunity, charity: Organisation, make_organisation: Callable[..., Organisation], make_user: Callable[..., User], client: Client
) -> None:
    advice = make_organisation(name_en="Ceredigion Advice")
    lead_admin = _admin(make_user, charity)
    consortium = actions.propose_consortium(lead_admin, hubs, charity, "Food and Advice", [advice])
    actions.answer_invitation(_admin(make_user, advice), consortium.members.get(organisation=advice), True)
    actions.sign_agreement(lead_admin, consortium, date(2026, 5, 4), "We agree.")
    page = client.get(f"/cy/commissioning/consortia/{consortium.pk}/").content.decode()
    assert "Ceredigion Advice" in page and "4 Mai 2026" in page


# Bid support


def test_the_funnel_counts_organisations_at_each_step(
    staff: User, area: Area, make_organisation: Callable[..., Organisation], client: Client
) -> None:
    today = timezone.localdate()
    outcomes = ["won", "lost", "awaiting", "not_submitted", "not_yet"]
    for n, outcome in enumerate(outcomes):
        actions.record_bid_support(
            staff,
            area,
            {
                "organisation": make_organisation(),
                "requested_on": today - timedelta(days=10),
                "request": "Help",
                "kind": "tailored" if n < 3 else "advice",
                "hours": Decimal(3),
                "outcome": outcome,
            },
        )
    steps, others = queries.funnel(area, today - timedelta(days=365), today)
    assert [(s.label, s.count) for s in steps] == [
        ("Organisations supported", 5),
        ("Received tailored support", 3),
        ("Submitted bids with support", 3),
        ("Won", 1),
    ]
    assert ("Prepared but not submitted", 1) in [(s.label, s.count) for s in others]
    client.force_login(staff)
    page = client.get(f"/commissioning/area/{area.slug}/bids/").content.decode()
    assert 'aria-label="Won: 1"' in page and 'id="funnel-table"' in page


def test_only_the_areas_staff_record_bid_support(
    area: Area, charity: Organisation, make_user: Callable[..., User], other_area: Area
) -> None:
    elsewhere = make_user(role=("infrastructure_staff", other_area))
    with pytest.raises(PermissionDenied):
        actions.record_bid_support(
            elsewhere, area,
            {"organisation": charity, "requested_on": date(2026, 1, 1), "request": "x", "kind": "advice"},
        )
    assert not BidSupport.objects.exists()


def test_the_demo_loads_every_stage_twice_over(db: None) -> None:
    from commonground.commissioning import demo
    from commonground.core.demo.loader import load_demo

    load_demo()
    demo.load_demo()
    demo.load_demo()  # idempotent
    area = Area.objects.get(code="W06000008")
    rows = queries.pipeline(area, timezone.localdate(), include_closed=True)
    stages = {r.stage for r in rows}
    assert stages == set(Opportunity.Stage.values)
    for body in ("Ceredigion County Council", "Hywel Dda University Health Board"):
        assert {r.stage for r in rows if r.opportunity.buyer.name_en == body} == set(Opportunity.Stage.values), body
    assert sum(r.stage == "due_for_renewal" for r in rows) == 2
    assert Opportunity.objects.get(ocid=demo.OCID).suppliers.count() == 1
    assert DomainEvent.objects.filter(type="consortium.agreement_signed").count() == 1
    assert BidSupport.objects.count() == 24
