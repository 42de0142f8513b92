"""Sign-up's refusals and joining an organisation (issue 11, missing 1)."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from commonground.core import actions
from commonground.core.models import (
    Affiliation,
    Area,
    DomainEvent,
    JoinRequest,
    Organisation,
    User,
)

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_person_asks_to_join_and_the_admin_approves(
    make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> None:
    organisation = make_organisation()
    admin, volunteer, other = make_user(admin_of=organisation), make_user(), make_user()
    page = organisation.get_absolute_url()
    asker = _client(volunteer)
    assert 'action="/organisations/' in asker.get(page).content.decode()
    asked = asker.post(f"/cy{page}join/", {"role": "volunteer", "message": "I run the stall."})
    assert asked.status_code == 302
    again = asker.post(f"{page}join/", {"role": "volunteer"}, follow=True)
    assert "You have already asked to join." in again.content.decode()
    assert JoinRequest.objects.count() == 1
    assert _client(other).get(f"{page}join-requests/").status_code == 403
    assert _client(volunteer).get(f"{page}join-requests/").status_code == 403
    queue = _client(admin).get(f"{page}join-requests/").content.decode()
    assert "I run the stall." in queue
    home = _client(admin).get("/").content.decode()
    assert 'id="panel-join-requests"' in home and f"{page}join-requests/" in home
    request = JoinRequest.objects.get()
    decided = _client(admin).post(
        f"{page}join-requests/", {"request": request.pk, "decision": "approve"}
    )
    assert decided.status_code == 302
    assert Affiliation.objects.filter(
        person=volunteer.person, organisation=organisation, role="volunteer"
    ).exists()
    assert DomainEvent.objects.filter(type="organisation.join_decided").exists()
    # Now a member, the volunteer is offered no form, and asking again is refused.
    assert 'action="/organisations/' not in asker.get(page).content.decode()
    assert asker.post(f"{page}join/", {"role": "staff"}).status_code == 403


def test_join_request_with_a_bad_role_gets_a_message(
    make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> None:
    organisation = make_organisation()
    response = _client(make_user()).post(
        f"{organisation.get_absolute_url()}join/", {"role": "emperor"}
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_sign_up_refuses_a_known_email_an_area_without_a_cvc_and_a_duplicate(
    area: Area, make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> None:
    data = {"name_en": "Borth Garden", "legal_form": "cio", "area": area}
    contact = {"given_name": "Nia", "family_name": "Morgan", "email": "nia@example.org"}
    contact["password"] = "a-long-enough-password"
    with pytest.raises(ValidationError) as no_cvc:
        actions.sign_up_organisation(data, contact, "represent")
    assert "area" in no_cvc.value.error_dict
    area.infrastructure_body = make_organisation(kind=Organisation.Kind.INFRASTRUCTURE)
    area.save()
    existing = make_user()
    with pytest.raises(ValidationError) as known:
        actions.sign_up_organisation(
            data, {**contact, "email": existing.email.upper()}, "represent"
        )
    assert "contact_email" in known.value.error_dict
    make_organisation(name_en="Borth garden", area=area)
    with pytest.raises(ValidationError) as duplicate:
        actions.sign_up_organisation(data, contact, "represent")
    assert "name_en" in duplicate.value.error_dict
    assert not User.objects.filter(email="nia@example.org").exists()


def test_sign_up_page_shows_errors_on_their_fields(area: Area) -> None:
    response = Client().post(
        "/cy/sign-up/", {"name_en": "x", "contact_email": "not-an-email", "engagement_level": "x"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert 'href="#id_contact_email"' in page and 'href="#id_area"' in page
    assert not Organisation.objects.filter(name_en="x").exists()
