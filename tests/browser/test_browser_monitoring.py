"""Programme monitoring in the browser, in English and Welsh, with axe: a programme manager
loads a logic model and sees its diagram; staff confirm pipeline evidence as eligible with a
reason; Meera (a national viewer) runs the report by area and downloads it as XLSX."""

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from commonground.core.models import Area, Organisation, Person, RoleAssignment, User
from commonground.monitoring import actions, importer, logic_model
from commonground.monitoring.models import Evidence, Programme
from tests.conftest import PASSWORD
from tests.monitoring.conftest import small_model

LANGUAGES = [("en", ""), ("cy", "/cy")]
HEADER = ",".join(importer.COLUMNS)


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture(autouse=True)
def _patient(page: Page) -> None:
    page.set_default_timeout(60_000)


@pytest.fixture
def cvc(make_organisation: Callable[..., Organisation]) -> Organisation:
    return make_organisation(name_en="Ceredigion CVC", slug="ceredigion-cvc")


def _meera(language: str) -> User:
    person = Person.objects.create(given_name="Meera", family_name="Shah")
    user = User.objects.create_user(
        "meera@wcva.example", PASSWORD, person=person, preferred_language=language
    )
    RoleAssignment.objects.create(user=user, role=RoleAssignment.Role.NATIONAL_VIEWER)
    return user


def _programme(cvc: Organisation, *rows: str) -> Programme:
    programme = actions.load_logic_model(None, logic_model.parse(small_model(cvc.slug)))
    if rows:
        importer.import_evidence(None, "\n".join([HEADER, *rows]) + "\n")
    return programme


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_a_programme_manager_loads_a_logic_model_and_sees_the_diagram(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    cvc: Organisation,
    area: Area,
    tmp_path: Path,
    language: str,
    prefix: str,
) -> None:
    _meera(language)
    sign_in(page, "meera@wcva.example", prefix)
    page.goto(url(f"{prefix}/monitoring/load/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    page.locator("#id_file").set_input_files(str(broken))
    page.get_by_role("button", name=tr(language, "Load logic model")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        tr(language, "The file is not JSON text.")
    )
    assert_accessible(page)
    model = tmp_path / "model.json"
    model.write_text(json.dumps(small_model(cvc.slug)))
    page.locator("#id_file").set_input_files(str(model))
    page.get_by_role("button", name=tr(language, "Load logic model")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rhaglen brawf" if language == "cy" else "Test programme"
    )
    diagram = page.locator(".cg-logic-model")
    expect(diagram).to_be_visible()
    expect(diagram.locator("[data-strand=info]")).to_contain_text(
        "Dissemination initiatives and products"
    )
    expect(diagram).to_contain_text(tr(language, "Impacts"))
    expect(
        page.locator("table", has_text=tr(language, "The logic model as a table"))
    ).to_contain_text("Send digests")
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_staff_confirm_pipeline_evidence_as_eligible_with_a_reason(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    make_user: Callable[..., User],
    cvc: Organisation,
    area: Area,
    language: str,
    prefix: str,
) -> None:
    programme = _programme(
        cvc, "test-programme,dissemination,2024-05-03,W06000008,,,,1,pipeline,Drafted,r-1"
    )
    staff = make_user(role=("infrastructure_staff", area), language=language)
    sign_in(page, staff.email, prefix)
    page.goto(url(f"{prefix}/monitoring/{programme.slug}/evidence/?status=pipeline"))
    assert_accessible(page)
    page.locator("table a.govuk-link").first.click()
    assert_accessible(page)
    page.locator("input[name=status][value=eligible]").check()
    page.locator("#id_reason").fill("")
    page.get_by_role("button", name=tr(language, "Save status")).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=status][value=eligible]").check()
    page.locator("#id_reason").fill("Sent to 240 organisations on 10 May")
    page.get_by_role("button", name=tr(language, "Save status")).click()
    expect(page.locator(".govuk-notification-banner, .govuk-panel").first).to_contain_text(
        tr(language, "The evidence record's status has been changed.")
    )
    evidence = Evidence.objects.get()
    assert (
        evidence.status == "eligible" and evidence.reason == "Sent to 240 organisations on 10 May"
    )
    assert_accessible(page)


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_meera_runs_the_report_by_area_and_downloads_it_as_xlsx(
    page: Page,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    sign_in: Callable[..., None],
    cvc: Organisation,
    area: Area,
    language: str,
    prefix: str,
) -> None:
    programme = _programme(
        cvc,
        "test-programme,dissemination,2024-05-03,W06000008,,,,1,eligible,,r-1",
        "test-programme,dissemination,2024-05-10,W06000008,,,,1,eligible,,r-2",
        "test-programme,dissemination,2024-05-17,W06000023,,,,1,pipeline,Not yet sent,r-3",
    )
    _meera(language)
    sign_in(page, "meera@wcva.example", prefix)
    page.goto(url(f"{prefix}/monitoring/{programme.slug}/report/"))
    assert_accessible(page)
    page.locator("#id_by").select_option("area")
    page.get_by_role("button", name=tr(language, "Run report")).click()
    table = page.locator("table", has_text=tr(language, "Targets against recorded values"))
    ceredigion = "Ceredigion"
    expect(table.locator("tr", has_text=ceredigion)).to_contain_text("40%")  # 2 of a target of 5
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=tr(language, "Download as XLSX")).click()
    download = info.value
    assert download.suggested_filename == "test-programme-report.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert rows[0][:2] == (tr(language, "Indicator"), tr(language, "Area"))
    area_names = {r[1] for r in rows[1:]}
    assert {"Ceredigion", "Powys"} <= area_names
