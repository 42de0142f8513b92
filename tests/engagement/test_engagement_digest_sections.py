"""Other capabilities' sections in digests: new opportunities (commissioning) as their own
section, only for those who subscribed to them, since their last digest, in their language."""

from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from django.test import Client
from django.utils import timezone

from commonground.commissioning import actions as commissioning
from commonground.commissioning.models import Opportunity
from commonground.core.models import Area, Organisation, Theme, User
from commonground.engagement import actions, sending
from commonground.engagement.models import Digest

from .conftest import wait_for


def _body(message: EmailMessage, kind: str) -> str:
    return message.get_body(preferencelist=(kind,)).get_content()  # type: ignore[union-attr]


def _opportunity(officer: User, council: Organisation, area: Area, title: str, at: Any, **extra: Any) -> Opportunity:
    found = commissioning.create_opportunity(
        officer,
        {"buyer": council, "title_en": title, "title_cy": f"{title} (cy)", "route": "contract", **extra},
        [area],
    )
    Opportunity.objects.filter(pk=found.pk).update(created_at=at)  # recorded during the period
    return found


def test_subscribers_to_opportunities_get_their_own_section_since_their_last_digest(
    smtp: Any, make_user: Any, themes: dict[str, Theme], area: Area, other_area: Area,
    publish: Any, officer: User, council: Organisation,
) -> None:
    period = sending.weekly_period(timezone.localdate() + timedelta(days=7))
    follower = make_user(language="en")
    actions.subscribe(follower, themes=[], areas=[area], frequency="weekly", language="en")
    commissioning.subscribe(follower, area)
    welsh = make_user(language="cy")
    welsh_sub = actions.subscribe(welsh, themes=[], areas=[], frequency="weekly", language="cy")
    commissioning.subscribe(welsh, area)
    other = make_user(language="en")  # a digest subscriber who never asked for opportunities
    actions.subscribe(other, themes=[], areas=[area], frequency="weekly", language="en")

    publish("Housing news", themes=[themes["housing"]], areas=[area])
    deadline = timezone.localdate() + timedelta(days=30)
    _opportunity(officer, council, area, "Meals on wheels", period.start + timedelta(days=2), tender_deadline=deadline)
    _opportunity(officer, council, other_area, "Powys transport", period.start + timedelta(days=2))
    _opportunity(officer, council, area, "Older contract", period.start - timedelta(days=10))
    # The Welsh subscriber's last digest ended three weeks ago: they hear of everything since.
    Digest.objects.create(
        subscription=welsh_sub, period="weekly:old", period_start=period.start - timedelta(days=28),
        period_end=period.start - timedelta(days=21), language="cy", status=Digest.Status.SENT,
    )

    assert sending.deliver(period) == 3
    messages = {m["To"]: m for m in wait_for(smtp, 3)}

    text, html = _body(messages[follower.email], "plain"), _body(messages[follower.email], "html")
    for body in (text, html):
        assert "New opportunities to bid for" in body
        assert "Meals on wheels" in body and "/commissioning/meals-on-wheels" in body
        assert "Housing news" in body
        assert "Powys transport" not in body  # not an area they follow
        assert "Older contract" not in body  # recorded before this digest's period
    assert "Planned · Test County Council · Deadline: " in text
    assert messages[follower.email]["Subject"].startswith("Weekly digest: 2 items")

    welsh_text, welsh_html = _body(messages[welsh.email], "plain"), _body(messages[welsh.email], "html")
    for body in (welsh_text, welsh_html):
        assert "Cyfleoedd newydd i wneud cais amdanynt" in body
        assert "Meals on wheels (cy)" in body and "Older contract (cy)" in body
        assert "/cy/commissioning/" in body

    for body in (_body(messages[other.email], "plain"), _body(messages[other.email], "html")):
        assert "Housing news" in body
        assert "New opportunities" not in body and "Meals on wheels" not in body

    # The web copy shows the section as it was built.
    digest = Digest.objects.get(subscription__user=follower, period=period.key)
    page = Client().get(digest.get_absolute_url()).content.decode()
    assert "New opportunities to bid for" in page and "Meals on wheels" in page


def test_a_digest_is_sent_for_new_opportunities_alone(
    smtp: Any, make_user: Any, area: Area, officer: User, council: Organisation
) -> None:
    period = sending.weekly_period(timezone.localdate() + timedelta(days=7))
    follower = make_user(language="en")
    actions.subscribe(follower, themes=[], areas=[], frequency="weekly", language="en")
    commissioning.subscribe(follower, area)
    other = make_user(language="en")
    actions.subscribe(other, themes=[], areas=[], frequency="weekly", language="en")
    _opportunity(officer, council, area, "Meals on wheels", period.start + timedelta(days=1))

    assert sending.deliver(period) == 1  # no bulletins: only the follower has anything
    [message] = wait_for(smtp, 1)
    assert message["To"] == follower.email
    assert "Meals on wheels" in _body(message, "plain")
