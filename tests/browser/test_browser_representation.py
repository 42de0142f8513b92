"""The whole representation journey in a real browser, in English and in Welsh (issue 5).

One complete election cycle in one run (issue 11): staff create a body and a sector seat and
advertise it; three organisations nominate and one is rejected with a reason; staff close
nominations early with a reason; ten organisations vote by ranking; once all have voted, staff
close voting early with a reason; the count publishes the count sheet, in the reader's
language, and the BLT file; the winner reports back; the body page and the coverage view show
it. No date is moved: every step happens before its deadline.
"""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from commonground.core.models import Area, Organisation, User
from commonground.partnerships.models import Meeting, PartnershipBody, Seat
from commonground.representation.models import Election, Vacancy
from tests.conftest import PASSWORD
from tests.representation.conftest import Scene, add_members

LANGUAGES = [("en", ""), ("cy", "/cy")]


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def members(
    area: Area, make_organisation: Callable[..., Organisation], make_user: Callable[..., User]
) -> Scene:
    cvc = make_organisation(name_en="Test CVC", kind=Organisation.Kind.INFRASTRUCTURE)
    area.infrastructure_body = cvc
    area.save()
    make_organisation(name_en="Ceredigion Test Council", kind=Organisation.Kind.PUBLIC_BODY)
    staff = make_user(role=("infrastructure_staff", area))
    scene = Scene(area=area, cvc=cvc, staff=staff, body=None, seat=None)  # type: ignore[arg-type]
    add_members(scene, 10, make_organisation, make_user)
    return scene


def _signed_in(browser: Browser, url: Callable[[str], str], user: User, prefix: str) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(15_000)
    page.goto(url(f"{prefix}/sign-in/"))
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize(("language", "prefix"), LANGUAGES)
def test_representation_journey(
    browser: Browser,
    url: Callable[[str], str],
    assert_accessible: Callable[[Page], None],
    members: Scene,
    language: str,
    prefix: str,
) -> None:
    for user in [members.staff, *members.admins]:
        user.preferred_language = language
        user.save()
    staff = _signed_in(browser, url, members.staff, prefix)

    # 1. Staff create a body and a sector seat.
    staff.goto(url(f"{prefix}/partnerships/new/?area={members.area.slug}"))
    staff.locator("#id_name_en").fill("Rural Well-being Partnership")
    staff.locator("#id_kind").select_option("thematic")
    staff.locator("#id_convenor").select_option(label="Ceredigion Test Council")
    staff.locator(f"input[name=areas][value='{members.area.pk}']").check()
    staff.locator("main form button[type=submit]").click()
    body = PartnershipBody.objects.get(name_en="Rural Well-being Partnership")
    staff.goto(url(f"{prefix}/partnerships/{body.slug}/seats/new/"))
    staff.locator("#id_name_en").fill("Third sector seat")
    staff.locator("main form button[type=submit]").click()
    seat = Seat.objects.get(body=body, kind=Seat.Kind.SECTOR)
    staff.goto(url(f"{prefix}/representation/coverage/{members.area.slug}/"))
    expect(
        staff.locator("tr[data-status=vacant]:has-text('Rural Well-being Partnership')")
    ).to_be_visible()
    assert_accessible(staff)

    # 2. They advertise the vacancy.
    staff.goto(url(f"{prefix}/representation/seats/{seat.pk}/advertise/"))
    assert_accessible(staff)
    staff.locator("#id_role_description_en").fill("Speak for rural groups on the partnership.")
    staff.locator("main form button[type=submit]").click()
    vacancy = Vacancy.objects.get(seat=seat)
    expect(staff.locator("h1")).to_have_text("Third sector seat")

    # 3. Three organisations nominate; staff accept two and reject one with a reason.
    for index in range(3):
        page = _signed_in(browser, url, members.admins[index], prefix)
        page.goto(url(f"{prefix}/representation/vacancies/{vacancy.pk}/"))
        page.locator("#id_statement").fill(f"Candidate {index} will listen and report back.")
        page.get_by_role("button", name=tr(language, "Submit nomination")).click()
        expect(page.locator(".govuk-notification-banner")).to_be_visible()
        if index == 0:
            assert_accessible(page)
        page.context.close()
    staff.goto(url(f"{prefix}/representation/vacancies/{vacancy.pk}/"))
    nominations = list(vacancy.nominations.order_by("pk"))
    for nomination, accept in zip(nominations, [True, True, False], strict=True):
        review = staff.locator(f"form[action$='/nominations/{nomination.pk}/review/']")
        decision = tr(language, "Accept as valid" if accept else "Reject")
        review.get_by_label(decision, exact=True).check()
        if not accept:
            staff.locator(f"#reason-{nomination.pk}").fill(
                "The statement does not address the role."
            )
        review.get_by_role("button").click()
    rejected = _signed_in(browser, url, members.admins[2], prefix)
    rejected.goto(url(f"{prefix}/representation/vacancies/{vacancy.pk}/"))
    expect(rejected.locator("main")).to_contain_text("The statement does not address the role.")
    rejected.context.close()

    # 4. Staff close nominations early, with a reason, and open voting; ten organisations rank.
    assert vacancy.closes_on > timezone.localdate()
    staff.goto(url(f"{prefix}/representation/vacancies/{vacancy.pk}/"))
    close = staff.locator(f"form[action$='/vacancies/{vacancy.pk}/close/']")
    close.locator("#id_close_reason").fill("Every member organisation has answered.")
    assert_accessible(staff)
    close.get_by_role("button", name=tr(language, "Close nominations early")).click()
    election = Election.objects.get(vacancy=vacancy)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.ELECTION
    assert vacancy.history.filter(
        history_change_reason__contains="Every member organisation has answered."
    ).exists()
    staff.goto(url(f"{prefix}/representation/elections/{election.pk}/"))
    staff.locator(f"form[action$='/elections/{election.pk}/open/'] button").click()
    expect(staff.locator(".govuk-notification-banner")).to_be_visible()
    first, second = [c.position for c in election.candidates.order_by("position")]
    for index in range(10):
        page = _signed_in(browser, url, members.admins[index], prefix)
        page.goto(url(f"{prefix}/representation/elections/{election.pk}/"))
        top, other = (first, second) if index < 6 else (second, first)
        page.locator(f"#id_rank-{top}").select_option("1")
        page.locator(f"#id_rank-{other}").select_option("2")
        if index == 0:
            assert_accessible(page)
        page.get_by_role("button", name=tr(language, "Cast your vote")).click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            tr(language, "Your vote has been recorded. Thank you.")
        )
        page.context.close()

    # 5. Everyone has voted: staff close voting early with a reason; the count publishes the
    # count sheet, in the reader's language, and the BLT download.
    assert election.closes_at > timezone.now()
    staff.goto(url(f"{prefix}/representation/elections/{election.pk}/"))
    staff.locator("#close-reason").fill("All ten member organisations have voted.")
    staff.get_by_role("button", name=tr(language, "Close voting early and count")).click()
    staff.goto(url(f"{prefix}/representation/elections/{election.pk}/"))
    winner = election.candidates.get(position=first).nomination
    expect(staff.locator("#elected")).to_contain_text(str(winner.nominee))
    sheet = staff.locator(".cg-count-sheet table")
    expect(sheet).to_be_visible()
    for heading in ("Candidate", "Loss to rounding", "Non-transferable"):
        expect(sheet).to_contain_text(tr(language, heading))
    if language == "cy":
        expect(sheet).not_to_contain_text("Candidate")
    assert election.history.filter(
        history_change_reason__contains="All ten member organisations have voted."
    ).exists()
    assert_accessible(staff)
    with staff.expect_download() as download:
        staff.get_by_role(
            "link", name=tr(language, "Download the anonymised ballots (BLT file)")
        ).click()
    blt = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert blt.splitlines()[0] == "2 1"

    # 6. The winner posts a report-back on a meeting that has taken place.
    start = timezone.now() - timedelta(days=1)
    Meeting.objects.create(
        body=body, starts_at=start, ends_at=start + timedelta(hours=2), status=Meeting.Status.HELD
    )
    winner_page = _signed_in(browser, url, members.admins[0], prefix)
    winner_page.goto(url(f"{prefix}/representation/your-seats/"))
    winner_page.get_by_role("link", name=tr(language, "Report back on a meeting")).click()
    winner_page.locator("#id_meeting").select_option(index=1)
    winner_page.locator("#id_title_en").fill("Rural transport pilot agreed")
    winner_page.locator("#id_decided_en").fill("A demand-responsive bus pilot starts in April.")
    winner_page.locator("#id_meaning_en").fill("Community transport groups can bid to run it.")
    winner_page.locator("#id_ask_en").fill("Tell me if your group wants to take part.")
    assert_accessible(winner_page)
    winner_page.get_by_role("button", name=tr(language, "Publish report-back")).click()
    expect(winner_page.locator("h1")).to_have_text("Rural transport pilot agreed")
    winner_page.context.close()

    # 7. The body's page shows the new holder and the report-back.
    staff.goto(url(f"{prefix}/partnerships/{body.slug}/"))
    expect(staff.locator("main")).to_contain_text(str(winner.nominee))
    expect(staff.locator("main")).to_contain_text("Rural transport pilot agreed")
    assert_accessible(staff)

    # 8. The coverage view now shows the seat as filled.
    staff.goto(url(f"{prefix}/representation/coverage/{members.area.slug}/"))
    expect(
        staff.locator("tr[data-status=filled]:has-text('Rural Well-being Partnership')")
    ).to_be_visible()
    staff.context.close()
