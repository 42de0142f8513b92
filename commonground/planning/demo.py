"""The demo's plan and report cards: the Ceredigion PSB's well-being plan with four
priorities and 25 actions in every state, three population results, ten performance
measures with three years of quarterly values (some on track, some off, one with no data),
two sub-groups with report cards of their own, and a government requests log with one
overdue item. Deterministic and idempotent; dates are relative to today, so the exception
report always has something to show. Runs after the partnerships demo, through the verbs.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from commonground.core.models import Organisation, Person, User
from commonground.partnerships.models import PartnershipBody
from commonground.planning import actions, curves
from commonground.planning.importer import ValueRow
from commonground.planning.models import (
    Action,
    GovernmentRequest,
    Outcome,
    Plan,
)

PSB_SLUG = "ceredigion-psb"
SUB_GROUPS = ("healthy-communities", "climate-and-nature")

# (title en, title cy, description en, goal codes)
PRIORITIES = [
    (
        "Enabling a prosperous economy",
        "Galluogi economi lewyrchus",
        "Good jobs, skills and a local economy that keeps young people in the county.",
        ["prosperous", "more-equal"],
    ),
    (
        "Healthy and active communities",
        "Cymunedau iach a gweithgar",
        "People of every age are active, connected and well, in their own community.",
        ["healthier", "cohesive-communities"],
    ),
    (
        "Climate and nature",
        "Hinsawdd a natur",
        "Cutting emissions and restoring nature, with communities leading the way.",
        ["resilient", "globally-responsible"],
    ),
    (
        "Welsh language and culture",
        "Y Gymraeg a diwylliant",
        "More people speak and use Welsh every day, and culture thrives in every town.",
        ["vibrant-culture"],
    ),
]

# Status, days from today to the due date: 25 actions, every state, some overdue.
ACTION_PLAN = [
    ("on_track", 40),
    ("on_track", 90),
    ("at_risk", 20),
    ("off_track", 15),
    ("done", -60),
    ("not_started", 120),
    ("on_track", -10),
    ("dropped", -30),
    ("on_track", 200),
    ("at_risk", -5),
    ("done", -120),
    ("off_track", -20),
    ("on_track", 10),
    ("not_started", -3),
    ("on_track", 150),
    ("done", -15),
    ("at_risk", 60),
    ("on_track", 30),
    ("off_track", 45),
    ("not_started", 75),
    ("on_track", 300),
    ("done", -200),
    ("dropped", 100),
    ("on_track", 8),
    ("at_risk", 25),
]
ACTION_TITLES = [
    ("Run a county jobs fair with the colleges", "Cynnal ffair swyddi sirol gyda’r colegau"),
    ("Open two rural business hubs", "Agor dau hwb busnes gwledig"),
    ("Apprenticeships across the PSB’s members", "Prentisiaethau ar draws aelodau’r BGC"),
    (
        "Pay the real Living Wage through partners’ contracts",
        "Talu’r Cyflog Byw go iawn drwy gontractau partneriaid",
    ),
    ("Map skills gaps in care and construction", "Mapio bylchau sgiliau ym maes gofal ac adeiladu"),
    ("Community walking groups in every town", "Grwpiau cerdded cymunedol ym mhob tref"),
    ("Social prescribing through the CVC", "Presgripsiynu cymdeithasol drwy’r CGG"),
    ("Warm spaces network for the winter", "Rhwydwaith mannau cynnes ar gyfer y gaeaf"),
    ("Loneliness befriending for older people", "Cyfeillio i bobl hŷn sy’n unig"),
    (
        "Mental health first aid for partners’ staff",
        "Cymorth cyntaf iechyd meddwl i staff partneriaid",
    ),
    ("Free swimming for children in the holidays", "Nofio am ddim i blant yn y gwyliau"),
    ("Falls prevention classes", "Dosbarthiadau atal codymau"),
    ("Tree planting with schools", "Plannu coed gydag ysgolion"),
    ("Electric vehicle charging on public land", "Gwefru cerbydau trydan ar dir cyhoeddus"),
    (
        "Flood resilience plans for coastal towns",
        "Cynlluniau gwydnwch llifogydd i drefi’r arfordir",
    ),
    ("Repair cafés in four towns", "Caffis trwsio mewn pedair tref"),
    ("Cut partners’ fleet emissions", "Torri allyriadau fflydoedd partneriaid"),
    ("Community energy schemes", "Cynlluniau ynni cymunedol"),
    ("Restore peatland on the uplands", "Adfer mawndir ar yr ucheldir"),
    ("Welsh taster courses for partners’ staff", "Cyrsiau blasu Cymraeg i staff partneriaid"),
    ("Welsh-medium childcare places", "Lleoedd gofal plant cyfrwng Cymraeg"),
    ("Bilingual signs on every partner site", "Arwyddion dwyieithog ar bob safle partner"),
    ("Festival of local culture", "Gŵyl diwylliant lleol"),
    ("Welsh in the workplace mentors", "Mentoriaid Cymraeg yn y gweithle"),
    ("Young people’s arts programme", "Rhaglen gelfyddydau pobl ifanc"),
]


# Which priority each action above serves.
THEMES = [0] * 5 + [1] * 7 + [2] * 7 + [3] * 6


@dataclass(frozen=True)
class _Spec:
    card: str  # key of the card below
    question: str
    title_en: str
    title_cy: str
    unit: str
    polarity: str
    baseline: int
    outcome: str  # on, off or none (no data for the latest period)
    percentage: bool = False


CARDS = {
    # key: (body slug, kind, title en, title cy, population en, population cy)
    "children": (
        PSB_SLUG,
        "population",
        "Children have the best start in life",
        "Mae plant yn cael y dechrau gorau mewn bywyd",
        "Children aged 0 to 7 in Ceredigion",
        "Plant 0 i 7 oed yng Ngheredigion",
    ),
    "healthy": (
        "healthy-communities",
        "population",
        "People in Ceredigion are healthy and active",
        "Mae pobl Ceredigion yn iach ac yn weithgar",
        "Everyone living in Ceredigion",
        "Pawb sy’n byw yng Ngheredigion",
    ),
    "nature": (
        "climate-and-nature",
        "population",
        "Ceredigion’s nature is recovering",
        "Mae byd natur Ceredigion yn adfer",
        "The county’s land and sea",
        "Tir a môr y sir",
    ),
    "walking": (
        "healthy-communities",
        "performance",
        "Community walking groups",
        "Grwpiau cerdded cymunedol",
        "",
        "",
    ),
    "energy": (
        "climate-and-nature",
        "performance",
        "Community energy schemes",
        "Cynlluniau ynni cymunedol",
        "",
        "",
    ),
    "jobs": (
        PSB_SLUG,
        "performance",
        "Jobs and skills programme",
        "Rhaglen swyddi a sgiliau",
        "",
        "",
    ),
}

POPULATION = [
    _Spec(
        "children",
        "population",
        "Children reaching their developmental milestones at 27 months",
        "Plant sy’n cyrraedd eu cerrig milltir datblygiadol yn 27 mis",
        "%",
        "higher",
        82,
        "off",
        True,
    ),
    _Spec(
        "healthy",
        "population",
        "Adults who are active for 150 minutes a week",
        "Oedolion sy’n weithgar am 150 munud yr wythnos",
        "%",
        "higher",
        54,
        "on",
        True,
    ),
    _Spec(
        "nature",
        "population",
        "Rivers in good ecological status",
        "Afonydd mewn statws ecolegol da",
        "%",
        "higher",
        41,
        "off",
        True,
    ),
]
PERFORMANCE = [
    _Spec(
        "walking",
        "how_much",
        "Walks led",
        "Teithiau cerdded a arweiniwyd",
        "walks",
        "higher",
        120,
        "on",
    ),
    _Spec(
        "walking",
        "how_well",
        "Walkers who come back within a month",
        "Cerddwyr sy’n dod yn ôl o fewn mis",
        "%",
        "higher",
        58,
        "off",
        True,
    ),
    _Spec(
        "walking",
        "better_off",
        "Walkers who feel less lonely",
        "Cerddwyr sy’n teimlo’n llai unig",
        "%",
        "higher",
        45,
        "on",
        True,
    ),
    _Spec(
        "energy",
        "how_much",
        "Community energy installations",
        "Gosodiadau ynni cymunedol",
        "installations",
        "higher",
        12,
        "on",
    ),
    _Spec(
        "energy",
        "how_well",
        "Days from enquiry to installation",
        "Diwrnodau o ymholiad i osod",
        "days",
        "lower",
        180,
        "off",
    ),
    _Spec(
        "energy",
        "better_off",
        "Households paying less for energy",
        "Aelwydydd sy’n talu llai am ynni",
        "%",
        "higher",
        30,
        "none",
        True,
    ),
    _Spec(
        "jobs",
        "how_much",
        "People starting an apprenticeship",
        "Pobl sy’n dechrau prentisiaeth",
        "people",
        "higher",
        60,
        "on",
    ),
    _Spec(
        "jobs",
        "how_well",
        "Apprentices who complete",
        "Prentisiaid sy’n cwblhau",
        "%",
        "higher",
        70,
        "off",
        True,
    ),
    _Spec(
        "jobs",
        "better_off",
        "Apprentices in work six months later",
        "Prentisiaid mewn gwaith chwe mis yn ddiweddarach",
        "%",
        "higher",
        75,
        "on",
        True,
    ),
    _Spec(
        "jobs",
        "how_well",
        "Weeks waiting for a careers interview",
        "Wythnosau’n aros am gyfweliad gyrfaoedd",
        "weeks",
        "lower",
        6,
        "on",
    ),
]


def _values(spec: _Spec, periods: list[str], annual: bool) -> list[ValueRow]:
    """A curve that starts at the baseline and drifts the wrong way on its forecast; the
    target asks for steady improvement, and the actual ends on or off track as specified."""
    sign = 1 if spec.polarity == "higher" else -1
    base = Decimal(spec.baseline)
    step = max(base / 40, Decimal("0.5"))
    rows = []
    for n, period in enumerate(periods, start=1):
        forecast = base - sign * step * n / 3
        target = base + sign * step * n / 2
        wobble = Decimal((n * 7) % 5 - 2) * step / 4
        if spec.outcome == "on":
            actual = target + sign * step / 2 + wobble
        else:
            actual = base + sign * step * n / 4 + wobble
        if n == len(periods) and spec.outcome == "off":
            actual = target - sign * step * 2
        actual_value: Decimal | None = actual.quantize(Decimal("0.01"))
        numerator = denominator = None
        if n == len(periods) and spec.outcome == "none":
            actual_value = None
        elif spec.percentage and actual_value is not None:
            denominator = Decimal(400 if annual else 200)
            numerator = (actual_value * denominator / 100).quantize(Decimal(1))
            actual_value = (numerator * 100 / denominator).quantize(Decimal("0.01"))
        rows.append(
            ValueRow(
                period,
                actual=actual_value,
                target=target.quantize(Decimal("0.01")),
                forecast=forecast.quantize(Decimal("0.01")),
                numerator=numerator,
                denominator=denominator,
            )
        )
    return rows


def _periods(frequency: str, today: date, count: int) -> tuple[str, list[str]]:
    last = curves.latest_due_period(frequency, today)
    first = curves.Period(last.frequency, last.index - count)
    return first.label, [
        curves.Period(last.frequency, first.index + n).label for n in range(1, count + 1)
    ]


def _lead(organisation: Organisation) -> Person | None:
    return Person.objects.filter(affiliations__organisation=organisation).order_by("pk").first()


@transaction.atomic
def load_demo() -> None:
    """Create the demo plan and report cards. Does nothing if they exist already."""
    psb = PartnershipBody.objects.filter(slug=PSB_SLUG).first()
    dafydd = User.objects.filter(email="dafydd@ceredigion-council.example").first()
    if psb is None or dafydd is None or Plan.objects.filter(body=psb).exists():
        return
    today = timezone.localdate()
    bodies = {b.slug: b for b in PartnershipBody.objects.filter(slug__in=[PSB_SLUG, *SUB_GROUPS])}
    publics = list(
        Organisation.objects.filter(kind__in=["public_body", "infrastructure"]).order_by("name_en")
    )
    council = Organisation.objects.get(name_en="Ceredigion County Council")
    cvc = Organisation.objects.get(name_en="Ceredigion Association of Voluntary Organisations")

    plan = actions.create_plan(
        dafydd,
        psb,
        {
            "kind": Plan.Kind.WELLBEING,
            "title_en": "Ceredigion Local Well-being Plan 2023 to 2028",
            "title_cy": "Cynllun Llesiant Lleol Ceredigion 2023 i 2028",
            "summary_en": "How the Public Services Board’s members will work together on four well-being objectives, from the well-being assessment of 2022.",
            "summary_cy": "Sut bydd aelodau’r Bwrdd Gwasanaethau Cyhoeddus yn cydweithio ar bedwar amcan llesiant, o asesiad llesiant 2022.",
            "starts_on": date(2023, 5, 1),
            "ends_on": date(2028, 4, 30),
        },
    )
    # The needs assessment: six candidates, four shortlisted (the priorities), two not.
    priorities = []
    for title_en, title_cy, description, goals in PRIORITIES:
        candidate = actions.add_candidate(
            dafydd,
            plan,
            {
                "title_en": title_en,
                "title_cy": title_cy,
                "evidence": description,
                "source": "Ceredigion well-being assessment 2022",
            },
        )
        decided = actions.decide_candidate(
            dafydd,
            candidate,
            "shortlisted",
            "Strong evidence of need, and the members can do more together than alone.",
        )
        assert decided.priority is not None
        priority = decided.priority
        priority.description_en = description
        actions.tag_priority(dafydd, priority, Outcome.objects.filter(code__in=goals))
        priorities.append(priority)
    for title, reason in [
        ("Town centre parking", "A matter for the council alone, not the partnership."),
        ("Broadband in the uplands", "Led nationally; the board will watch it, not plan it."),
    ]:
        candidate = actions.add_candidate(
            dafydd,
            plan,
            {
                "title_en": title,
                "evidence": "Engagement survey 2022",
                "source": "Ceredigion engagement survey",
            },
        )
        actions.decide_candidate(dafydd, candidate, "not_shortlisted", reason)

    created: list[Action] = []
    for n, ((status, days), (title_en, title_cy)) in enumerate(
        zip(ACTION_PLAN, ACTION_TITLES, strict=True)
    ):
        owner = publics[n % len(publics)]
        partnership = n % 3 == 0
        partners = [o for o in (council, cvc) if o != owner][:2] if partnership else []
        action = actions.create_action(
            dafydd,
            priorities[THEMES[n]],
            {
                "title_en": title_en,
                "title_cy": title_cy,
                "owner": owner,
                "lead": _lead(owner),
                "due_on": today + timedelta(days=days),
                "status": "not_started",
                "delivery": Action.Delivery.PARTNERSHIP if partnership else Action.Delivery.SINGLE,
            },
            partners,
        )
        if status != "not_started":
            actions.record_progress(
                dafydd,
                action,
                "Progress reported to the board support officer.",
                status,
                today - timedelta(days=7),
            )
        created.append(action)
    actions.publish_plan(dafydd, plan, today - timedelta(days=400))

    cards = {}
    for key, (slug, kind, title_en, title_cy, population_en, population_cy) in CARDS.items():
        cards[key] = actions.create_card(
            dafydd,
            bodies[slug],
            {
                "kind": kind,
                "title_en": title_en,
                "title_cy": title_cy,
                "population_en": population_en,
                "population_cy": population_cy,
                "published": True,
            },
        )
    for spec in POPULATION + PERFORMANCE:
        annual = spec.question == "population"
        frequency = "annual" if annual else "quarterly"
        baseline_period, periods = _periods(frequency, today, 3 if annual else 12)
        card = cards[spec.card]
        linked = (
            [a for a in created if a.priority.plan_id == plan.pk][:2]
            if spec.outcome == "off"
            else []
        )
        measure = actions.add_measure(
            dafydd,
            card,
            {
                "question": spec.question,
                "title_en": spec.title_en,
                "title_cy": spec.title_cy,
                "unit": spec.unit,
                "is_percentage": spec.percentage,
                "polarity": spec.polarity,
                "frequency": frequency,
                "baseline_period": baseline_period,
                "baseline_value": Decimal(spec.baseline),
                "data_source": "Ceredigion PSB performance framework"
                if not annual
                else "National Survey for Wales",
                "story_en": "Demand rose after the pandemic while partners’ budgets fell; the curve flattened in the last year."
                if spec.outcome == "off"
                else "",
                "partners_en": "The council, the health board, the CVC and the community groups that run the sessions."
                if spec.outcome == "off"
                else "",
                "what_works_en": "Sessions close to home, led by volunteers, and a personal invitation."
                if spec.outcome == "off"
                else "",
            },
            linked,
        )
        actions.set_values(dafydd, measure, _values(spec, periods, annual))

    for title, sender, received, due, status in [
        (
            "Ministerial letter on childhood obesity",
            "Minister for Health and Social Services",
            -80,
            -50,
            "answered",
        ),
        (
            "Information sharing protocol: consultation",
            "Welsh Government, Local Government Division",
            -40,
            -5,
            "open",
        ),
        ("Armed Forces Covenant: request for information", "Welsh Government", -10, 20, "open"),
        (
            "Anti-poverty workstream: survey of boards",
            "Welsh Government, Tackling Poverty Team",
            -120,
            -90,
            "answered",
        ),
    ]:
        request = actions.log_request(
            dafydd,
            psb,
            {
                "kind": GovernmentRequest.Kind.CONSULTATION
                if "consultation" in title
                else GovernmentRequest.Kind.LETTER
                if "letter" in title.lower()
                else GovernmentRequest.Kind.INFORMATION,
                "title": title,
                "sender": sender,
                "received_on": today + timedelta(days=received),
                "owner": council,
                "due_on": today + timedelta(days=due),
            },
        )
        if status == "answered":
            actions.answer_request(
                dafydd,
                request,
                "The board agreed a response at its meeting.",
                today + timedelta(days=due - 3),
            )
