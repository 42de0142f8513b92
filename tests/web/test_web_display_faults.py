"""Issue 11, defect 9: display and demo faults, each with the check that catches it."""

import random
from datetime import timedelta
from typing import Any

import pytest
from django import forms
from django.core.validators import validate_email
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from commonground.core.forms import OrganisationForm
from commonground.core.models import Area, Organisation
from commonground.directory import demo as directory_demo
from commonground.directory.models import Suggestion
from commonground.engagement.forms import ConsultationForm, EventForm
from commonground.interop.oruk import empty_tables


class _Choice(forms.Form):
    level = forms.ChoiceField(
        choices=[("", "---------"), ("full", "Full"), ("some", "Some")],
        widget=forms.RadioSelect,
    )


def test_no_blank_radio_button_and_the_error_link_finds_the_first_option() -> None:
    form = _Choice(data={})
    html = Template(
        "{% load govuk %}{% govuk_error_summary form %}{% govuk_field form.level %}"
    ).render(Context({"form": form}))
    assert "---------" not in html
    assert 'href="#id_level_1"' in html and 'id="id_level_1"' in html


def test_demo_service_emails_are_real_addresses() -> None:
    tables = empty_tables()
    town = next(iter(directory_demo.TOWN_POINTS))
    directory_demo._add_service(
        tables, random.Random(1), "p", "statutory/1", "Library", "", None, None, town,
        "MO", "09:00", "17:00", "",
    )  # fmt: skip
    email = tables["services"][0]["email"]
    validate_email(email)
    assert "/" not in email


@pytest.mark.django_db
def test_pages_have_a_favicon(client: Client, area: Area) -> None:
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/web/favicon.svg"' in html
    assert client.get("/static/web/favicon.svg").status_code == 200


@pytest.mark.django_db
def test_dates_out_of_range_are_refused(area: Area, make_organisation: Any) -> None:
    """No event or consultation starting in 2020; no organisation founded in 2099."""
    organiser: Organisation = make_organisation()
    organisers = Organisation.objects.filter(pk=organiser.pk)
    event = EventForm(
        data={
            "organiser": organiser.pk,
            "kind": "forum",
            "title_en": "Open day",
            "starts_at": "2020-03-01T10:00",
            "ends_at": "2020-03-01T12:00",
            "location": "Aberaeron",
        },
        organisers=organisers,
    )
    assert "starts_at" in event.errors
    assert (
        "description_en"
        in EventForm(data={"description_en": "x" * 50_000}, organisers=organisers).errors
    )
    consultation = ConsultationForm(
        data={"opens_on": "2020-01-06", "closes_on": "2020-04-06", "feedback_due_on": "2020-05-06"}
    )
    assert "opens_on" in consultation.errors
    founded = OrganisationForm(data={"founded_on": "2099-01-01"}, instance=organiser)
    assert founded.errors["founded_on"] == ["The date founded must be today or in the past."]
    today = timezone.localdate()
    assert (
        "founded_on"
        not in OrganisationForm(
            data={"founded_on": (today - timedelta(days=1)).isoformat()}, instance=organiser
        ).errors
    )


def test_review_queue_names_fields_as_people_read_them() -> None:
    """Defect 6: the review queue said "fees", the field's code name."""
    suggestion = Suggestion(changes={"fees": "Free", "minimum_age": 16})
    with translation.override("cy"):
        labels = [label for label, _value in suggestion.labelled_changes()]
        assert labels == [capfirst(gettext("fees")), capfirst(gettext("minimum age"))]
    assert "fees" not in labels


@pytest.mark.django_db
def test_demo_ranges_run_forwards_and_every_term_fits_its_seat() -> None:
    """Nominations never close before they open, and no 4-month term sits on a 24-month
    seat: every holder who served to the end of their term served the seat's full term."""
    import io

    from django.core.management import call_command

    from commonground.engagement.models import Consultation, Event
    from commonground.partnerships.models import SeatHolding
    from commonground.partnerships.queries import term_end
    from commonground.representation.models import Election, Vacancy

    call_command("load_demo", stdout=io.StringIO())
    backwards = [
        (v.seat_id, v.opens_on, v.closes_on)
        for v in Vacancy.objects.all()
        if not v.opens_on <= v.closes_on <= v.term_starts_on
    ]
    assert backwards == []
    assert Vacancy.objects.count() >= 3
    assert all(e.opens_at < e.closes_at for e in Election.objects.all())
    assert all(c.opens_on <= c.closes_on <= c.feedback_due_on for c in Consultation.objects.all())
    assert all(e.starts_at < e.ends_at for e in Event.objects.all())
    short = [
        (h.seat.name_en, h.seat.term_months, h.starts_on, h.ends_on)
        for h in SeatHolding.objects.select_related("seat")
        if (h.ended_on is None or h.ended_on == h.ends_on)
        and h.ends_on != term_end(h.seat, h.starts_on)
    ]
    assert short == []


def test_a_digest_period_never_ends_before_it_starts() -> None:
    """An immediate digest covers one moment: its period is that day, not a range from 2 December back to 1 December."""
    from datetime import date

    from commonground.engagement.models import Digest, Subscription
    from commonground.engagement.sending import weekly_period

    at = timezone.make_aware(timezone.datetime(2026, 12, 2, 13, 7))
    once = Digest(
        subscription=Subscription(), period_start=at, period_end=at + timedelta(seconds=1)
    )
    assert once.first_day == once.last_day == date(2026, 12, 2)
    week = weekly_period(date(2026, 12, 9))
    weekly = Digest(subscription=Subscription(), period_start=week.start, period_end=week.end)
    assert (weekly.first_day, weekly.last_day) == (date(2026, 11, 30), date(2026, 12, 6))
