"""The directory in a real browser: search, filter and open a service, in English and Welsh,
with no serious or critical axe-core violations."""

import re
import uuid

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Page, expect

from commonground.core.models import Area, Organisation
from commonground.directory import actions, postcodes
from commonground.directory.models import Service
from commonground.interop.oruk import empty_tables

LANGUAGES = [("en", ""), ("cy", "/cy")]
PANTRY = "5b0f3c4e-2d7a-4a51-9a43-000000000001"
CHOIR = "5b0f3c4e-2d7a-4a51-9a43-000000000002"


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def services(make_organisation: object, area: Area) -> None:
    organisation: Organisation = make_organisation(name_en="Borth Community Pantry")  # type: ignore[operator]
    postcodes.load_demo_postcodes()
    from commonground.directory.oruk_records import ensure_profiles

    ensure_profiles([organisation])
    profile = str(organisation.directory_profile.pk)  # type: ignore[attr-defined]
    tables = empty_tables()
    for sid, name, lat, lon, days, opens, closes in [
        (PANTRY, "Community food pantry", 52.487, -4.050, "TU,TH", "10:00:00", "13:00:00"),
        (CHOIR, "Community choir", 52.083, -4.660, "TU", "19:00:00", "21:00:00"),
    ]:
        lid, sal, sch = (
            str(uuid.uuid5(uuid.UUID(sid), k)) for k in ("location", "sal", "schedule")
        )
        tables["services"].append(
            {
                "id": sid,
                "organization_id": profile,
                "name": name,
                "description": f"{name} for everyone.",
                "status": "active",
            }
        )
        tables["locations"].append(
            {
                "id": lid,
                "location_type": "physical",
                "name": name,
                "latitude": lat,
                "longitude": lon,
            }
        )
        tables["service_at_locations"].append({"id": sal, "service_id": sid, "location_id": lid})
        tables["schedules"].append(
            {
                "id": sch,
                "service_id": sid,
                "freq": "WEEKLY",
                "byday": days,
                "opens_at": opens,
                "closes_at": closes,
            }
        )
    actions.import_oruk(None, tables, area, "browser test")
    Service.objects.filter(pk=PANTRY).update(name_cy="Pantri bwyd cymunedol")
    Service.objects.filter(pk=CHOIR).update(name_cy="Côr cymunedol")
    from commonground.directory import search

    search.reindex()


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_search_filter_and_open_a_service(
    page: Page, url: object, assert_accessible: object, services: None, language: str, prefix: str
) -> None:
    pantry = "Pantri bwyd cymunedol" if language == "cy" else "Community food pantry"
    choir = "Côr cymunedol" if language == "cy" else "Community choir"
    page.goto(url(f"{prefix}/directory/"))  # type: ignore[operator]
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(tr(language, "Find a service"))
    assert_accessible(page)  # type: ignore[operator]
    # Free text, with a typo.
    page.locator("#id_q").fill("comunity")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("#results")).to_contain_text(pantry)
    expect(page.locator("#results")).to_contain_text(choir)
    with translation.override(language):
        two = ngettext("%(counter)s service", "%(counter)s services", 2) % {"counter": 2}
    expect(page.get_by_role("status")).to_have_text(two)
    # Filter by distance from a postcode and by opening time: only the pantry is near Borth
    # and open on Tuesday morning.
    page.locator("#id_postcode").fill("SY24 5AA")
    page.locator("#id_radius").select_option("10")
    page.locator("#id_day").select_option("1")
    page.locator("#id_time").fill("11:00")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("#results")).to_contain_text(pantry)
    expect(page.locator("#results")).not_to_contain_text(choir)
    assert_accessible(page)  # type: ignore[operator]
    # A bad postcode gets the error summary.
    page.locator("#id_postcode").fill("NOPE")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)  # type: ignore[operator]
    # Open the service page.
    page.goto(url(f"{prefix}/directory/?q=pantry"))  # type: ignore[operator]
    page.get_by_role("link", name=pantry).click()
    expect(page.locator("h1")).to_have_text(pantry)
    # Opening times in words: "Tuesday and Thursday, 10am to 1pm" / "… 10yb i 1yp".
    expect(page.locator("main")).to_contain_text(re.compile(r"10am to 1pm|10yb i 1yp"))
    assert_accessible(page)  # type: ignore[operator]
