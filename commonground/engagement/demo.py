"""Demo engagement for Ceredigion: a month of bulletins, subscribers, three consultations at
different stages, and upcoming and past events with attendance. Idempotent: does nothing if
the demo bulletins exist."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from commonground.core.models import Area, Organisation, Theme, User
from commonground.engagement import actions
from commonground.engagement.models import (
    Answer,
    Bulletin,
    Consultation,
    Event,
    Registration,
    Response,
)

SEED = 2026
AREA = "W06000008"

BULLETINS = [
    (
        "Winter fuel support opens",
        "Cymorth tanwydd gaeaf yn agor",
        "poverty",
        1,
        "Households on low incomes can now apply for help with heating costs.",
        "Gall aelwydydd ar incwm isel wneud cais nawr am help gyda chostau gwresogi.",
    ),
    (
        "New volunteering fund",
        "Cronfa wirfoddoli newydd",
        "volunteering",
        2,
        "Small grants of up to £2,000 for groups that involve volunteers.",
        "Grantiau bach hyd at £2,000 i grwpiau sy’n cynnwys gwirfoddolwyr.",
    ),
    (
        "Mental health forum report",
        "Adroddiad y fforwm iechyd meddwl",
        "mental-health",
        2,
        "What the sector told the health board about waiting times.",
        "Beth ddywedodd y sector wrth y bwrdd iechyd am amseroedd aros.",
    ),
    (
        "Bus timetable changes",
        "Newidiadau i amserlenni bysiau",
        "transport",
        3,
        "Rural routes change from next month; check the new times.",
        "Mae llwybrau gwledig yn newid o’r mis nesaf; gwiriwch yr amseroedd newydd.",
    ),
    (
        "Housing board decisions",
        "Penderfyniadau’r bwrdd tai",
        "housing",
        1,
        "The board agreed two new temporary accommodation schemes.",
        "Cytunodd y bwrdd ar ddau gynllun llety dros dro newydd.",
    ),
    (
        "Older people’s week",
        "Wythnos pobl hŷn",
        "older-people",
        3,
        "Events across the county for Older People’s Week.",
        "Digwyddiadau ledled y sir ar gyfer Wythnos Pobl Hŷn.",
    ),
    (
        "Climate grants for community buildings",
        "Grantiau hinsawdd i adeiladau cymunedol",
        "environment",
        2,
        "Funding for insulation and solar panels in village halls.",
        "Cyllid ar gyfer inswleiddio a phaneli solar mewn neuaddau pentref.",
    ),
    (
        "Welsh language training",
        "Hyfforddiant Cymraeg",
        "welsh-language",
        3,
        "Free Welsh courses for staff and volunteers of member groups.",
        "Cyrsiau Cymraeg am ddim i staff a gwirfoddolwyr grwpiau sy’n aelodau.",
    ),
]


def _user(email: str) -> User:
    return User.objects.get(email=email)


@transaction.atomic
def load_demo() -> None:
    if Bulletin.objects.filter(title_en=BULLETINS[0][0]).exists():
        return
    rng = random.Random(SEED)
    area = Area.objects.get(code=AREA)
    themes = {t.slug: t for t in Theme.objects.all()}
    sian = _user("sian@cavo.example")
    rhian = _user("rhian@ceredigion-council.example")
    gareth = _user("gareth@aberystwyth-foodbank.example")
    council = Organisation.objects.get(name_en="Ceredigion County Council")
    cvc = area.infrastructure_body
    assert cvc is not None
    now = timezone.now()

    # A month of bulletins, spread over four weeks.
    for week in range(4):
        for n, (en, cy, theme, priority, sum_en, sum_cy) in enumerate(BULLETINS):
            title_en = en if week == 0 else f"{en} (update {week})"
            title_cy = cy if week == 0 else f"{cy} (diweddariad {week})"
            bulletin = actions.publish_bulletin(
                sian if n % 2 else rhian,
                cvc if n % 2 else council,
                {
                    "title_en": title_en,
                    "title_cy": title_cy,
                    "summary_en": sum_en,
                    "summary_cy": sum_cy,
                    "body_en": f"{sum_en}\n\nMore detail for members.",
                    "body_cy": f"{sum_cy}\n\nRhagor o fanylion i aelodau.",
                    "priority": priority,
                },
                themes=[themes[theme]],
                areas=[area],
            )
            Bulletin.objects.filter(pk=bulletin.pk).update(
                published_at=now - timedelta(days=7 * week + n % 7, hours=n)
            )

    # Subscribers with varied preferences.
    people = list(User.objects.filter(email__startswith="contact-").order_by("pk")[:40])
    frequencies = ["weekly", "weekly", "monthly", "immediately"]
    for person in [gareth, sian, *people]:
        chosen = rng.sample(sorted(themes), k=rng.randint(0, 3))
        actions.subscribe(
            person,
            themes=[themes[s] for s in chosen],
            areas=[area] if rng.random() < 0.7 else [],
            frequency=rng.choice(frequencies),
            # Most follow their account's language; some ask for Welsh digests only.
            language="" if rng.random() < 0.7 else "cy",
        )

    today = timezone.localdate()
    food_bank = Organisation.objects.get(name_en="Aberystwyth Food Bank")

    def consultation(
        title_en: str, title_cy: str, opens: int, closes: int, due: int, reason: str = ""
    ) -> Consultation:
        c = actions.create_consultation(
            rhian,
            council,
            {
                "title_en": title_en,
                "title_cy": title_cy,
                "summary_en": f"Tell us what you think about {title_en.lower()}.",
                "summary_cy": f"Dywedwch wrthym beth yw eich barn am {title_cy.lower()}.",
                "opens_on": today + timedelta(days=opens),
                "closes_on": today + timedelta(days=closes),
                "feedback_due_on": today + timedelta(days=due),
                "short_period_reason_en": reason,
            },
            themes=[themes["health-social-care"]],
        )
        actions.add_question(
            rhian,
            c,
            {
                "text_en": "What works well now?",
                "text_cy": "Beth sy’n gweithio’n dda nawr?",
                "kind": "free_text",
                "required": True,
            },
        )
        actions.add_question(
            rhian,
            c,
            {
                "text_en": "How satisfied are you with the current service?",
                "text_cy": "Pa mor fodlon ydych chi â’r gwasanaeth presennol?",
                "kind": "rating",
                "rating_max": 5,
            },
        )
        actions.add_question(
            rhian,
            c,
            {
                "text_en": "Which matter most?",
                "text_cy": "Pa rai sydd bwysicaf?",
                "kind": "multiple_choice",
                "choices_en": "Transport\nCost\nOpening hours",
                "choices_cy": "Trafnidiaeth\nCost\nOriau agor",
            },
        )
        actions.add_document(
            rhian,
            c,
            {
                "title_en": "Consultation document",
                "title_cy": "Dogfen ymgynghori",
                "url": "https://www.ceredigion.gov.uk/",
            },
        )
        actions.record_principles(
            rhian,
            c,
            {
                "designed": (True, "Co-designed with service users"),
                "timely": (True, ""),
                "impact": (True, "We will publish “you said, we did”."),
            },
        )
        # Publish while the dates are current, then move them into the past for the closed ones.
        Consultation.objects.filter(pk=c.pk).update(
            opens_on=today,
            closes_on=today + timedelta(days=84),
            feedback_due_on=today + timedelta(days=130),
        )
        c = actions.publish_consultation(rhian, Consultation.objects.get(pk=c.pk))
        if closes < 0:
            for i, person in enumerate([gareth, *people[:6]]):
                actions.save_response(
                    person,
                    c,
                    {
                        q.pk: (
                            "Good"
                            if q.kind == "free_text"
                            else str(1 + (i % 5))
                            if q.kind == "rating"
                            else ["0", "2"]
                        )
                        for q in c.questions.all()
                    },
                    organisation=food_bank if person == gareth else None,
                    publish=i % 2 == 0,
                    submit=True,
                )
        Consultation.objects.filter(pk=c.pk).update(
            opens_on=today + timedelta(days=opens),
            closes_on=today + timedelta(days=closes),
            feedback_due_on=today + timedelta(days=due),
        )
        return Consultation.objects.get(pk=c.pk)

    consultation("Day services for older people", "Gwasanaethau dydd i bobl hŷn", -14, 70, 112)
    consultation("Library opening hours", "Oriau agor llyfrgelloedd", -120, -36, -8)
    done = consultation(
        "Community transport plan", "Cynllun trafnidiaeth gymunedol", -200, -116, -60
    )
    actions.write_response_summary(
        rhian,
        done,
        "Most respondents asked for evening buses.",
        "Gofynnodd y rhan fwyaf o ymatebwyr am fysiau gyda’r nos.",
    )
    actions.publish_feedback(
        rhian,
        done,
        "You said evening buses mattered; we funded two new evening routes.",
        "Dywedoch fod bysiau gyda’r nos yn bwysig; rydym wedi ariannu dau lwybr newydd gyda’r nos.",
    )

    # Events: two upcoming (one nearly full), one past with attendance.
    start = now.replace(minute=0, second=0, microsecond=0)
    forum = actions.create_event(
        sian,
        cvc,
        {
            "kind": "forum",
            "title_en": "Third sector forum",
            "title_cy": "Fforwm y trydydd sector",
            "location": "Aberaeron",
            "starts_at": start + timedelta(days=10),
            "ends_at": start + timedelta(days=10, hours=2),
            "capacity": 40,
        },
        themes=[themes["volunteering"]],
    )
    training = actions.create_event(
        sian,
        cvc,
        {
            "kind": "training",
            "title_en": "Introduction to the 10 Principles",
            "title_cy": "Cyflwyniad i’r 10 Egwyddor",
            "location": "Lampeter",
            "starts_at": start + timedelta(days=20),
            "ends_at": start + timedelta(days=20, hours=3),
            "capacity": 3,
        },
    )
    for person in people[:5]:
        actions.register_for_event(person, training)
    actions.register_for_event(gareth, forum)
    briefing = actions.create_event(
        rhian,
        council,
        {
            "kind": "briefing",
            "title_en": "Budget briefing",
            "title_cy": "Sesiwn friffio ar y gyllideb",
            "location": "Aberystwyth",
            "starts_at": start + timedelta(days=5),
            "ends_at": start + timedelta(days=5, hours=1),
            "capacity": 30,
        },
    )
    for person in people[5:17]:
        actions.register_for_event(person, briefing)
    Event.objects.filter(pk=briefing.pk).update(
        starts_at=start - timedelta(days=9), ends_at=start - timedelta(days=9) + timedelta(hours=1)
    )
    briefing.refresh_from_db()
    attended = [r.user_id for r in Registration.objects.filter(event=briefing)][:9]
    actions.record_attendance(rhian, briefing, attended)
    actions.add_material(
        rhian,
        briefing,
        {
            "title_en": "Briefing slides",
            "title_cy": "Sleidiau’r sesiwn friffio",
            "url": "https://www.ceredigion.gov.uk/",
        },
    )
    assert Response.objects.exists() and Answer.objects.exists()
