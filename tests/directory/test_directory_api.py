"""The directory's own JSON API at /api/directory/: listed services, filters, one service
for whoever may see its page, and errors in the reader's language."""

from typing import Any

import pytest
from django.test import Client

from commonground.core.models import Organisation, User
from commonground.directory.models import Service


def _all(client: Client, path: str, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    page = 1
    while True:
        body = client.get(path, {**params, "page": page, "per_page": 100}).json()
        found += body["items"]
        if len(found) >= body["count"]:
            return found
        page += 1


def test_lists_hold_the_listed_services_with_their_filters(demo: None, client: Client) -> None:
    listed = Service.objects.filter(listed=True)
    assert listed.exists() and Service.objects.filter(listed=False).exists()
    services = _all(client, "/api/directory/services")
    assert {s["id"] for s in services} == {str(pk) for pk in listed.values_list("pk", flat=True)}

    service = listed.select_related("organisation__area").first()
    assert service is not None
    one = next(s for s in services if s["id"] == str(service.pk))
    assert (one["organisation"], one["name_en"], one["oruk_url"]) == (
        service.organisation.slug,
        service.name_en,
        f"/oruk/services/{service.pk}",
    )
    by_org = _all(client, "/api/directory/services", organisation=service.organisation.slug)
    assert by_org and all(s["organisation"] == service.organisation.slug for s in by_org)
    assert by_org == _all(
        client, f"/api/directory/organisations/{service.organisation.slug}/services"
    )
    in_area = _all(client, "/api/directory/services", area=service.organisation.area.slug)
    assert str(service.pk) in {s["id"] for s in in_area}
    theme = Service.themes.through.objects.filter(service__listed=True).first()
    assert theme is not None
    themed = _all(client, "/api/directory/services", theme=theme.theme.slug)
    assert themed and all(theme.theme.slug in s["themes"] for s in themed)


def test_an_unlisted_service_is_for_its_organisation_and_staff_only(
    demo: None, client: Client, make_user: Any
) -> None:
    hidden = Service.objects.filter(listed=False).select_related("organisation").first()
    assert hidden is not None
    path = f"/api/directory/services/{hidden.pk}"
    english = client.get(path)
    assert english.status_code == 404
    assert english.json()["message"] == "There is no such service."
    welsh = client.get(path, HTTP_ACCEPT_LANGUAGE="cy")
    assert welsh.status_code == 404 and welsh.json()["message"] != english.json()["message"]

    member: User = make_user(admin_of=hidden.organisation)
    client.force_login(member)
    assert client.get(path).json()["id"] == str(hidden.pk)


@pytest.mark.django_db
def test_unknown_records_and_bad_ids_are_client_errors(client: Client) -> None:
    assert client.get("/api/directory/services/not-a-uuid").status_code in (400, 404, 422)
    missing = client.get("/api/directory/organisations/nobody/services")
    assert missing.status_code == 404
    assert Organisation.objects.filter(slug="nobody").count() == 0
