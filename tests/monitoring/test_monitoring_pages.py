"""Staff pages and the API: who sees what, confirming evidence, reports and downloads."""

import io
import json
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from commonground.core.models import Area, User
from commonground.monitoring import importer
from commonground.monitoring.models import Evidence, Programme
from tests.monitoring.conftest import small_model

pytestmark = pytest.mark.django_db
HEADER = ",".join(importer.COLUMNS)


def _load(programme: Programme, *rows: str) -> None:
    importer.import_evidence(None, "\n".join([HEADER, *rows]) + "\n")


def test_the_programme_page_draws_the_logic_model_and_gives_it_as_a_table(
    client: Client, programme: Programme, staff: User
) -> None:
    client.force_login(staff)
    page = client.get(f"/monitoring/{programme.slug}/").content.decode()
    assert 'class="cg-logic-model"' in page and 'data-strand="info"' in page
    assert page.count("Send digests") == 2  # in the diagram and in the table
    assert page.count("Dissemination initiatives and products") >= 3
    welsh = client.get(f"/cy/monitoring/{programme.slug}/").content.decode()
    assert "Rhaglen brawf" in welsh and "Model rhesymeg" in welsh


def test_monitoring_is_for_staff_and_national_viewers(
    client: Client, programme: Programme, make_user: Callable[..., User]
) -> None:
    assert client.get("/monitoring/").status_code == 302  # to sign in
    client.force_login(make_user())
    assert client.get(f"/monitoring/{programme.slug}/report/").status_code == 403
    assert client.get(f"/api/monitoring/programmes/{programme.slug}/report").status_code == 403


def test_staff_confirm_pipeline_evidence_with_a_reason_kept_in_history(
    client: Client, programme: Programme, staff: User, viewer: User
) -> None:
    _load(programme, "test-programme,dissemination,2024-05-03,W06000008,,,,1,pipeline,Drafted,r-1")
    evidence = Evidence.objects.get()
    url = f"/monitoring/{programme.slug}/evidence/{evidence.pk}/"
    client.force_login(viewer)
    assert client.post(url, {"status": "eligible", "reason": "Sent"}).status_code == 403
    client.force_login(staff)
    refused = client.post(url, {"status": "eligible", "reason": ""})
    assert refused.status_code == 400 and "govuk-error-summary" in refused.content.decode()
    assert client.post(url, {"status": "eligible", "reason": "Sent on 10 May"}).status_code == 302
    evidence.refresh_from_db()
    assert evidence.status == "eligible" and evidence.reason == "Sent on 10 May"
    reasons = list(evidence.history.values_list("status", "history_change_reason"))  # type: ignore[attr-defined]
    assert reasons[0] == ("eligible", "Sent on 10 May") and reasons[-1][0] == "pipeline"


def test_the_upload_page_lists_every_problem_and_imports_nothing(
    client: Client, programme: Programme, staff: User
) -> None:
    client.force_login(staff)
    bad = f"{HEADER}\ntest-programme,dissemination,2024-05-03,W06000008,,,,1,eligible,,r-1\ntest-programme,dissemination,someday,,,,,x,eligible,,r-2\n"
    response = client.post(
        f"/monitoring/{programme.slug}/evidence/import/",
        {"file": SimpleUploadedFile("e.csv", bad.encode(), content_type="text/csv")},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 3, column date" in page and "Row 3, column quantity" in page
    assert not Evidence.objects.exists()
    good = bad.split("\n")[:2]
    response = client.post(
        f"/monitoring/{programme.slug}/evidence/import/",
        {"file": SimpleUploadedFile("e.csv", "\n".join(good).encode(), content_type="text/csv")},
    )
    assert response.status_code == 302 and Evidence.objects.count() == 1


def test_a_logic_model_upload_with_problems_names_them(
    client: Client, programme: Programme, staff: User
) -> None:
    client.force_login(staff)
    model = small_model("ceredigion-cvc")
    model["strands"][0]["indicators"][0]["unit"] = "bushels"
    response = client.post(
        "/monitoring/load/",
        {
            "file": SimpleUploadedFile(
                "m.json", json.dumps(model).encode(), content_type="application/json"
            )
        },
    )
    assert response.status_code == 400
    assert "strands[0].indicators[0].unit" in response.content.decode()
    not_json = client.post("/monitoring/load/", {"file": SimpleUploadedFile("m.json", b"{nope")})
    assert not_json.status_code == 400 and "not JSON" in not_json.content.decode()


def test_a_zero_base_shows_no_data(client: Client, programme: Programme, staff: User) -> None:
    client.force_login(staff)
    page = client.get(f"/monitoring/{programme.slug}/report/").content.decode()
    assert "no data" in page
    _load(
        programme,
        "test-programme,people,2024-05-03,W06000008,,,p1,1,eligible,,r-1",
        "test-programme,people,2024-05-04,W06000008,,,p2,1,eligible,,r-2",
        "test-programme,plans,2024-06-04,W06000008,,,p1,1,eligible,,r-3",
    )
    page = client.get(f"/monitoring/{programme.slug}/report/").content.decode()
    assert "50.0%" in page and "no data" not in page


def test_the_report_by_area_downloads_as_xlsx_and_csv(
    client: Client, programme: Programme, viewer: User, area: Area
) -> None:
    _load(
        programme,
        "test-programme,dissemination,2024-05-03,W06000008,,,,1,eligible,,r-1",
        "test-programme,dissemination,2024-05-04,W06000023,,,,1,pipeline,Not sent,r-2",
    )
    client.force_login(viewer)
    response = client.get(
        f"/monitoring/{programme.slug}/report/", {"by": "area", "download": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert rows[0][:6] == ("Indicator", "Area", "Target", "Eligible", "Pipeline", "Not eligible")
    assert ("Dissemination initiatives and products", "Ceredigion", 5, 1, 0, 0, "20%", None) in [
        tuple(r) for r in rows
    ]
    assert ("Dissemination initiatives and products", "Powys", None, 0, 1, 0, None, None) in [
        tuple(r) for r in rows
    ]
    csv = client.get(
        f"/monitoring/{programme.slug}/report/", {"by": "area", "download": "csv"}
    ).content.decode()
    assert "Ceredigion,5,1,0,0,20%" in csv


def test_the_report_api_has_the_issues_shape(
    client: Client, programme: Programme, viewer: User
) -> None:
    _load(
        programme,
        "test-programme,dissemination,2024-05-03,W06000008,ceredigion-cvc,,,2,eligible,,r-1",
        "test-programme,people,2024-05-03,W06000008,ceredigion-cvc,,p1,1,eligible,,r-2",
        "test-programme,people,2024-06-03,W06000008,ceredigion-cvc,,p1,1,eligible,,r-3",
    )
    client.force_login(viewer)
    body = client.get(
        f"/api/monitoring/programmes/{programme.slug}/report",
        {"by": "area,partner", "from": "2024-01-01", "to": "2024-12-31"},
    ).json()
    assert body["programme"] == "test-programme"
    assert (body["from"], body["to"]) == ("2024-01-01", "2024-12-31")
    rows = {r["indicator"]: r for r in body["rows"]}
    assert rows["dissemination"] == {
        "indicator": "dissemination",
        "area": "W06000008",
        "delivery_partner": "ceredigion-cvc",
        "target": None,  # the programme's targets run 2020-2030, beyond this report
        "eligible": 2,
        "pipeline": 0,
        "not_eligible": 0,
    }
    assert rows["people"]["eligible"] == 1  # one person at two sessions
    whole = client.get(f"/api/monitoring/programmes/{programme.slug}/report", {"by": "area"}).json()
    targets = {r["area"]: r["target"] for r in whole["rows"] if r["indicator"] == "dissemination"}
    assert targets == {"W06000008": 5, None: 15}  # the area's own target; the programme's
    bad = client.get(f"/api/monitoring/programmes/{programme.slug}/report", {"by": "colour"})
    assert bad.status_code == 400
    assert client.get("/api/monitoring/programmes/nope/report").status_code == 404
    evidence = client.get(f"/api/monitoring/programmes/{programme.slug}/evidence").json()
    assert evidence["count"] == 3 and evidence["items"][0]["source"] == "imported"


def test_a_seed_layout_page_and_its_download(client: Client, nptsc: Programme, staff: User) -> None:
    from commonground.monitoring import seeds

    importer.import_evidence(None, seeds.nptsc_evidence_csv())
    client.force_login(staff)
    page = client.get(f"/monitoring/{nptsc.slug}/tables/table-4-2/").content.decode()
    assert "Dacorum" in page and ">102<" in page.replace(" ", "")
    csv = client.get(
        f"/monitoring/{nptsc.slug}/tables/table-4-2/", {"download": "csv"}
    ).content.decode()
    assert "Gateshead,15" in csv and "Total,102" in csv
    assert client.get(f"/monitoring/{nptsc.slug}/tables/t7/").status_code == 404


def test_staff_enter_a_record_by_hand_and_pipeline_needs_a_reason(
    client: Client, programme: Programme, staff: User, area: Area
) -> None:
    client.force_login(staff)
    url = f"/monitoring/{programme.slug}/evidence/new/"
    indicator = programme.indicators.get(code="trained")
    data = {
        "indicator": indicator.pk,
        "date": "2024-05-01",
        "area": area.pk,
        "quantity": 1,
        "status": "pipeline",
        "reason": "",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and not Evidence.objects.exists()
    assert (
        client.post(
            url, {**data, "reason": "Certificate to follow", "organisation_ref": "GB-CHC-1094512"}
        ).status_code
        == 302
    )
    evidence = Evidence.objects.get()
    assert evidence.entered_by == staff and evidence.organisation_ref == "GB-CHC-1094512"
    assert evidence.source == f"Entered by {staff}"
    assert client.post(url, {**data, "date": "not a date"}).status_code == 400
