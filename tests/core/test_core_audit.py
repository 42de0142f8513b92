"""Nothing lost: every edit is kept with who, when, why and what, and can be restored.

Through ``actions`` (the only way changes are made) and through the staff history pages.
"""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from commonground.core import actions
from commonground.core import permissions as _rules  # noqa: F401  (see test_core_permissions: rules are not registered at start-up)
from commonground.core.models import DomainEvent, Organisation, Theme

NAME_MAX = Organisation._meta.get_field("name_en").max_length


def snapshot(organisation: Organisation) -> dict[str, Any]:
    """Everything stored about an organisation, fields and many-to-many values."""
    row = Organisation.objects.get(pk=organisation.pk)
    values = model_to_dict(row, exclude=["themes", "beneficiary_groups", "areas_served"])
    values["updated_at"] = row.updated_at
    values["themes"] = set(row.themes.values_list("slug", flat=True))
    values["beneficiary_groups"] = set(row.beneficiary_groups.values_list("slug", flat=True))
    values["areas_served"] = set(row.areas_served.values_list("code", flat=True))
    return values


def history_ids(organisation: Organisation) -> list[int]:
    return list(organisation.history.order_by("history_id").values_list("history_id", flat=True))


def event_ids() -> list[int]:
    return list(DomainEvent.objects.order_by("id").values_list("id", flat=True))


@pytest.fixture
def themes(db: None) -> list[Theme]:
    found = list(Theme.objects.order_by("slug")[:4])
    assert len(found) == 4, "reference data should provide themes"
    return found


@pytest.fixture
def organisation(make_organisation, area) -> Organisation:
    return make_organisation(
        name_en="Aberaeron Men's Shed",
        description_en="A workshop for men to meet and make things.",
        public_listing=True,
    )


@pytest.fixture
def staff(make_user, area):
    return make_user(role=("infrastructure_staff", area))


@pytest.fixture
def org_admin(make_user, organisation):
    return make_user(admin_of=organisation)


# --- one history entry per edit ---------------------------------------------------------------


def test_edit_creates_exactly_one_history_entry_with_user_reason_and_values(
    organisation: Organisation, org_admin, themes: list[Theme]
) -> None:
    before = history_ids(organisation)
    changed = actions.update_organisation(
        org_admin,
        organisation,
        {
            "name_en": "Aberaeron Community Shed",
            "themes": [themes[0], themes[1]],
            "description_en": organisation.description_en,  # unchanged: not reported
        },
    )
    assert set(changed) == {"name_en", "themes"}

    after = history_ids(organisation)
    assert len(after) == len(before) + 1
    record = organisation.history.get(history_id=after[-1])
    assert record.history_user == org_admin
    assert record.history_type == "~"
    assert "name_en" in record.history_change_reason
    assert "themes" in record.history_change_reason
    assert "description_en" not in record.history_change_reason
    assert record.name_en == "Aberaeron Community Shed"
    assert set(record.themes.values_list("theme__slug", flat=True)) == {
        themes[0].slug,
        themes[1].slug,
    }

    previous = organisation.history.get(history_id=before[-1])
    delta = record.diff_against(previous)
    assert set(delta.changed_fields) == {"name_en", "themes"}
    by_field = {c.field: c for c in delta.changes}
    assert by_field["name_en"].old == "Aberaeron Men's Shed"
    assert by_field["name_en"].new == "Aberaeron Community Shed"
    assert by_field["themes"].old == []
    assert {row["theme"] for row in by_field["themes"].new} == {themes[0].pk, themes[1].pk}


def test_each_of_several_edits_is_its_own_entry(organisation, org_admin, staff, themes) -> None:
    start = len(history_ids(organisation))
    actions.update_organisation(org_admin, organisation, {"name_en": "First name"})
    actions.update_organisation(staff, organisation, {"themes": [themes[2]]})
    actions.update_organisation(org_admin, organisation, {"founded_on": date(1998, 4, 1)})
    records = list(organisation.history.order_by("history_id"))[start:]
    assert [r.history_user for r in records] == [org_admin, staff, org_admin]
    assert [r.name_en for r in records] == ["First name"] * 3
    assert [r.founded_on for r in records] == [None, None, date(1998, 4, 1)]


def test_theme_only_edit_is_one_entry_not_one_per_theme(organisation, org_admin, themes) -> None:
    start = len(history_ids(organisation))
    actions.update_organisation(org_admin, organisation, {"themes": themes})
    actions.update_organisation(org_admin, organisation, {"themes": themes[:1]})
    assert len(history_ids(organisation)) == start + 2


def test_edit_that_changes_nothing_records_nothing(organisation, org_admin) -> None:
    before, events = history_ids(organisation), event_ids()
    changed = actions.update_organisation(
        org_admin, organisation, {"name_en": organisation.name_en, "themes": []}
    )
    assert changed == []
    assert history_ids(organisation) == before
    assert event_ids() == events


# --- restore ----------------------------------------------------------------------------------


def test_restore_brings_back_fields_and_themes_and_is_itself_recorded(
    organisation, org_admin, staff, themes
) -> None:
    actions.update_organisation(
        org_admin,
        organisation,
        {"themes": themes[:2], "income_band": "small", "founded_on": date(2001, 5, 6)},
    )
    good = snapshot(organisation)
    good_version = history_ids(organisation)[-1]

    actions.update_organisation(
        org_admin,
        organisation,
        {
            "name_en": "Wrongly renamed",
            "description_en": "Vandalised.",
            "themes": themes[2:],
            "income_band": "major",
            "founded_on": None,
            "public_listing": False,
        },
    )
    assert snapshot(organisation)["name_en"] == "Wrongly renamed"
    before_restore = history_ids(organisation)
    events_before = event_ids()

    changed = actions.restore_organisation(staff, organisation, good_version)

    assert set(changed) >= {
        "name_en",
        "description_en",
        "themes",
        "income_band",
        "founded_on",
        "public_listing",
    }
    restored = snapshot(organisation)
    for name in (
        "name_en",
        "description_en",
        "themes",
        "income_band",
        "founded_on",
        "public_listing",
        "beneficiary_groups",
        "areas_served",
        "identifier",
        "slug",
        "area",
    ):
        assert restored[name] == good[name], name

    after = history_ids(organisation)
    assert len(after) == len(before_restore) + 1
    record = organisation.history.get(history_id=after[-1])
    assert record.history_user == staff
    assert str(good_version) in record.history_change_reason
    assert record.name_en == good["name_en"]
    assert set(record.themes.values_list("theme__slug", flat=True)) == good["themes"]

    new_events = DomainEvent.objects.exclude(id__in=events_before)
    assert [e.type for e in new_events] == ["organisation.restored"]
    assert new_events[0].payload["history_id"] == good_version
    assert new_events[0].actor == staff
    assert new_events[0].organisation_id == organisation.pk


def test_restore_to_the_creation_version_clears_later_themes(
    organisation, org_admin, staff, themes
) -> None:
    created = history_ids(organisation)[0]
    actions.update_organisation(org_admin, organisation, {"themes": themes, "name_en": "Renamed"})
    actions.restore_organisation(staff, organisation, created)
    now = snapshot(organisation)
    assert now["themes"] == set()
    assert now["name_en"] == "Aberaeron Men's Shed"


def test_restore_needs_permission_and_writes_nothing_without_it(
    organisation, org_admin, themes
) -> None:
    first = history_ids(organisation)[0]
    actions.update_organisation(org_admin, organisation, {"name_en": "Renamed"})
    before, events, row = history_ids(organisation), event_ids(), snapshot(organisation)
    with pytest.raises(PermissionDenied):
        actions.restore_organisation(org_admin, organisation, first)
    assert history_ids(organisation) == before
    assert event_ids() == events
    assert snapshot(organisation) == row


def test_restore_of_another_organisations_version_is_refused(
    organisation, make_organisation, staff
) -> None:
    other = make_organisation(name_en="Someone else")
    foreign_version = history_ids(other)[0]
    row = snapshot(organisation)
    with pytest.raises(Organisation.history.model.DoesNotExist):
        actions.restore_organisation(staff, organisation, foreign_version)
    assert snapshot(organisation) == row


# --- refusals write nothing -------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["ordinary member", "admin of another organisation", "staff of another area"]
)
def test_permission_denied_writes_nothing(
    who: str, organisation, make_user, make_organisation, other_area, themes
) -> None:
    user = {
        "ordinary member": lambda: make_user(member_of=organisation),
        "admin of another organisation": lambda: make_user(admin_of=make_organisation()),
        "staff of another area": lambda: make_user(role=("infrastructure_staff", other_area)),
    }[who]()
    before, events, row = history_ids(organisation), event_ids(), snapshot(organisation)
    with pytest.raises(PermissionDenied):
        actions.update_organisation(user, organisation, {"name_en": "Taken over", "themes": themes})
    assert snapshot(organisation) == row
    assert history_ids(organisation) == before
    assert event_ids() == events


INVALID_CHANGES = {
    "bad identifier": {"identifier": "GB-CHC-12"},
    "unknown identifier scheme": {"identifier": "XX-ABC-123"},
    "over-long name": {"name_en": "x" * (NAME_MAX + 1)},
    "over-long Welsh name": {"name_cy": "x" * (NAME_MAX + 1)},
    "missing name": {"name_en": ""},
    "bad email": {"email": "not-an-email"},
    "bad website": {"website": "not a web address"},
    "unknown legal form": {"legal_form": "pirate_ship"},
    "over-long phone": {"phone": "0" * 31},
}


@pytest.mark.parametrize("change", list(INVALID_CHANGES))
def test_invalid_change_raises_and_leaves_row_history_and_events_unchanged(
    change: str, organisation, org_admin, themes
) -> None:
    # Valid changes ride along, including themes: none of them may be half-written.
    data = {"description_en": "Half-written?", "themes": themes[:3], **INVALID_CHANGES[change]}
    before, events, row = history_ids(organisation), event_ids(), snapshot(organisation)
    with pytest.raises(ValidationError) as caught:
        actions.update_organisation(org_admin, organisation, data)
    invalid_field = next(iter(INVALID_CHANGES[change]))
    assert invalid_field in caught.value.message_dict
    assert snapshot(organisation) == row
    assert history_ids(organisation) == before
    assert event_ids() == events


def test_identifier_already_used_by_another_organisation_is_refused(
    organisation, make_organisation, org_admin
) -> None:
    make_organisation(identifier="GB-CHC-1089464")
    row, before = snapshot(organisation), history_ids(organisation)
    with pytest.raises(ValidationError) as caught:
        actions.update_organisation(org_admin, organisation, {"identifier": "GB-CHC-1089464"})
    assert "identifier" in caught.value.message_dict
    assert snapshot(organisation) == row
    assert history_ids(organisation) == before


# --- through the web --------------------------------------------------------------------------


def test_staff_see_the_change_on_the_history_page(client, organisation, org_admin, staff) -> None:
    actions.update_organisation(org_admin, organisation, {"name_en": "Aberaeron Community Shed"})
    client.force_login(staff)
    response = client.get(reverse("web:organisation-history", args=[organisation.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Aberaeron Men&#x27;s Shed" in page  # the old value
    assert "Aberaeron Community Shed" in page  # the new value
    assert str(org_admin.person) in page  # who made the change


def test_staff_restore_through_the_web(client, organisation, org_admin, staff, themes) -> None:
    actions.update_organisation(org_admin, organisation, {"themes": themes[:2]})
    good, good_version = snapshot(organisation), history_ids(organisation)[-1]
    actions.update_organisation(org_admin, organisation, {"name_en": "Oops", "themes": []})
    client.force_login(staff)
    url = reverse("web:organisation-restore", args=[organisation.slug, good_version])
    history_url = reverse("web:organisation-history", args=[organisation.slug])
    assert url in client.get(history_url).content.decode()  # the page offers this restore

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == history_url
    now = snapshot(organisation)
    assert now["name_en"] == good["name_en"]
    assert now["themes"] == good["themes"]
    assert organisation.history.latest().history_user == staff


def test_restore_is_post_only(client, organisation, org_admin, staff) -> None:
    first = history_ids(organisation)[0]
    actions.update_organisation(org_admin, organisation, {"name_en": "Renamed"})
    client.force_login(staff)
    response = client.get(reverse("web:organisation-restore", args=[organisation.slug, first]))
    assert response.status_code == 405
    assert snapshot(organisation)["name_en"] == "Renamed"


def test_restore_of_unknown_version_is_404(client, organisation, staff) -> None:
    client.force_login(staff)
    missing = max(history_ids(organisation)) + 1000
    response = client.post(reverse("web:organisation-restore", args=[organisation.slug, missing]))
    assert response.status_code == 404


def test_org_admin_who_is_not_staff_cannot_see_or_restore_history(
    client, organisation, org_admin
) -> None:
    first = history_ids(organisation)[0]
    actions.update_organisation(org_admin, organisation, {"name_en": "Renamed"})
    before, row = history_ids(organisation), snapshot(organisation)
    client.force_login(org_admin)
    assert (
        client.get(reverse("web:organisation-history", args=[organisation.slug])).status_code == 403
    )
    response = client.post(reverse("web:organisation-restore", args=[organisation.slug, first]))
    assert response.status_code == 403
    assert history_ids(organisation) == before
    assert snapshot(organisation) == row


def test_history_page_needs_sign_in(client, organisation) -> None:
    url = reverse("web:organisation-history", args=[organisation.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign-in"))


def test_staff_of_another_area_cannot_see_history(
    client, organisation, make_user, other_area
) -> None:
    client.force_login(make_user(role=("infrastructure_staff", other_area)))
    response = client.get(reverse("web:organisation-history", args=[organisation.slug]))
    assert response.status_code == 403


def test_history_link_shown_to_staff_only(client, organisation, org_admin, staff) -> None:
    history_url = reverse("web:organisation-history", args=[organisation.slug])
    client.force_login(org_admin)
    assert history_url not in client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(staff)
    assert history_url in client.get(organisation.get_absolute_url()).content.decode()
