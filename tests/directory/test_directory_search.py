"""Search: one interface on both databases, with typo tolerance, filters, sorting and pages."""

from datetime import time

import pytest
from django.test import Client

from commonground.core.models import Area, Theme
from commonground.directory import search
from commonground.directory.models import Service, TaxonomyTerm
from commonground.directory.search import (
    ServiceQuery,
    count_services,
    distance_km,
    search_page,
    search_services,
)

ABERYSTWYTH = (52.4153, -4.0829)
CARDIGAN = (52.0836, -4.6614)


def names(query: ServiceQuery) -> list[str]:
    return [s.name_en for s in search_services(query)]


def test_free_text_ranks_and_tolerates_typos(demo: None) -> None:
    assert "Emergency food parcels" in names(ServiceQuery(text="food parcels"))
    assert names(ServiceQuery(text="fod parcles")) == names(ServiceQuery(text="food parcels"))
    assert names(ServiceQuery(text="libary"))[0] == "Aberystwyth library"
    assert "Choir rehearsals" in names(ServiceQuery(text="choir"))
    assert names(ServiceQuery(text="xylophone quartz")) == []


def test_welsh_text_is_searchable(demo: None) -> None:
    assert "Emergency food parcels" in names(ServiceQuery(text="banc bwyd"))
    assert "Choir rehearsals" in names(ServiceQuery(text="ymarferion côr"))


def test_distance_filter_and_sort(demo: None) -> None:
    results = list(search_services(ServiceQuery(near=CARDIGAN, radius_km=5, sort="distance")))
    assert results
    distances = [distance_km(s) for s in results]
    assert all(d is not None and d <= 5 for d in distances)
    assert distances == sorted(distances)  # type: ignore[type-var]
    far = {s.pk for s in search_services(ServiceQuery(near=ABERYSTWYTH, radius_km=5))}
    assert far.isdisjoint({s.pk for s in results})


def test_opening_time_filter(demo: None) -> None:
    evening = list(search_services(ServiceQuery(open_day=1, open_time=time(19, 45))))  # Tuesday
    assert {s.name_en for s in evening} >= {"Youth club nights", "Choir rehearsals"}
    for service in evening:
        schedule = service.schedules.first()
        assert schedule is not None and "TU" in schedule.byday
        assert schedule.opens_at <= time(19, 45) < schedule.closes_at  # type: ignore[operator]
    assert "Youth club nights" not in names(ServiceQuery(open_day=1, open_time=time(10, 0)))
    assert "Repair café" not in names(ServiceQuery(open_day=0))


def test_age_theme_term_and_area_filters(demo: None) -> None:
    toddlers = names(ServiceQuery(age=3))
    assert "Welsh-medium playgroup" in toddlers and "Youth club nights" not in toddlers
    theme = Theme.objects.get(slug="environment")
    themed = names(ServiceQuery(theme=theme))
    assert set(themed) >= {"Repair café"}
    assert len(themed) == len(
        set(search_services(ServiceQuery(theme=theme)).values_list("pk", flat=True))
    )
    assert len(search_services(ServiceQuery(theme=theme))) == len(
        set(search_services(ServiceQuery(theme=theme)))
    )
    term = TaxonomyTerm.objects.get(code="food")
    assert set(names(ServiceQuery(term_ids=[term.pk]))) == {"Emergency food parcels"}
    powys = Area.objects.get(code="W06000023")
    assert names(ServiceQuery(area=powys)) == []
    assert names(ServiceQuery(area=Area.objects.get(code="W06000008")))


def test_sorting_by_name_and_hidden_services(demo: None) -> None:
    by_name = names(ServiceQuery(sort="name"))
    assert by_name == sorted(by_name)
    service = Service.objects.get(name_en="Aberystwyth library")
    service.status = Service.Status.DEFUNCT
    service.save()
    assert "Aberystwyth library" not in names(ServiceQuery(text="library"))


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_search_page_in_both_languages(demo: None, prefix: str) -> None:
    client = Client()
    page = client.get(
        f"{prefix}/directory/",
        {
            "q": "food",
            "postcode": "SA43 1AA",
            "radius": "25",
            "day": "0",
            "time": "11:00",
            "page": "1",
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Emergency food parcels" in html or "Parseli bwyd brys" in html
    assert "km" in html
    if prefix:
        assert 'lang="cy"' in html and "Parseli bwyd brys" in html
    deep = client.get(f"{prefix}/directory/", {"page": "999"})
    assert deep.status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"postcode": "NOPE 123"}, "Enter a real postcode"),
        ({"postcode": "ZZ1 1ZZ"}, "We do not know where that postcode is"),
        ({"age": "old"}, "Enter the age as a whole number"),
        ({"age": "-4"}, "The age must be 0 or more"),
        ({"time": "25:99"}, "Enter a time like"),
        ({"radius": "5"}, "Enter a postcode to search by distance"),
        ({"theme": "no-such-theme"}, "Select a valid option"),
        ({"page": "-1"}, None),
    ],
)
def test_bad_search_input_gets_the_error_summary(
    db: None, params: dict[str, str], message: str | None
) -> None:
    response = Client().get("/directory/", params)
    assert response.status_code == 200
    if message:
        html = response.content.decode()
        assert "govuk-error-summary" in html and message in html


def test_service_and_organisation_pages(demo: None) -> None:
    client = Client()
    service = Service.objects.get(name_en="Aberystwyth library")
    for prefix in ("", "/cy"):
        page = client.get(f"{prefix}/directory/services/{service.pk}/")
        assert page.status_code == 200
        assert (
            "Llyfrgell Aberystwyth" if prefix else "Aberystwyth library"
        ) in page.content.decode()
    organisation = client.get(f"/directory/organisations/{service.organisation.slug}/")
    assert "Aberystwyth library" in organisation.content.decode()
    hidden = Service.objects.filter(organisation__public_listing=False).first()
    if hidden is not None:
        assert client.get(f"/directory/services/{hidden.pk}/").status_code == 404
    assert (
        client.get("/directory/services/3f7b145d-84af-42d7-8fae-eaca714b02b2/").status_code == 404
    )


def test_withdrawing_consent_hides_an_organisations_services(demo: None) -> None:
    service = Service.objects.filter(name_en="Emergency food parcels").first()
    assert service is not None
    organisation = service.organisation
    client = Client()
    organisation.public_listing = False
    organisation.save()
    assert service.pk not in {s.pk for s in search_services(ServiceQuery(text="food parcels"))}
    assert client.get(f"/oruk/services/{service.pk}").status_code == 404
    organisation.public_listing = True
    organisation.save()
    assert service.pk in {s.pk for s in search_services(ServiceQuery(text="food parcels"))}
    assert client.get(f"/oruk/services/{service.pk}").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        ServiceQuery(),
        ServiceQuery(text="club"),
        ServiceQuery(near=ABERYSTWYTH, radius_km=30, sort="distance"),
        ServiceQuery(open_day=1),
    ],
    ids=["everything", "text", "distance", "opening-day"],
)
def test_search_pages_cover_every_match_once(demo: None, query: ServiceQuery) -> None:
    expected = [s.pk for s in search_services(query)]
    assert expected
    first = search_page(query, 1, 4)
    assert first.paginator.count == len(expected)
    seen = []
    for number in first.paginator.page_range:
        seen += [s.pk for s in search_page(query, number, 4).object_list]
    assert seen == expected
    # Past the end shows the last page; nonsense shows the first.
    last = search_page(query, 10_000, 4)
    assert last.number == first.paginator.num_pages
    assert [s.pk for s in search_page(query, "x", 4).object_list] == expected[:4]


def test_an_organisations_new_theme_finds_its_services(demo: None) -> None:
    service = Service.objects.filter(name_en="Emergency food parcels").first()
    assert service is not None
    theme = Theme.objects.get(slug="sport-recreation")
    assert service.pk not in {s.pk for s in search_services(ServiceQuery(theme=theme))}
    service.organisation.themes.add(theme)
    assert service.pk in {s.pk for s in search_services(ServiceQuery(theme=theme))}
    service.organisation.themes.remove(theme)
    assert service.pk not in {s.pk for s in search_services(ServiceQuery(theme=theme))}


def test_a_themes_count_is_its_services_however_they_have_it(demo: None) -> None:
    theme = Theme.objects.get(slug="environment")
    public = Service.objects.filter(listed=True, status=Service.Status.ACTIVE)
    # The demo gives services their organisation's themes too; give one the theme alone.
    alone = public.exclude(organisation__themes=theme).exclude(themes=theme).first()
    assert alone is not None and public.filter(organisation__themes=theme, themes=theme).exists()
    alone.themes.add(theme)
    search.reindex([alone.pk])
    area = alone.organisation.area
    for query in [ServiceQuery(theme=theme), ServiceQuery(theme=theme, area=area, age=30)]:
        found = list(search_services(query))
        assert count_services(query) == len(found) == len(set(found)), query
    assert alone in search_services(ServiceQuery(theme=theme))
    page = search_page(ServiceQuery(theme=theme), 1, 2)
    assert page.paginator.count == len(search_services(ServiceQuery(theme=theme)))
