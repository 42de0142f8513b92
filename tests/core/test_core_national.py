"""The national view and the extra demo areas (issue 11, missing 5)."""

from collections.abc import Callable
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from commonground.core.models import Area, Organisation, User
from commonground.representation.models import Election
from commonground.web import demo, national

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_areas(area: Area) -> None:
    User.objects.create_superuser("admin@commonground.example", "x")
    demo.load_demo()


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_cardiff_and_gwynedd_are_seeded_once(demo_areas: None) -> None:
    counts = (Organisation.objects.count(), Election.objects.count())
    demo.load_demo()
    assert (Organisation.objects.count(), Election.objects.count()) == counts
    for slug in ("cardiff", "gwynedd"):
        figures = national.figures(Area.objects.get(slug=slug))
        # A board and two sub-groups; of three sector seats one is held and two are vacant
        # (one with voting open); two consultations open, one shorter than the compact.
        assert figures.bodies == 3
        assert (figures.seats_filled, figures.seats_vacant, figures.seats_overdue) == (1, 2, 0)
        assert (figures.consultations_open, figures.consultations_meeting_compact) == (2, 1)
        assert figures.organisations == 2 + 10  # the CVC, the council, and 10 of 12 listed
        assert Election.objects.filter(
            vacancy__seat__body__areas__slug=slug, status=Election.Status.OPEN
        ).exists()


def test_national_viewer_sees_every_area_and_exports(
    demo_areas: None, make_user: Callable[..., User], make_organisation: Callable[..., Organisation]
) -> None:
    meera = make_user(role=("national_viewer", None))
    client = _client(meera)
    page = client.get("/national/").content.decode()
    assert page.count('<tr class="govuk-table__row" data-area=') == Area.objects.in_wales().count()
    assert 'href="/national/gwynedd/"' in page
    area_page = client.get("/cy/national/gwynedd/").content.decode()
    assert "Bwrdd Gwasanaethau Cyhoeddus Gwynedd" in area_page
    csv = client.get("/national/export.csv")
    assert csv["Content-Type"].startswith("text/csv")
    rows = [line.split(",") for line in csv.content.decode().splitlines()]
    assert len(rows) == 1 + Area.objects.in_wales().count()
    cardiff = next(r for r in rows if r[0] == "Cardiff")
    assert cardiff[1:] == ["12", "3", "1", "2", "0", "2", "1", "0"]
    sheet = load_workbook(BytesIO(client.get("/national/export.xlsx").content)).active
    assert sheet is not None and sheet.max_row == 1 + Area.objects.in_wales().count()
    assert client.get("/national/export.pdf").status_code == 404
    coverage = client.get("/representation/coverage/gwynedd/export.csv")
    assert coverage.status_code == 200 and b"Third sector seat" in coverage.content
    # The national viewer sees consultation results too.
    from commonground.engagement.models import Consultation

    consultation = Consultation.objects.filter(area__slug="cardiff").first()
    assert consultation is not None
    assert client.get(f"/engagement/consultations/{consultation.pk}/results/").status_code == 200


def test_national_view_is_for_national_viewers(
    demo_areas: None, make_user: Callable[..., User], make_organisation: Callable[..., Organisation]
) -> None:
    member = make_user(admin_of=make_organisation())
    for path in ("/national/", "/national/cardiff/", "/national/export.csv"):
        assert _client(member).get(path).status_code == 403
        assert Client().get(path).status_code == 302
