"""Issue 11, defect 7: one language setting (the account's), with a per-digest override
that is shown as one."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from commonground.core import actions as core_actions
from commonground.core.models import Area, Theme
from commonground.engagement import actions, sending
from commonground.engagement.models import Digest, Subscription

pytestmark = pytest.mark.django_db


def test_digest_follows_the_account_language_unless_overridden(
    make_user: Any, themes: dict[str, Theme], area: Area, publish: Any
) -> None:
    follows = make_user(language="en")
    client = Client()
    client.force_login(follows)
    form = client.get("/engagement/subscription/").content.decode()
    assert 'name="language" type="radio" value="" checked' in form, "no second setting preset"
    client.post("/engagement/subscription/", {"frequency": "weekly", "language": ""})
    assert Subscription.objects.get(user=follows).language == ""
    overrides = make_user(language="en")
    actions.subscribe(overrides, themes=[], areas=[], frequency="weekly", language="cy")

    core_actions.set_preferred_language(follows, "cy")  # the one setting changes ...
    publish("Housing news", themes=[themes["housing"]], areas=[area])
    sending.deliver(sending.weekly_period(timezone.localdate() + timedelta(days=7)))
    languages = dict(Digest.objects.values_list("subscription__user__email", "language"))
    assert languages == {follows.email: "cy", overrides.email: "cy"}  # ... and the digest too

    account = Client()
    account.force_login(overrides)
    page = account.get("/account/").content.decode()
    assert 'id="digest-language"' in page and "Cymraeg" in page, "the override is shown"
    assert 'id="digest-language"' not in client.get("/cy/account/").content.decode()
