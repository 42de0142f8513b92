"""Issue 11, defect 2: a search that finds nothing says so, and offers ways to widen it."""

from html import unescape

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from commonground.core.models import Area, Theme
from commonground.directory import postcodes


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("cy", "/cy")])
def test_no_results_shows_count_advice_and_suggestions(
    client: Client, area: Area, language: str, prefix: str
) -> None:
    postcodes.load_demo_postcodes()
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None
    response = client.get(
        f"{prefix}/directory/",
        {"q": "xyzzyplugh", "theme": theme.slug, "postcode": "SY23 1AA", "radius": "5"},
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    with translation.override(language):
        count = translation.ngettext("%(counter)s service", "%(counter)s services", 0)
    assert f'role="status">{count % {"counter": 0}}</p>' in html
    assert (
        tr(language, "No services match your search. Try fewer words or remove a filter.") in html
    )
    assert 'id="broaden"' in html
    # Each suggestion keeps the search words and drops one thing that narrowed it.
    assert "?q=xyzzyplugh&amp;postcode=SY23+1AA&amp;radius=5" in response.content.decode()
    assert f"theme={theme.slug}&amp;postcode=SY23+1AA&amp;radius=10" in response.content.decode()
