"""Every record a person edits keeps its history; what keeps none is listed here, with why."""

from html import unescape
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import Client

from commonground.core.models import Area, BeneficiaryGroup, DomainEvent, Region, Theme

# Records nobody edits, or whose history would do harm.
WITHOUT_HISTORY = {
    "core.DomainEvent": "an append-only log: it is itself the history",
    "api.ApiToken": "a credential: created and revoked, never edited; old hashes stay out",
    "representation.Ballot": "secret: a history of ballots would link them to voters",
    "representation.Elector": "the electoral roll, written by the election; keeps secrecy",
    "representation.Candidate": "written by the count from nominations, never edited",
    "representation.TermReminder": "a log of reminders sent",
    "directory.Postcode": "reference data, replaced whole from the ONS file",
    "directory.SearchWord": "a search index derived from services",
    "engagement.Digest": "written by the digest run, never edited",
    "representation.HeldBallot": "secret: a cast ballot waiting to be mixed into the box",
    "funding.Variation": "itself the record of a change to an agreement, never edited",
    "commissioning.OcdsRelease": "append-only: a correction is a new release",
    "commissioning.OcdsRecord": "rebuilt from its releases, which are the history",
    "commissioning.UnmatchedSupplier": "a work list derived from imported awards",
    "commissioning.Subscription": "a personal setting, created and removed, never edited",
    "compacts.Finding": "written by the rule run; its first-seen and resolved dates are its history",
    "compacts.Dispute": "a history would name whoever saved it, an anonymous reporter too; its steps are its history",
    "compacts.DisputeStep": "itself the record of a step in a dispute, never edited",
}


def _ours() -> list[str]:
    return sorted(
        m._meta.label
        for m in apps.get_models()
        if m.__module__.startswith("commonground") and not m.__name__.startswith("Historical")
    )


def test_every_edited_model_keeps_history() -> None:
    missing = [
        label
        for label in _ours()
        if label not in WITHOUT_HISTORY and not hasattr(apps.get_model(label), "history")
    ]
    assert missing == []


def test_the_exemptions_are_real_models_without_history() -> None:
    for label in WITHOUT_HISTORY:
        assert label in _ours()
        assert not hasattr(apps.get_model(label), "history"), label


def test_a_users_history_never_holds_a_password(make_user: Any) -> None:
    user = make_user()
    user.set_password("another-long-password")
    user.save()
    fields = {f.name for f in user.history.model._meta.fields}
    assert "password" not in fields and "email" in fields
    assert user.history.count() >= 2


pytestmark = pytest.mark.django_db


def _edit(theme: Theme, name: str) -> None:
    theme.name_en = name
    theme.save()


def test_staff_restore_any_record_from_its_history_page(make_user: Any) -> None:
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None
    original = theme.name_en
    _edit(theme, original)  # reference rows predate history: their first save starts it
    _edit(theme, "A name typed by mistake")
    staff = make_user(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_theme"))
    client = Client()
    client.force_login(staff)
    page = client.get(f"/history/core.Theme/{theme.pk}/")
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert "A name typed by mistake" in html and original in html
    oldest = theme.history.order_by("history_id").first()
    assert oldest is not None
    response = client.post(f"/history/core.Theme/{theme.pk}/{oldest.history_id}/restore/")
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name_en == original
    latest = theme.history.latest()
    assert latest.history_user == staff and latest.history_change_reason.startswith("Restored")
    assert DomainEvent.objects.filter(type="record.restored", actor=staff).count() == 1
    assert "Hanes newidiadau" in client.get(f"/cy/history/core.Theme/{theme.pk}/").content.decode()


def test_history_pages_are_for_staff_with_the_right_to_change(make_user: Any) -> None:
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None
    _edit(theme, "Changed")
    version = theme.history.earliest().history_id
    client = Client()
    client.force_login(make_user(is_staff=True))  # staff, but no right to change themes
    assert client.get(f"/history/core.Theme/{theme.pk}/").status_code == 403
    assert client.post(f"/history/core.Theme/{theme.pk}/{version}/restore/").status_code == 403
    theme.refresh_from_db()
    assert theme.name_en == "Changed"
    superuser = make_user(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get("/history/core.DomainEvent/1/").status_code == 404  # keeps no history
    assert client.get("/history/core.Nothing/1/").status_code == 404
    assert client.get("/history/directory.Service/not-a-uuid/").status_code == 404
    assert client.post(f"/history/core.Theme/{theme.pk}/999999/restore/").status_code == 404


@pytest.mark.django_db
def test_reference_rows_have_a_first_version_to_restore() -> None:
    """Issue 19, finding 10: rows created by the reference-data migration keep history too."""
    for model in (Region, Area, Theme, BeneficiaryGroup):
        rows = set(model.objects.values_list("pk", flat=True))
        assert rows, model
        recorded = set(model.history.filter(history_type="+").values_list("id", flat=True))
        assert recorded >= rows, model
