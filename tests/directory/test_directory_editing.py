"""Editing: admins edit directly, others suggest, reviewers accept or reject, history kept."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from commonground.core.models import Area, DomainEvent, Organisation, User
from commonground.directory import actions
from commonground.directory.models import Service, Suggestion


@pytest.fixture
def service(make_organisation: Callable[..., Organisation]) -> Service:
    organisation = make_organisation()
    return Service.objects.create(
        organisation=organisation, name_en="Lunch club", description_en="Hot meals."
    )


def test_admin_edits_directly_with_history_and_event(
    service: Service, make_user: Callable[..., User]
) -> None:
    admin = make_user(admin_of=service.organisation)
    changed = actions.update_service(
        admin, service, {"name_en": "Lunch club for all", "minimum_age": 60}
    )
    assert changed == ["name_en", "minimum_age"]
    service.refresh_from_db()
    assert service.name_en == "Lunch club for all"
    latest = service.history.first()
    assert latest is not None and latest.history_user == admin
    assert DomainEvent.objects.filter(type="service.updated").exists()
    with pytest.raises(ValidationError):
        actions.update_service(
            admin, service, {"minimum_age": 70, "maximum_age": 10, "email": "nope"}
        )
    service.refresh_from_db()
    assert service.minimum_age == 60


def test_permission_matrix(
    service: Service, make_user: Callable[..., User], area: Area, other_area: Area
) -> None:
    cases: list[tuple[User, bool]] = [
        (make_user(admin_of=service.organisation), True),
        (make_user(member_of=service.organisation), False),
        (make_user(role=("infrastructure_staff", area)), True),
        (make_user(role=("infrastructure_staff", other_area)), False),
        (make_user(role=("national_viewer", None)), False),
        (make_user(), False),
    ]
    for user, allowed in cases:
        assert user.has_perm("directory.change_service", service) is allowed
        assert user.has_perm("directory.suggest_change")
    outsider = cases[-1][0]
    with pytest.raises(PermissionDenied):
        actions.update_service(outsider, service, {"name_en": "Mine now"})
    with pytest.raises(PermissionDenied):
        actions.import_oruk(outsider, {}, area, "x")


def test_suggestion_review_queue(service: Service, make_user: Callable[..., User]) -> None:
    member = make_user()
    admin = make_user(admin_of=service.organisation)
    suggestion = actions.suggest_change(
        member, service, {"fees": "£2 a meal"}, note="Prices went up"
    )
    service.refresh_from_db()
    assert service.fees == ""  # nothing changes until it is reviewed
    with pytest.raises(PermissionDenied):
        actions.review_suggestion(member, suggestion, accept=True)
    actions.review_suggestion(admin, suggestion, accept=True)
    service.refresh_from_db()
    assert service.fees == "£2 a meal"
    assert Suggestion.objects.get().status == Suggestion.Status.ACCEPTED
    with pytest.raises(ValidationError):
        actions.review_suggestion(admin, suggestion, accept=False)
    rejected = actions.suggest_change(member, service, {"name_en": "Spam"})
    actions.review_suggestion(admin, rejected, accept=False)
    service.refresh_from_db()
    assert service.name_en == "Lunch club"
    with pytest.raises(ValidationError):
        actions.suggest_change(member, service, {"name_en": "Lunch club"})


def _form(service: Service, **changes: Any) -> dict[str, Any]:
    data = {
        "name_en": service.name_en,
        "name_cy": "",
        "description_en": service.description_en,
        "description_cy": "",
        "url": "",
        "email": "",
        "status": "active",
        "fees": "",
        "minimum_age": "",
        "maximum_age": "",
    }
    data.update(changes)
    return data


def test_pages_for_editing_suggesting_and_reviewing(
    service: Service, make_user: Callable[..., User]
) -> None:
    from tests.conftest import PASSWORD  # type: ignore[import-not-found]

    member, admin = make_user(), make_user(admin_of=service.organisation)
    client = Client()
    client.login(email=member.email, password=PASSWORD)
    assert client.get(f"/directory/services/{service.pk}/edit/").status_code == 302
    bad = client.post(
        f"/directory/services/{service.pk}/suggest/", _form(service, minimum_age="ten")
    )
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    same = client.post(f"/directory/services/{service.pk}/suggest/", _form(service))
    assert "govuk-error-summary" in same.content.decode()
    sent = client.post(f"/directory/services/{service.pk}/suggest/", _form(service, fees="Free"))
    assert sent.status_code == 302
    assert client.get("/directory/review/").status_code == 200
    suggestion = Suggestion.objects.get()
    assert (
        client.post(f"/directory/review/{suggestion.pk}/", {"decision": "accept"}).status_code
        == 403
    )
    client.login(email=admin.email, password=PASSWORD)
    queue = client.get("/cy/directory/review/")
    assert "Free" in queue.content.decode()
    assert (
        client.post(f"/directory/review/{suggestion.pk}/", {"decision": "accept"}).status_code
        == 302
    )
    service.refresh_from_db()
    assert service.fees == "Free"
    edited = client.post(
        f"/directory/services/{service.pk}/edit/", _form(service, name_en="Lunch club (Tuesdays)")
    )
    assert edited.status_code == 302
    service.refresh_from_db()
    assert service.name_en == "Lunch club (Tuesdays)"
    too_young = client.post(
        f"/directory/services/{service.pk}/edit/",
        _form(service, minimum_age="50", maximum_age="10"),
    )
    assert "govuk-error-summary" in too_young.content.decode()


def test_staff_upload_page(make_user: Callable[..., User], area: Area) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import PASSWORD  # type: ignore[import-not-found]

    staff = make_user(role=("infrastructure_staff", area))
    client = Client()
    assert client.get("/directory/import/").status_code == 302
    client.login(email=make_user().email, password=PASSWORD)
    assert client.get("/directory/import/").status_code == 403
    client.login(email=staff.email, password=PASSWORD)
    bad = client.post(
        "/directory/import/",
        {
            "format": "oruk_json",
            "area": area.slug,
            "file": SimpleUploadedFile("bad.json", b'{"id": "x", "name": "A", "status": "open"}'),
        },
    )
    html = bad.content.decode()
    assert (
        "govuk-error-summary" in html
        and "Nothing has been imported" in html
        and "bad_uuid" not in html
    )
    assert "Must be a UUID" in html
    good = client.post(
        "/directory/import/",
        {
            "format": "oruk_json",
            "area": area.slug,
            "file": SimpleUploadedFile(
                "ok.json",
                b'{"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Example Org", "description": "", "website": "https://example.org"}',
            ),
        },
    )
    assert good.status_code == 302
    assert Organisation.objects.filter(name_en="Example Org").exists()


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_organisation_admin_adds_a_service_and_closes_it(
    make_organisation: Callable[..., Organisation], make_user: Callable[..., User], prefix: str
) -> None:
    """Issue 11, missing 3: an organisation manages its own services from its page."""
    organisation = make_organisation()
    admin, member = make_user(admin_of=organisation), make_user(member_of=organisation)
    page = f"{prefix}/directory/organisations/{organisation.slug}/"
    new = f"{page}services/new/"
    outsider = Client()
    outsider.force_login(member)
    assert new not in outsider.get(page).content.decode()
    assert outsider.get(new).status_code == 403
    client = Client()
    client.force_login(admin)
    assert new in client.get(page).content.decode()
    blank = client.post(new, {"name_en": "", "status": "active"})
    assert blank.status_code == 200 and "govuk-error-summary" in blank.content.decode()
    assert not Service.objects.filter(organisation=organisation).exists()
    fields = {
        "name_en": "Repair café",
        "description_en": "Bring things to mend.",
        "status": "active",
    }
    added = client.post(new, fields)
    service = Service.objects.get(organisation=organisation)
    assert added.status_code == 302 and added["Location"].endswith(f"/services/{service.pk}/")
    assert DomainEvent.objects.filter(type="service.created").exists()
    closed = client.post(
        f"{prefix}/directory/services/{service.pk}/edit/", _form(service, status="inactive")
    )
    assert closed.status_code == 302
    service.refresh_from_db()
    assert service.status == "inactive"
