"""Issue 11, defect 1: date and time inputs carry ISO values in every language."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from commonground.core import dates


class _Dates(forms.Form):
    founded_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    plain_date = forms.DateField()
    starts_at = forms.DateTimeField()
    opens_at = forms.TimeField()


def _render(form: forms.Form) -> str:
    template = Template(
        "{% load govuk %}{% for field in form %}{% govuk_field field %}{% endfor %}"
    )
    return template.render(Context({"form": form}))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_dates_in_inputs_are_iso(language: str, settings: object) -> None:
    initial = {
        "founded_on": date(1965, 5, 1),
        "plain_date": date(2026, 12, 7),
        # 13:07 in London in winter, stored in UTC
        "starts_at": datetime(2026, 12, 16, 13, 7, tzinfo=ZoneInfo("UTC")),
        "opens_at": time(9, 30),
    }
    with translation.override(language):
        html = _render(_Dates(initial=initial))
    assert 'type="date" value="1965-05-01"' in html
    assert 'type="date" value="2026-12-07"' in html
    assert 'type="datetime-local" value="2026-12-16T13:07"' in html
    assert 'type="time" value="09:30"' in html


def test_typed_values_are_shown_back_as_typed() -> None:
    """A form shown again after an error keeps what was typed, even when it is not a date."""
    with translation.override("cy"):
        html = _render(_Dates(data={"founded_on": "1 Mai", "plain_date": "2026-12-07"}))
    assert 'value="1 Mai"' in html
    assert 'value="2026-12-07"' in html


@pytest.mark.parametrize(
    ("language", "moment", "expected"),
    [
        ("en", datetime(2026, 12, 16, 13, 7, tzinfo=ZoneInfo("UTC")), "16 December 2026 at 1:07pm"),
        ("cy", datetime(2026, 12, 16, 13, 7, tzinfo=ZoneInfo("UTC")), "16 Rhagfyr 2026 am 1:07yp"),
        ("en", datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("UTC")), "1 July 2026 at 10am"),
        ("cy", datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("UTC")), "1 Gorffennaf 2026 am 10yb"),
        ("en", datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("UTC")), "2 March 2026 at midday"),
        ("cy", datetime(2026, 3, 2, 0, 0, tzinfo=ZoneInfo("UTC")), "2 Mawrth 2026 am hanner nos"),
    ],
)
def test_dates_shown_in_govuk_style(language: str, moment: datetime, expected: str) -> None:
    """Defect 4: "16 December 2026 at 1:07pm", never "Dec. 16, 2026, 1:07 p.m.."."""
    with translation.override(language):
        rendered = Template("{% load govuk %}{{ moment|govuk_datetime }}").render(
            Context({"moment": moment})
        )
    assert rendered == expected


def test_wrong_django_welsh_is_corrected() -> None:
    """Defect 6: our catalogue overrides Django's wrong Welsh ("Gorffenaf", "greater or less")."""
    field = forms.IntegerField(max_value=10)
    with translation.override("cy"):
        assert translation.gettext("July") == "Gorffennaf"
        with pytest.raises(forms.ValidationError) as caught:
            field.clean("11")
        assert caught.value.messages == ["Sicrhewch fod y gwerth hwn yn llai na neu’n hafal i 10."]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Monday, Wednesday and Friday, 10am to 2pm"),
        ("cy", "Dydd Llun, dydd Mercher a dydd Gwener, 10yb i 2yp"),
    ],
)
def test_opening_times_in_words(language: str, expected: str) -> None:
    """Defect 6: not the raw "MO,WE,FR 10:00-14:00"."""
    with translation.override(language):
        assert dates.opening_times("MO,WE,FR", time(10, 0), time(14, 0)) == expected
