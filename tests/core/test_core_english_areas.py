"""Issue 17: England's local authority areas beside Wales's 22, with ONS codes and regions,
and the lists that serve Wales only still list Wales's 22."""

import pytest
from django.test import Client

from commonground.core.models import Area, Region

pytestmark = pytest.mark.django_db


def test_englands_areas_have_their_ons_codes_and_regions(area: Area) -> None:
    named = {a.code: (a.name_en, a.region.name_en) for a in Area.objects.filter(country="england")}
    # The areas 003's tables name (Table 4.2 and Table 5.3).
    assert named["E07000096"] == ("Dacorum", "East of England")
    assert named["E08000037"] == ("Gateshead", "North East")
    assert named["E06000014"] == ("York", "Yorkshire and The Humber")
    assert named["E10000008"] == ("Devon", "South West")
    assert named["E10000028"] == ("Staffordshire", "West Midlands")
    assert named["E09000028"] == ("Southwark", "London")
    assert len(named) == 333  # 309 districts and unitary authorities, 24 county councils
    assert Region.objects.filter(areas__country="england").distinct().count() == 9
    assert Area.objects.in_wales().count() == 22
    assert Area.objects.get(code="E06000014").name_cy == "Efrog"


def test_welsh_lists_leave_england_out(client: Client, area: Area) -> None:
    page = client.get("/directory/").content.decode()
    assert "Ceredigion" in page and "Dacorum" not in page
