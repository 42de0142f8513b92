"""Issue 11, defect 7: one language setting (the account's), with a per-digest override
that is shown as one."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

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


def test_bulletins_and_consultations_are_accepted_in_welsh_alone(
    officer: Any, council: Any, client: Client
) -> None:
    """Issue 11, defect 6: either language alone is enough; the English page shows the Welsh
    with a note, and the Welsh page shows it as it is."""
    from django.core.exceptions import ValidationError

    from commonground.engagement.models import Consultation

    with pytest.raises(ValidationError) as empty:
        actions.publish_bulletin(officer, council, {"body_en": "Only a body"})
    assert set(empty.value.message_dict) == {"title_en", "summary_en"}
    bulletin = actions.publish_bulletin(
        officer, council, {"title_cy": "Grantiau newydd", "summary_cy": "Mae’r gronfa ar agor."}
    )
    today = timezone.localdate()
    consultation = actions.create_consultation(
        officer,
        council,
        {
            "title_cy": "Dyfodol gwasanaethau dydd",
            "summary_cy": "Dywedwch wrthym beth sy’n bwysig.",
            "opens_on": today,
            "closes_on": today + timedelta(days=90),
            "feedback_due_on": today + timedelta(days=120),
        },
    )
    for url, text in (
        (bulletin.get_absolute_url(), "Grantiau newydd"),
        (consultation.get_absolute_url(), "Dyfodol gwasanaethau dydd"),
    ):
        client.force_login(officer)
        english = client.get(url).content.decode()
        assert text in english and "This is only available in Welsh." in english
        welsh = client.get(f"/cy{url}").content.decode()
        assert text in welsh and "cg-language-note" not in welsh

    # After the close, the summary and "you said, we did" may be in Welsh alone too.
    actions.add_question(officer, consultation, {"text_en": "What?", "kind": "free_text"})
    actions.publish_consultation(officer, consultation)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=100), closes_on=today - timedelta(days=10)
    )
    consultation.refresh_from_db()
    actions.write_response_summary(officer, consultation, "", "Roedd pobl eisiau bysiau.")
    actions.publish_feedback(officer, consultation, "", "Dywedoch chi fysiau; ychwanegon ni lwybr.")
    with translation.override("en"):  # the Welsh requests above left Welsh active
        url = consultation.get_absolute_url()
    page = Client().get(url).content.decode()
    assert "Dywedoch chi fysiau" in page and page.count("This is only available in Welsh.") == 3
