"""Issue 11, defect 6: a body's Welsh name after "ar" takes the soft mutation ("ar Fwrdd")."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from commonground.core.models import User
from commonground.core.welsh import soft_mutation
from commonground.partnerships.models import PartnershipBody, Seat
from commonground.representation.models import Vacancy


@pytest.mark.parametrize(
    ("radical", "softened"),
    [
        ("Bwrdd Gwasanaethau Cyhoeddus", "Fwrdd Gwasanaethau Cyhoeddus"),
        ("Partneriaeth Ranbarthol", "Bartneriaeth Ranbarthol"),
        ("Tîm Cymorth", "Dîm Cymorth"),
        ("Cyngor Sir", "Gyngor Sir"),
        ("Grŵp Cynghori", "Rŵp Cynghori"),
        ("Llywodraeth Cymru", "Lywodraeth Cymru"),
        ("Rhwydwaith Gwirfoddoli", "Rwydwaith Gwirfoddoli"),
        ("Dinas a Sir", "Ddinas a Sir"),
        ("Mudiad Meithrin", "Fudiad Meithrin"),
        ("bwrdd iechyd", "fwrdd iechyd"),
        ("Ysgol", "Ysgol"),  # vowels do not change
        ("Fforwm", "Fforwm"),  # nor f, ff, n, s, h
        ("Nid", "Nid"),
        ("", ""),
    ],
)
def test_the_first_word_is_softened(radical: str, softened: str) -> None:
    assert soft_mutation(radical) == softened


@pytest.mark.django_db
def test_vacancy_emails_say_ar_fwrdd_in_welsh_and_leave_an_english_name_alone() -> None:
    welsh = PartnershipBody(name_en="Ceredigion PSB", name_cy="Bwrdd Gwasanaethau Cyhoeddus")
    english_only = PartnershipBody(name_en="Powys Teaching Health Board")
    for body, expected in [
        (welsh, "ar Fwrdd Gwasanaethau Cyhoeddus"),
        (english_only, "ar Powys Teaching Health Board"),
    ]:
        seat = Seat(body=body, name_en="Sector seat", name_cy="Sedd y sector")
        vacancy = Vacancy(pk=7, seat=seat, closes_on=date(2027, 1, 15), word_limit=300)
        context = {"vacancy": vacancy, "site": "", "user": User(email="a@example.org")}
        with translation.override("cy"):
            text = render_to_string("representation/email/vacancy.txt", context)
        assert expected in text.splitlines()[0]
    with translation.override("en"):
        assert welsh.on_name == "Ceredigion PSB"
