"""The demo's funding: what C7's checks and the flows pages need to show real findings."""

import pytest
from django.db.models import Count

from commonground.commissioning.demo import load_demo as load_commissioning_demo
from commonground.core.demo.loader import load_demo as load_core_demo
from commonground.core.models import Area
from commonground.funding.demo import load_demo
from commonground.funding.models import Agreement, Instalment
from commonground.funding.queries import financial_year
from commonground.web.demo import load_demo as load_other_areas


@pytest.mark.django_db
def test_demo_funding(area: Area) -> None:
    load_core_demo()
    load_other_areas()
    load_commissioning_demo()
    load_demo()
    count = Agreement.objects.count()
    load_demo()  # idempotent
    assert Agreement.objects.count() == count

    home = Agreement.objects.filter(area=area)
    assert home.values("recipient").distinct().count() >= 60
    assert {financial_year(d) for d in home.values_list("award_date", flat=True)} >= {
        2023,
        2024,
        2025,
    }
    funders = set(home.values_list("funder__name_en", flat=True))
    assert {"Ceredigion County Council", "Ceredigion Community Trust"} <= funders
    assert len(funders) == 4
    # The findings compacts will check: arrears, short notice, single-year, refused FCR.
    assert Instalment.objects.filter(agreement__area=area, timing="arrears").exists()
    assert home.filter(notice_days__lt=90).exists()
    single_year = [
        a for a in home if a.starts_on and a.ends_on and (a.ends_on - a.starts_on).days < 366
    ]
    assert single_year
    assert home.filter(fcr_allowed=False).exists()
    assert home.filter(status=Agreement.Status.ENDED_EARLY).exists()

    delivering = Agreement.objects.get(opportunity__isnull=False)
    assert delivering.funder == delivering.opportunity.buyer  # type: ignore[union-attr]
    assert delivering.recipient in delivering.opportunity.suppliers.all()  # type: ignore[union-attr]

    for slug in ("cardiff", "gwynedd"):
        by_funder = dict(
            Agreement.objects.filter(area__slug=slug)
            .values_list("funder__slug")
            .annotate(n=Count("id"))
        )
        assert by_funder.get(f"{slug}-council", 0) > 0
        assert by_funder.get("wales-council-for-voluntary-action", 0) > 0
