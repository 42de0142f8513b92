"""Issue 11, defect 1: saving an edit form unchanged keeps every date, in English and Welsh.

A locale-formatted value ("May 1, 1965", "7 Rhagfyr 2026") in ``<input type="date">`` is
discarded by the browser, so a real browser is the only honest test. Every edit form that
has a date or time field is opened, saved as it is, and its record compared.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone
from playwright.sync_api import Page

from commonground.core.models import Area, Organisation, User
from commonground.engagement.models import Consultation
from commonground.partnerships.models import Meeting
from tests.representation.conftest import build_scene


@dataclass
class EditForm:
    name: str
    record: models.Model
    path: str


@pytest.fixture
def edit_forms(
    area: Area, make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> list[EditForm]:
    """One record behind each edit form that has a date or time field."""
    scene = build_scene(area, make_organisation, make_user)
    charity = scene.organisations[0]
    charity.founded_on = date(1965, 5, 1)
    charity.save()
    consultation = Consultation.objects.create(
        owner=scene.cvc,
        area=area,
        title_en="Library hours",
        title_cy="Oriau llyfrgell",
        summary_en="When should libraries open?",
        summary_cy="Pryd dylai llyfrgelloedd agor?",
        opens_on=date(2026, 12, 7),
        closes_on=date(2027, 3, 15),
        feedback_due_on=date(2027, 4, 1),
    )
    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(days=20)
    meeting = Meeting.objects.create(
        body=scene.body, starts_at=starts, ends_at=starts + timedelta(hours=2), venue="Aberaeron"
    )
    return [
        EditForm("organisation", charity, f"/organisations/{charity.slug}/edit/"),
        EditForm(
            "consultation", consultation, f"/engagement/consultations/{consultation.pk}/edit/"
        ),
        EditForm(
            "meeting", meeting, f"/partnerships/{scene.body.slug}/meetings/{meeting.pk}/edit/"
        ),
    ]


def _snapshot(record: models.Model) -> dict[str, Any]:
    record.refresh_from_db()
    values = model_to_dict(record)
    # Edit-tracking stamps may move; the record's own data must not.
    for stamp in ("updated_at", "last_modified"):
        values.pop(stamp, None)
    return values


@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("cy", "/cy")])
def test_every_date_form_saves_unchanged(
    edit_forms: list[EditForm],
    area: Area,
    make_user: Callable[..., User],
    page: Page,
    url: Callable[[str], str],
    sign_in: Callable[..., None],
    language: str,
    prefix: str,
) -> None:
    admin = make_user(role=("area_admin", area), language=language)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sign_in(page, admin.email, prefix)
    for form in edit_forms:
        before = _snapshot(form.record)
        page.goto(url(prefix + form.path))
        dates = page.locator("input[type=date], input[type=datetime-local]")
        assert dates.count(), f"the {form.name} form shows its dates as date inputs"
        for i in range(dates.count()):
            assert dates.nth(i).input_value(), f"{form.name}: {dates.nth(i).get_attribute('name')}"
        page.locator("main form[method=post] button[type=submit]").first.click()
        page.wait_for_load_state()
        errors = page.locator(".govuk-error-summary")
        assert not errors.count(), f"{form.name}: {errors.inner_text()}"
        assert _snapshot(form.record) == before, form.name
