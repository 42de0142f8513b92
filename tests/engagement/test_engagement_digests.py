"""Digests over real SMTP: language, targeting, the one-screen limit, one-click unsubscribe,
idempotent re-runs; plus the pure planning rules and the web view."""

from datetime import timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller
from django.test import Client
from django.utils import timezone

from commonground.core.models import Area, DomainEvent, Theme, User
from commonground.engagement import actions, digests, queries, sending
from commonground.engagement.models import Digest, Subscription

from .conftest import _free_port, wait_for


def _this_week() -> sending.Period:
    return sending.weekly_period(timezone.localdate() + timedelta(days=7))


def _text(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


def _subscribers(
    make_user: Any, themes: dict[str, Theme], area: Area, other_area: Area
) -> dict[str, User]:
    english = make_user(language="en")
    actions.subscribe(
        english,
        themes=[themes["health-social-care"]],
        areas=[area],
        frequency="weekly",
        language="en",
    )
    welsh = make_user(language="cy")
    actions.subscribe(
        welsh, themes=[themes["housing"]], areas=[], frequency="weekly", language="cy"
    )
    powys = make_user(language="en")
    actions.subscribe(powys, themes=[], areas=[other_area], frequency="weekly", language="en")
    monthly = make_user()
    actions.subscribe(monthly, themes=[], areas=[], frequency="monthly", language="en")
    return {"english": english, "welsh": welsh, "powys": powys, "monthly": monthly}


def test_weekly_digest_arrives_for_each_subscriber_over_smtp(
    smtp: Any, make_user: Any, themes: dict[str, Theme], area: Area, other_area: Area, publish: Any
) -> None:
    people = _subscribers(make_user, themes, area, other_area)
    health, housing = themes["health-social-care"], themes["housing"]
    publish("Health Ceredigion", themes=[health], areas=[area], priority=3)
    publish("Urgent health Ceredigion", themes=[health], areas=[area], priority=1)
    publish("Housing Powys", themes=[housing], areas=[other_area])
    publish("Health Powys", themes=[health], areas=[other_area])
    for n in range(8):  # more than fits on one screen for the Powys subscriber
        publish(f"Powys item {n}", themes=[themes["transport"]], areas=[other_area])

    sent = sending.deliver(_this_week())

    assert sent == 3  # the monthly subscriber gets nothing from a weekly run
    messages = {m["To"]: m for m in wait_for(smtp, 3)}
    assert len(messages) == 3

    english = messages[people["english"].email]
    assert english["Content-Language"] == "en"
    assert english["Subject"].startswith("Weekly digest: 2 items")
    body = _text(english)
    assert "Urgent health Ceredigion" in body and "Health Ceredigion" in body
    assert body.index("Urgent health Ceredigion") < body.index("* Health Ceredigion")
    assert "Powys" not in body and "Housing" not in body
    assert "BODY-EN" not in body and "CORFF" not in body

    welsh = messages[people["welsh"].email]
    assert welsh["Content-Language"] == "cy"
    welsh_body = _text(welsh)
    assert "Housing Powys (cy)" in welsh_body and "Crynodeb Housing Powys" in welsh_body
    assert "Tai a digartrefedd" in welsh_body  # theme heading in Welsh
    assert "Health" not in welsh_body.replace("Housing", "")
    assert "/cy/engagement/" in welsh_body

    powys = _text(messages[people["powys"].email])
    assert "Ceredigion" not in powys
    assert powys.count("\n* ") == digests.ONE_SCREEN_ITEMS  # the one-screen limit
    assert "more items on the web" in powys
    assert "BODY-EN" not in powys

    for message in messages.values():
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert str(message["List-Unsubscribe"]).strip().startswith("<http")
        assert message.get_body(preferencelist=("html",)) is not None

    # One click: the mail client POSTs to the List-Unsubscribe address.
    url = str(messages[people["english"].email]["List-Unsubscribe"]).strip().strip("<>")
    response = Client().post(
        urlsplit(url).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.get(user=people["english"]).active

    event = DomainEvent.objects.of_type("digest.sent").filter(area=other_area).get()
    assert event.payload["recipients"] == 1  # only the Powys subscriber follows Powys
    assert sum(e.payload["recipients"] for e in DomainEvent.objects.of_type("digest.sent")) >= 3


def test_a_rerun_sends_nothing_twice(
    smtp: Any, make_user: Any, themes: dict[str, Theme], area: Area, other_area: Area, publish: Any
) -> None:
    _subscribers(make_user, themes, area, other_area)
    publish("Housing news", themes=[themes["housing"]], areas=[area])
    period = _this_week()
    first = sending.deliver(period)
    second = sending.deliver(period)
    assert first >= 1
    assert second == 0
    assert len(wait_for(smtp, first)) == first
    assert Digest.objects.filter(period=period.key).count() == first
    assert not Digest.objects.exclude(status=Digest.Status.SENT).exists()


def test_two_workers_cannot_both_claim_a_digest(
    make_user: Any, themes: dict[str, Theme], area: Area, publish: Any
) -> None:
    user = make_user()
    actions.subscribe(user, themes=[], areas=[], frequency="weekly", language="en")
    publish("Item", themes=[themes["housing"]])
    period = _this_week()
    plans = sending.plan_digests(period)
    sending.record_digests(period, plans)
    sending.record_digests(period, plans)  # a second worker: the unique key keeps one row
    digest = Digest.objects.get(period=period.key)
    assert sending._claim(digest, "task-a") is True
    assert sending._claim(digest, "task-b") is False


def test_a_crashed_run_is_finished_by_its_retry_and_each_digest_counted_once(
    make_user: Any, themes: dict[str, Theme], area: Area, publish: Any, smtp: Any
) -> None:
    for _ in range(3):
        actions.subscribe(make_user(), themes=[], areas=[area], frequency="weekly", language="en")
    publish("Item", themes=[themes["housing"]])
    period = _this_week()
    sending.record_digests(period, sending.plan_digests(period))
    first, second, _third = Digest.objects.filter(period=period.key).order_by("pk")
    # The dead run had sent the first digest and was sending the second when it was killed.
    Digest.objects.filter(pk=first.pk).update(status=Digest.Status.SENT, claimed_by="dead")
    assert sending._claim(second, "dead")

    sending.release_claims("dead")
    assert sending.send_recorded(period, claim="retry") == 2  # the second and the third

    assert len(wait_for(smtp, 2)) == 2
    assert set(Digest.objects.values_list("status", flat=True)) == {Digest.Status.SENT}
    events = DomainEvent.objects.of_type("digest.sent").filter(area=area)
    assert sum(e.payload["recipients"] for e in events) == 3  # the dead run's send is counted
    assert sending.send_recorded(period, claim="again") == 0
    assert sum(e.payload["recipients"] for e in events.all()) == 3  # and counted only once


def test_unsubscribe_link_works_and_tampered_token_changes_nothing(
    make_user: Any, client: Client
) -> None:
    user = make_user()
    subscription = actions.subscribe(user, themes=[], areas=[], frequency="weekly", language="en")
    token = queries.unsubscribe_token(subscription)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    page = client.get(f"/engagement/unsubscribe/{tampered}/")
    assert page.status_code == 400
    assert (
        "not valid" in page.content.decode() and "Nothing has been changed" in page.content.decode()
    )
    one_click = client.post(
        f"/engagement/one-click-unsubscribe/{tampered}/", data={"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 400
    assert client.post("/engagement/one-click-unsubscribe/12/", data={}).status_code == 400
    subscription.refresh_from_db()
    assert subscription.active

    welsh = client.get(f"/cy/engagement/unsubscribe/{tampered}/")
    assert welsh.status_code == 400 and "Nid yw" in welsh.content.decode()

    assert client.get(f"/engagement/unsubscribe/{token}/").status_code == 200
    subscription.refresh_from_db()
    assert subscription.active  # a GET (e.g. a link scanner) changes nothing
    done = client.post(f"/engagement/unsubscribe/{token}/")
    assert done.status_code == 200 and "You have been unsubscribed" in done.content.decode()
    subscription.refresh_from_db()
    assert not subscription.active


def test_digest_web_view_shows_titles_and_summaries_not_bodies(
    make_user: Any, themes: dict[str, Theme], area: Area, publish: Any, client: Client
) -> None:
    user = make_user(language="cy")
    actions.subscribe(user, themes=[themes["housing"]], areas=[], frequency="weekly", language="cy")
    publish("Shelter update", themes=[themes["housing"]], areas=[area])
    period = _this_week()
    sending.record_digests(period, sending.plan_digests(period))
    digest = Digest.objects.get()
    page = client.get(f"/cy/engagement/digests/{digest.public_id}/").content.decode()
    assert "Shelter update (cy)" in page and "Crynodeb Shelter update" in page
    assert "CORFF" not in page
    english = client.get(f"/engagement/digests/{digest.public_id}/")
    assert english.status_code == 200 and "Shelter update" in english.content.decode()
    assert (
        client.get("/engagement/digests/00000000-0000-0000-0000-000000000000/").status_code == 404
    )


def test_subscription_page_saves_choices(
    make_user: Any, themes: dict[str, Theme], area: Area, client: Client
) -> None:
    user = make_user()
    client.force_login(user)
    response = client.post(
        "/engagement/subscription/",
        {
            "frequency": "monthly",
            "language": "cy",
            "themes": [themes["housing"].pk],
            "areas": [area.pk],
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get(user=user)
    assert (subscription.frequency, subscription.language) == ("monthly", "cy")
    assert list(subscription.themes.all()) == [themes["housing"]]
    bad = client.post("/engagement/subscription/", {"frequency": "hourly", "language": "fr"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    subscription.refresh_from_db()
    assert subscription.frequency == "monthly"


def test_immediate_subscribers_get_each_item_once(
    smtp: Any,
    make_user: Any,
    themes: dict[str, Theme],
    area: Area,
    publish: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = make_user()
    actions.subscribe(
        user, themes=[themes["housing"]], areas=[], frequency="immediately", language="en"
    )
    with django_capture_on_commit_callbacks(execute=True):
        bulletin = publish("Right now", themes=[themes["housing"]], areas=[area])
    assert sending.deliver_immediately(bulletin.pk) == 0  # already sent
    messages = wait_for(smtp, 1)
    assert len(messages) == 1 and "Right now" in _text(messages[0])


def test_plan_groups_by_theme_with_highest_priority_first() -> None:
    now = timezone.now()

    def item(
        i: int, priority: int, themes: set[int], areas: set[int] = frozenset()
    ) -> digests.Item:  # type: ignore[assignment]
        return digests.Item(
            i, priority, now - timedelta(hours=i), frozenset(themes), frozenset(areas)
        )

    items = digests.sort_items(
        [
            item(1, 3, {10}),
            item(2, 1, {20}),
            item(3, 2, {10}),
            item(4, 1, {30}, {99}),
            item(5, 2, set()),
        ]
    )
    plan = digests.plan(
        items, digests.Preferences(frozenset({10, 20}), frozenset({1})), {10: 0, 20: 1}
    )
    assert [g.theme_id for g in plan.groups] == [20, 10, None]
    assert plan.groups[1].item_ids == [3, 1]
    assert 4 not in plan.item_ids  # other area
    limited = digests.plan(items, digests.Preferences(frozenset(), frozenset()), {}, limit=2)
    assert limited.item_ids == [2, 4] and limited.more_count == 3


class _FailingHalfWay:
    """An SMTP server that accepts ``accept`` messages, then answers 421 until it recovers."""

    def __init__(self, accept: int) -> None:
        self.accept = accept
        self.recipients: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if len(self.recipients) >= self.accept:
            return "421 Service not available, closing transmission channel"
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


def test_a_run_failing_half_way_then_rerun_by_two_workers_sends_each_digest_once(
    settings: Any, make_user: Any, themes: dict[str, Theme], publish: Any
) -> None:
    users = [make_user() for _ in range(6)]
    for user in users:
        actions.subscribe(user, themes=[], areas=[], frequency="weekly", language="en")
    publish("Housing news", themes=[themes["housing"]])
    server = _FailingHalfWay(accept=2)
    controller = Controller(server, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    period = _this_week()
    try:
        assert sending.deliver(period) == 2  # the server went down after two messages
        assert Digest.objects.filter(status=Digest.Status.FAILED).count() == 4
        server.accept = len(users)  # back up: two workers share the re-run
        resent = [sending.send_recorded(period, shard=(i, 2)) for i in range(2)]
        assert sending.deliver(period) == 0  # a third run finds nothing left to send
    finally:
        controller.stop()
    assert sum(resent) == 4 and all(resent)
    assert sorted(server.recipients) == sorted(u.email for u in users)
    assert set(Digest.objects.values_list("status", flat=True)) == {Digest.Status.SENT}
