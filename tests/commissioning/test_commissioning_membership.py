"""Invited organisations accept or decline joining a consortium; the lead signs once all
have answered."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from commonground.commissioning import actions
from commonground.commissioning.models import Consortium, ConsortiumMember, Opportunity
from commonground.core.models import DomainEvent, Organisation, User

pytestmark = pytest.mark.django_db
Answer = ConsortiumMember.Answer


@pytest.fixture
def advice(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(name_en="Ceredigion Advice", name_cy="Cyngor Ceredigion")


@pytest.fixture
def lead_admin(make_user: Callable[..., User], charity: Organisation) -> User:
    return make_user(admin_of=charity)


@pytest.fixture
def advice_admin(make_user: Callable[..., User], advice: Organisation) -> User:
    return make_user(admin_of=advice)


@pytest.fixture
def consortium(hubs: Opportunity, charity: Organisation, advice: Organisation, lead_admin: User) -> Consortium:
    return actions.propose_consortium(lead_admin, hubs, charity, "Food and Advice", [advice])


def _place(consortium: Consortium, organisation: Organisation) -> ConsortiumMember:
    return consortium.members.get(organisation=organisation)


def test_the_lead_has_accepted_and_partners_are_invited(
    consortium: Consortium, charity: Organisation, advice: Organisation
) -> None:
    assert _place(consortium, charity).answer == Answer.ACCEPTED
    assert _place(consortium, advice).answer == Answer.INVITED


def test_only_the_invited_organisations_admins_answer_for_it(
    consortium: Consortium, advice: Organisation, lead_admin: User, advice_admin: User,
    make_user: Callable[..., User],
) -> None:
    place = _place(consortium, advice)
    for someone in (lead_admin, make_user(member_of=advice)):
        with pytest.raises(PermissionDenied):
            actions.answer_invitation(someone, place, accept=True)
    assert _place(consortium, advice).answer == Answer.INVITED
    actions.answer_invitation(advice_admin, place, accept=True)
    accepted = DomainEvent.objects.get(type="consortium.member_accepted")
    assert accepted.organisation == advice and accepted.payload["consortium"] == consortium.pk
    with pytest.raises(ValidationError):  # one answer each
        actions.answer_invitation(advice_admin, place, accept=False)
    assert _place(consortium, advice).answer == Answer.ACCEPTED


def test_the_agreement_waits_for_every_answer_and_counts_those_who_accepted(
    consortium: Consortium, advice: Organisation, lead_admin: User, advice_admin: User,
    make_organisation: Callable[..., Organisation], make_user: Callable[..., User],
) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="accept or decline"):
        actions.sign_agreement(lead_admin, consortium, today, "We agree.")
    actions.answer_invitation(advice_admin, _place(consortium, advice), accept=False)
    assert DomainEvent.objects.filter(type="consortium.member_declined", organisation=advice).exists()
    with pytest.raises(ValidationError, match="at least two members who have accepted"):
        actions.sign_agreement(lead_admin, consortium, today, "We agree.")

    # The lead invites another partner, and the one who declined again: it may now accept.
    transport = make_organisation(name_en="Cardigan Community Transport")
    actions.set_member(lead_admin, consortium, transport, "Deliveries", Decimal("30"))
    actions.set_member(lead_admin, consortium, advice, "Advice", Decimal("20"))
    assert _place(consortium, advice).answer == Answer.INVITED
    actions.answer_invitation(make_user(admin_of=transport), _place(consortium, transport), accept=True)
    actions.answer_invitation(advice_admin, _place(consortium, advice), accept=False)
    actions.sign_agreement(lead_admin, consortium, today, "We agree.")
    signed = DomainEvent.objects.get(type="consortium.agreement_signed")
    assert signed.payload["member_count"] == 2  # the lead and the transport scheme
    with pytest.raises(ValidationError):  # no answers change a signed agreement
        actions.set_member(lead_admin, consortium, advice, "Advice", None)


def test_a_declined_members_share_does_not_count_towards_100_percent(
    consortium: Consortium, charity: Organisation, advice: Organisation, lead_admin: User,
    advice_admin: User,
) -> None:
    actions.set_member(lead_admin, consortium, advice, "Advice", Decimal("50"))
    actions.answer_invitation(advice_admin, _place(consortium, advice), accept=False)
    actions.set_member(lead_admin, consortium, charity, "Lead", Decimal("100"))
    assert _place(consortium, charity).share_percent == Decimal("100")


def test_the_invited_admin_answers_in_welsh_and_the_lead_sees_it(
    consortium: Consortium, advice: Organisation, lead_admin: User, advice_admin: User,
    make_user: Callable[..., User], client: Client,
) -> None:
    place = _place(consortium, advice)
    answer_url = f"/cy/commissioning/consortia/{consortium.pk}/members/{place.pk}/answer/"
    client.force_login(make_user(admin_of=consortium.lead))
    assert client.get(answer_url).status_code == 403  # the lead cannot answer for a partner
    page = client.get(f"/cy/commissioning/consortia/{consortium.pk}/").content.decode()
    assert 'id="waiting"' in page and 'id="id_signed_on"' not in page

    client.force_login(advice_admin)
    assert answer_url in client.get("/cy/commissioning/fits/").content.decode()
    assert answer_url in client.get(f"/cy/commissioning/consortia/{consortium.pk}/").content.decode()
    form = client.get(answer_url).content.decode()
    assert "Banc Bwyd Aberystwyth" in form and "Food and Advice" in form  # the lead, in Welsh
    refused = client.post(answer_url, {})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    response = client.post(answer_url, {"answer": "accept"})
    assert response.status_code == 302
    assert _place(consortium, advice).answer == Answer.ACCEPTED

    client.force_login(lead_admin)
    page = client.get(f"/cy/commissioning/consortia/{consortium.pk}/").content.decode()
    assert "Derbyniwyd" in page  # "Accepted"
    assert 'id="waiting"' not in page and 'id="id_signed_on"' in page
    assert client.get(answer_url).status_code == 403
