"""Issue 11, defect 9: on a 375 px phone no page grows wider than the screen.

A 10,000-character word (the most a description may hold) wraps, and the board's seats
table scrolls inside its own box, in English and Welsh, and both pass axe.
"""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser

from commonground.core.models import Area, Organisation, User
from commonground.engagement.models import Event
from tests.representation.conftest import build_scene


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_long_words_and_wide_tables_fit_a_phone(
    browser: Browser,
    url: Callable[[str], str],
    assert_accessible: Callable[..., None],
    area: Area,
    make_organisation: Callable[..., Organisation],
    make_user: Callable[..., User],
    prefix: str,
) -> None:
    scene = build_scene(area, make_organisation, make_user)
    starts = timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        organiser=scene.cvc,
        area=area,
        kind=Event.Kind.FORUM,
        title_en="Open forum",
        description_en="x" * 10_000,
        location="Aberaeron",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=30,
    )
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        for path in (event.get_absolute_url(), f"/partnerships/{scene.body.slug}/"):
            page.goto(url(prefix + path))
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} is {width}px wide on a 375px screen"
            assert_accessible(page)
    finally:
        context.close()
