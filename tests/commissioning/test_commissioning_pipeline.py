"""Opportunities: stages and the renewal horizon, bands, permissions, checklist, pages, feeds."""

from collections.abc import Callable
from datetime import date, timedelta

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from commonground.commissioning import actions, queries
from commonground.commissioning.bands import band_for
from commonground.commissioning.models import AreaCommissioningSettings, Opportunity, ValueBand
from commonground.commissioning.stages import stage_on
from commonground.core.models import Area, DomainEvent, Organisation, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
Stage = Opportunity.Stage


# The renewal horizon on its boundary days (pure)

END = date(2027, 3, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 30), Stage.RUNNING),  # the day before the horizon
        (date(2026, 3, 31), Stage.DUE_FOR_RENEWAL),  # exactly 12 months before the end
        (date(2027, 3, 31), Stage.DUE_FOR_RENEWAL),  # the contract's last day
        (date(2027, 4, 1), Stage.ENDED),  # the day after
    ],
)
def test_the_renewal_horizon_on_its_boundary_days(today: date, expected: str) -> None:
    assert stage_on(Stage.RUNNING, END, 12, today) == expected


def test_month_arithmetic_clips_to_the_end_of_the_month() -> None:
    leap_end = date(2028, 2, 29)
    assert stage_on(Stage.RUNNING, leap_end, 12, date(2027, 2, 27)) == Stage.RUNNING
    assert stage_on(Stage.RUNNING, leap_end, 12, date(2027, 2, 28)) == Stage.DUE_FOR_RENEWAL


def test_only_running_contracts_become_due_for_renewal() -> None:
    assert stage_on(Stage.AWARDED, END, 12, date(2027, 1, 1)) == Stage.AWARDED


def _running(officer: User, council: Organisation, area: Area, end: date, title: str = "Youth clubs") -> Opportunity:
    o = actions.create_opportunity(
        officer,
        {"buyer": council, "title_en": title, "route": Opportunity.Route.GRANT, "contract_end": end},
        [area],
    )
    for step in (Stage.OPEN, Stage.AWARDED, Stage.RUNNING):
        o = actions.change_stage(officer, o, step)
    return o


def test_the_horizon_is_configurable_per_area(officer: User, council: Organisation, area: Area) -> None:
    today = timezone.localdate()
    o = _running(officer, council, area, today + timedelta(days=200))
    assert queries.opportunity_row(o, today).stage == Stage.DUE_FOR_RENEWAL
    AreaCommissioningSettings.objects.create(area=area, renewal_horizon_months=6)
    assert queries.opportunity_row(o, today).stage == Stage.RUNNING


def test_the_pipeline_shows_renewals_first(officer: User, council: Organisation, area: Area) -> None:
    today = timezone.localdate()
    actions.create_opportunity(
        officer, {"buyer": council, "title_en": "A planned thing", "route": "grant"}, [area]
    )
    _running(officer, council, area, today + timedelta(days=100), "Renew me")
    _running(officer, council, area, today + timedelta(days=900), "Long way off")
    assert [r.opportunity.title_en for r in queries.pipeline(area, today)] == [
        "Renew me",
        "A planned thing",
        "Long way off",
    ]


# Value bands


def test_default_bands_are_under_25k_25k_to_100k_and_over_100k(area: Area) -> None:
    assert str(band_for(24_999_99, area.pk).name) == "Under £25,000"  # type: ignore[union-attr]
    assert str(band_for(25_000_00, area.pk).name) == "£25,000 to £100,000"  # type: ignore[union-attr]
    assert str(band_for(100_000_00, area.pk).name) == "Over £100,000"  # type: ignore[union-attr]
    assert band_for(None, area.pk) is None


def test_an_area_can_set_its_own_bands(area: Area) -> None:
    ValueBand.objects.create(area=area, upper_limit_pence=5_000_00, name_en="Small", process_en="Quote", documents_en="None")
    ValueBand.objects.create(area=area, upper_limit_pence=None, name_en="Big", process_en="Tender", documents_en="All")
    assert band_for(4_999_99, area.pk).name == "Small"  # type: ignore[union-attr]
    assert band_for(5_000_00, area.pk).name == "Big"  # type: ignore[union-attr]


# Permissions and verbs


def test_an_officer_edits_only_their_own_bodys_opportunities(
    officer: User, council: Organisation, health_board: Organisation, area: Area
) -> None:
    mine = actions.create_opportunity(officer, {"buyer": council, "title_en": "Ours", "route": "grant"}, [area])
    with pytest.raises(PermissionDenied):
        actions.create_opportunity(officer, {"buyer": health_board, "title_en": "Theirs", "route": "grant"}, [area])
    assert officer.has_perm("commissioning.change_opportunity", mine)


def test_infrastructure_staff_may_commission_for_any_body_in_their_area(
    staff: User, health_board: Organisation, area: Area
) -> None:
    o = actions.create_opportunity(staff, {"buyer": health_board, "title_en": "Theirs", "route": "grant"}, [area])
    assert o.buyer == health_board


def test_the_buyer_must_be_a_public_body(staff: User, charity: Organisation, area: Area) -> None:
    with pytest.raises(ValidationError):
        actions.create_opportunity(staff, {"buyer": charity, "title_en": "X", "route": "grant"}, [area])


def test_stages_move_only_forward(officer: User, council: Organisation, area: Area) -> None:
    o = actions.create_opportunity(officer, {"buyer": council, "title_en": "X", "route": "grant"}, [area])
    with pytest.raises(ValidationError):
        actions.change_stage(officer, o, Stage.RUNNING)
    o = actions.change_stage(officer, o, Stage.OPEN)
    assert DomainEvent.objects.filter(type="opportunity.stage_changed").count() == 1
    assert o.history.count() == 2


def test_the_checklist_is_kept_with_history_and_shown_publicly(
    officer: User, council: Organisation, area: Area, client: Client
) -> None:
    o = actions.create_opportunity(officer, {"buyer": council, "title_en": "Food hubs", "route": "contract"}, [area])
    actions.update_checklist(officer, o, [1, 2, 6], "We met groups.", "")
    o.refresh_from_db()
    assert o.principles_done == [1, 2, 6]
    assert o.history.first().history_change_reason == "Checklist"  # type: ignore[union-attr]
    page = client.get(o.get_absolute_url()).content.decode()
    assert page.count(">Met<") == 3 and page.count(">Not yet<") == 5
    with pytest.raises(ValidationError):
        actions.update_checklist(officer, o, [9], "", "")


# Pages and feeds


@pytest.fixture
def hubs(officer: User, council: Organisation, area: Area) -> Opportunity:
    o = actions.create_opportunity(
        officer,
        {
            "buyer": council,
            "title_en": "Emergency food hubs",
            "title_cy": "Hybiau bwyd brys",
            "route": "contract",
            "estimated_value_pence": 90_000_00,
            "tender_deadline": timezone.localdate() + timedelta(days=10),
        },
        [area],
    )
    actions.add_lot(officer, o, {"reference": "1", "title_en": "Aberystwyth", "value_pence": 40_000_00})
    return actions.change_stage(officer, o, Stage.OPEN)


def test_the_opportunity_page_shows_band_lots_and_dates_in_welsh(hubs: Opportunity, client: Client) -> None:
    page = client.get(f"/cy{hubs.get_absolute_url()}").content.decode()
    assert "Hybiau bwyd brys" in page
    assert "£25,000 i £100,000" in page
    assert "Aberystwyth" in page
    assert "Ar agor" in page


def test_the_plan_page_lists_what_the_body_will_commission(hubs: Opportunity, council: Organisation, client: Client) -> None:
    page = client.get(f"/commissioning/plan/{council.slug}/").content.decode()
    assert "Emergency food hubs" in page


def test_feeds_list_the_opportunity_and_its_deadline(hubs: Opportunity, area: Area, client: Client) -> None:
    atom = client.get(f"/commissioning/area/{area.slug}/feed.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert b"Emergency food hubs" in atom.content
    ics = icalendar.Calendar.from_ical(client.get(f"/commissioning/area/{area.slug}/deadlines.ics").content)
    events = [e for e in ics.walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Tender deadline: Emergency food hubs"]
    assert events[0].decoded("dtstart").date() == hubs.tender_deadline


def test_a_commissioner_creates_an_opportunity_through_the_form(
    officer: User, council: Organisation, area: Area, client: Client
) -> None:
    client.login(username=officer.email, password=PASSWORD)
    response = client.post(
        "/commissioning/new/",
        {"buyer": council.pk, "title_en": "Meals", "route": "grant", "areas": [area.pk], "estimated_value": "1000.50"},
    )
    assert response.status_code == 302
    assert Opportunity.objects.get(title_en="Meals").estimated_value_pence == 100_050
    bad = client.post("/commissioning/new/", {"buyer": council.pk, "title_en": "", "route": "grant", "areas": [area.pk]})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()


def test_other_users_cannot_open_the_commissioner_pages(hubs: Opportunity, make_user: Callable[..., User], client: Client) -> None:
    client.force_login(make_user())
    assert client.get(f"{hubs.get_absolute_url()}edit/").status_code == 403
    assert client.get("/commissioning/import/").status_code == 403


def test_awarded_opportunities_are_there_for_funding(officer: User, hubs: Opportunity) -> None:
    assert list(queries.awarded_opportunities()) == []
    actions.change_stage(officer, hubs, Stage.AWARDED)
    assert list(queries.awarded_opportunities(buyer=hubs.buyer)) == [hubs]
