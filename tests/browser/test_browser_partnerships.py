"""Staff add a body and a sector seat; the body's public page shows it in English and Welsh."""

from collections.abc import Callable

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from commonground.core.models import Area, Organisation, User


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("cy", "/cy")])
def test_staff_create_body_and_sector_seat(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    make_organisation: Callable[..., Organisation],
    area: Area,
    language: str,
    prefix: str,
) -> None:
    council = make_organisation(
        name_en="Ceredigion County Council", name_cy="Cyngor Sir Ceredigion", kind="public_body"
    )
    staff = make_user(role=("infrastructure_staff", area), language=language)
    sign_in(page, staff.email, prefix)

    page.goto(url(f"{prefix}/partnerships/new/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    # Bad input first: the error summary, in this language, and nothing saved.
    page.get_by_role("button", name=tr(language, "Add body")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(tr(language, "There is a problem"))
    assert_accessible(page)

    page.locator("#id_name_en").fill("Ceredigion Public Services Board")
    page.locator("#id_name_cy").fill("Bwrdd Gwasanaethau Cyhoeddus Ceredigion")
    page.locator("#id_kind").select_option("psb")
    page.locator("#id_convenor").select_option(str(council.pk))
    page.get_by_label(area.name_cy if language == "cy" else area.name_en).check()
    page.get_by_role("button", name=tr(language, "Add body")).click()
    expect(page.locator("h1")).to_have_text(
        "Bwrdd Gwasanaethau Cyhoeddus Ceredigion"
        if language == "cy"
        else "Ceredigion Public Services Board"
    )

    page.get_by_role("link", name=tr(language, "Add a seat")).click()
    assert_accessible(page)
    page.locator("#id_name_en").fill("Third sector seat")
    page.locator("#id_name_cy").fill("Sedd y trydydd sector")
    page.locator("input[name=kind][value=sector]").check()
    page.get_by_role("button", name=tr(language, "Add seat")).click()

    seats = page.locator("#seats + .cg-table-scroll table")
    expect(seats).to_contain_text(
        "Sedd y trydydd sector" if language == "cy" else "Third sector seat"
    )
    expect(seats).to_contain_text(tr(language, "Vacant"))
    assert_accessible(page)

    # The other language shows the same body and seat.
    page.locator("#language-switch").click()
    other = "en" if language == "cy" else "cy"
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("#seats + .cg-table-scroll table")).to_contain_text(
        "Sedd y trydydd sector" if other == "cy" else "Third sector seat"
    )
    expect(page.locator("#seats + .cg-table-scroll table")).to_contain_text(tr(other, "Vacant"))
    assert_accessible(page)
