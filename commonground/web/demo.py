"""Two more demo areas, Cardiff and Gwynedd, so that the national view compares real figures.

Each gets its county voluntary council and council, a dozen member organisations with admin
accounts, a public services board with two sub-groups and their seats (one filled, one with
an election in progress, one vacant), and two open consultations (one meeting the compact
window, one shorter with a recorded reason). Everything goes through the apps' verbs, as the
site administrator. Deterministic (fixed names, dates relative to today) and idempotent.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from commonground.core import actions as core
from commonground.core.demo.loader import DEMO_PASSWORD
from commonground.core.models import Affiliation, Area, Membership, Organisation, Person, User
from commonground.engagement import actions as engagement
from commonground.partnerships import actions as partnerships
from commonground.partnerships.models import PartnershipBody, Seat, SeatHolding
from commonground.representation import actions as representation
from commonground.representation.models import Election, Vacancy


@dataclass(frozen=True)
class DemoArea:
    code: str
    slug: str
    cvc: tuple[str, str]
    council: tuple[str, str]
    psb: tuple[str, str]
    groups: tuple[tuple[str, str], tuple[str, str]]
    organisations: tuple[str, ...]
    domain: str


AREAS = [
    DemoArea(
        code="W06000015",
        slug="cardiff",
        cvc=("Cardiff Third Sector Council", "Cyngor Trydydd Sector Caerdydd"),
        council=("Cardiff Council", "Cyngor Caerdydd"),
        psb=("Cardiff Public Services Board", "Bwrdd Gwasanaethau Cyhoeddus Caerdydd"),
        groups=(
            ("Cardiff Healthy Lives Partnership", "Partneriaeth Bywydau Iach Caerdydd"),
            ("Cardiff Safer Communities Group", "Grŵp Cymunedau Mwy Diogel Caerdydd"),
        ),
        organisations=(
            "Butetown Community Kitchen",
            "Splott Youth Project",
            "Grangetown Carers Circle",
            "Roath Mill Gardeners",
            "Ely Families Together",
            "Cathays Refugee Welcome",
            "Llanrumney Boxing Club",
            "Canton Older People's Forum",
            "Adamsdown Advice Centre",
            "Riverside Arts Collective",
            "Pentwyn Community Transport",
            "Whitchurch Mental Health Friends",
        ),
        domain="cardiff.example",
    ),
    DemoArea(
        code="W06000002",
        slug="gwynedd",
        cvc=("Gwynedd Council for Voluntary Service", "Cyngor Gwasanaeth Gwirfoddol Gwynedd"),
        council=("Gwynedd Council", "Cyngor Gwynedd"),
        psb=("Gwynedd Public Services Board", "Bwrdd Gwasanaethau Cyhoeddus Gwynedd"),
        groups=(
            ("Gwynedd Welsh Language Forum", "Fforwm Iaith Gymraeg Gwynedd"),
            ("Gwynedd Rural Poverty Group", "Grŵp Tlodi Gwledig Gwynedd"),
        ),
        organisations=(
            "Caernarfon Food Share",
            "Bala Lake Rowing Club",
            "Pwllheli Carers Network",
            "Dolgellau Men's Shed",
            "Bangor Student Volunteers",
            "Porthmadog Heritage Trust",
            "Blaenau Ffestiniog Community Hub",
            "Llŷn Coast Litter Pickers",
            "Bethesda Youth Theatre",
            "Tywyn Community Energy",
            "Harlech Walking Group",
            "Nefyn Village Hall",
        ),
        domain="gwynedd.example",
    ),
]


def _organisation(admin: User, area: Area, name: tuple[str, str], kind: str) -> Organisation:
    return core.create_organisation(
        admin,
        {
            "name_en": name[0],
            "name_cy": name[1],
            "kind": kind,
            "legal_form": Organisation.LegalForm.STATUTORY
            if kind == Organisation.Kind.PUBLIC_BODY
            else Organisation.LegalForm.CHARITABLE_COMPANY,
            "area": area,
            "areas_served": [area],
            "welsh_language": Organisation.WelshLanguage.FULL,
            "constituted": True,
            "public_listing": True,
            "founded_on": date(1995, 4, 1),
        },
    )


def _members(admin: User, demo: DemoArea, area: Area, cvc: Organisation) -> list[User]:
    """The area's third sector organisations, each with one admin account; every third one
    joins at the information level, the rest can stand and vote."""
    password = make_password(DEMO_PASSWORD)
    admins = []
    for index, name in enumerate(demo.organisations):
        slug = name.lower().replace("'", "").replace(" ", "-")
        organisation = core.create_organisation(
            admin,
            {
                "name_en": name,
                "kind": Organisation.Kind.THIRD_SECTOR,
                "legal_form": Organisation.LegalForm.CIO,
                "area": area,
                "areas_served": [area],
                "constituted": True,
                "founded_on": date(2000 + index, 1 + index % 12, 1),
                "public_listing": index % 5 != 4,
                "email": f"hello@{slug}.{demo.domain}",
                "description_en": f"{name} is a community organisation in {area.name_en}.",
            },
        )
        person = Person.objects.create(
            given_name=["Alys", "Bryn", "Ceri", "Dewi"][index % 4],
            family_name=["Evans", "Hughes", "Parry", "Lloyd", "Owen", "Price"][index % 6],
            email=f"admin@{slug}.{demo.domain}",
        )
        user = User.objects.create(
            email=person.email, person=person, password=password, email_confirmed_at=timezone.now()
        )
        Affiliation.objects.create(
            person=person, organisation=organisation, role="staff", title="Manager", is_admin=True
        )
        level = (
            Membership.EngagementLevel.INFORMATION
            if index % 3 == 2
            else Membership.EngagementLevel.REPRESENT
        )
        core.join_infrastructure_body(admin, organisation, cvc, level, date(2015, 1 + index, 1))
        admins.append(user)
    return admins


def _body(
    admin: User,
    area: Area,
    name: tuple[str, str],
    kind: str,
    convenor: Organisation,
    parent: PartnershipBody | None,
) -> PartnershipBody:
    return partnerships.create_body(
        admin,
        {
            "name_en": name[0],
            "name_cy": name[1],
            "kind": kind,
            "parent": parent,
            "convenor": convenor,
            "meeting_frequency": PartnershipBody.Frequency.QUARTERLY,
            "terms_of_reference_en": f"Improves well-being in {area.name_en}, with the third sector at the table.",
            "terms_of_reference_cy": f"Yn gwella llesiant yn {area.name_cy}, gyda’r trydydd sector wrth y bwrdd.",
        },
        [area],
    )


def _sector_seat(admin: User, body: PartnershipBody) -> Seat:
    partnerships.add_seat(
        admin,
        body,
        {"name_en": "Council seat", "name_cy": "Sedd y cyngor", "kind": Seat.Kind.EX_OFFICIO},
    )
    return partnerships.add_seat(
        admin,
        body,
        {
            "name_en": "Third sector seat",
            "name_cy": "Sedd y trydydd sector",
            "kind": Seat.Kind.SECTOR,
            "term_months": 24,
            "max_consecutive_terms": 2,
        },
    )


def _election(admin: User, seat: Seat, nominees: list[User], area: Area) -> Election:
    """A vacancy advertised, three nominations validated and voting open: no vote cast yet."""
    vacancy = representation.advertise_vacancy(
        admin,
        seat,
        role_description_en=f"Represent {area.name_en}'s third sector on {seat.body.name_en} and report back after each meeting.",
        role_description_cy=f"Cynrychioli trydydd sector {area.name_cy} ar {seat.body.name_cy} ac adrodd yn ôl ar ôl pob cyfarfod.",
    )
    for user in nominees:
        assert user.person is not None
        organisation = Organisation.objects.get(affiliations__person=user.person)
        representation.submit_nomination(
            user,
            vacancy,
            organisation,
            user.person,
            "I will listen to small groups, read every paper and report back within a week.",
        )
    for nomination in vacancy.nominations.all():
        representation.validate_nomination(admin, nomination, accept=True)
    # Nominations closed yesterday after the full window, which moves back with it.
    yesterday = timezone.localdate() - timedelta(days=1)
    Vacancy.objects.filter(pk=vacancy.pk).update(
        opens_on=yesterday - (vacancy.closes_on - vacancy.opens_on), closes_on=yesterday
    )
    vacancy.refresh_from_db()
    representation.close_nominations(admin, vacancy, method=Election.Method.SCOTTISH)
    return representation.open_voting(admin, Election.objects.get(vacancy=vacancy))


def _consultations(admin: User, council: Organisation, area: Area) -> None:
    today = timezone.localdate()
    plans = [
        (
            (f"{area.name_en} well-being plan", f"Cynllun llesiant {area.name_cy}"),
            today - timedelta(days=14),
            today + timedelta(days=84 - 15),
            "",
        ),
        (
            (f"{area.name_en} winter grants", f"Grantiau gaeaf {area.name_cy}"),
            today - timedelta(days=7),
            today + timedelta(days=35),
            "The grants must be agreed before the winter.",
        ),
    ]
    for (title_en, title_cy), opens_on, closes_on, reason in plans:
        consultation = engagement.create_consultation(
            admin,
            council,
            {
                "title_en": title_en,
                "title_cy": title_cy,
                "summary_en": "Tell us what matters to your community.",
                "summary_cy": "Dywedwch wrthym beth sy’n bwysig i’ch cymuned.",
                "opens_on": opens_on,
                "closes_on": closes_on,
                "feedback_due_on": closes_on + timedelta(days=60),
                "short_period_reason_en": reason,
                "short_period_reason_cy": "Rhaid cytuno ar y grantiau cyn y gaeaf."
                if reason
                else "",
            },
        )
        engagement.add_question(
            admin,
            consultation,
            {
                "text_en": "What should we do first?",
                "text_cy": "Beth ddylem ni ei wneud gyntaf?",
                "kind": "free_text",
            },
        )
        engagement.publish_consultation(admin, consultation)


def _load_area(admin: User, demo: DemoArea) -> None:
    area = Area.objects.get(code=demo.code)
    cvc = _organisation(admin, area, demo.cvc, Organisation.Kind.INFRASTRUCTURE)
    council = _organisation(admin, area, demo.council, Organisation.Kind.PUBLIC_BODY)
    area.infrastructure_body = cvc
    area.save()
    admins = _members(admin, demo, area, cvc)
    psb = _body(admin, area, demo.psb, PartnershipBody.Kind.PSB, council, None)
    filled = _sector_seat(admin, psb)
    holder = admins[0]
    assert holder.person is not None
    partnerships.appoint_holder(
        admin,
        filled,
        person=holder.person,
        organisation=Organisation.objects.get(affiliations__person=holder.person),
        route=SeatHolding.Route.ELECTED,
        starts_on=timezone.localdate() - timedelta(days=200),
    )
    first, second = (
        _body(admin, area, name, PartnershipBody.Kind.SUB_GROUP, council, psb)
        for name in demo.groups
    )
    _election(admin, _sector_seat(admin, first), [admins[1], admins[3], admins[4]], area)
    _sector_seat(admin, second)  # vacant, not yet advertised: a gap in the coverage
    _consultations(admin, council, area)


@transaction.atomic
def load_demo() -> None:
    """Create the Cardiff and Gwynedd demo areas. Does nothing if they exist already."""
    admin = User.objects.filter(email="admin@commonground.example", is_superuser=True).first()
    if admin is None:
        return
    for demo in AREAS:
        if Organisation.objects.filter(name_en=demo.cvc[0]).exists():
            continue
        _load_area(admin, demo)
