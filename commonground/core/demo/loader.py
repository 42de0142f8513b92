"""Builds the demo area. Deterministic: the same seed gives the same organisations and people."""

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from commonground.core import actions
from commonground.core.demo.data import FAMILY_NAMES, GIVEN_NAMES, KINDS, TOWNS
from commonground.core.models import (
    Affiliation,
    Area,
    BeneficiaryGroup,
    Membership,
    Organisation,
    Person,
    RoleAssignment,
    Theme,
    User,
)
from commonground.core.reference import load_reference_data

DEMO_PASSWORD = "commonground-demo"  # noqa: S105  (printed by the setup command on purpose)
DEMO_AREA = "W06000008"  # Ceredigion
SEED = 2026
THIRD_SECTOR_COUNT = 160


@dataclass(frozen=True)
class Persona:
    email: str
    given_name: str
    family_name: str
    description: str
    language: str = "en"


PERSONAS = [
    Persona("admin@commonground.example", "Alex", "Hughes", "area admin and site administrator"),
    Persona(
        "sian@cavo.example",
        "Siân",
        "Jenkins",
        "partnerships officer at the CVC (infrastructure staff)",
        "cy",
    ),
    Persona(
        "gareth@aberystwyth-foodbank.example",
        "Gareth",
        "Evans",
        "manager of Aberystwyth Food Bank (organisation admin)",
    ),
    Persona(
        "rhian@ceredigion-council.example",
        "Rhian",
        "Morgan",
        "commissioner at Ceredigion County Council (public-body officer)",
    ),
    Persona(
        "dafydd@ceredigion-council.example",
        "Dafydd",
        "Price",
        "board support officer for the Public Services Board",
    ),
    Persona("meera@wcva.example", "Meera", "Shah", "programme manager at WCVA (national viewer)"),
]

# (name en, name cy, kind, legal form, identifier, income band)
PUBLIC_AND_INFRASTRUCTURE = [
    (
        "Ceredigion Association of Voluntary Organisations",
        "Cymdeithas Mudiadau Gwirfoddol Ceredigion",
        "infrastructure",
        "charitable_company",
        "GB-CHC-1094512",
        "medium",
    ),
    (
        "Ceredigion County Council",
        "Cyngor Sir Ceredigion",
        "public_body",
        "statutory",
        "GB-PLA-CGN",
        "major",
    ),
    (
        "Hywel Dda University Health Board",
        "Bwrdd Iechyd Prifysgol Hywel Dda",
        "public_body",
        "statutory",
        "GB-NHS-7A2",
        "major",
    ),
    ("Dyfed-Powys Police", "Heddlu Dyfed-Powys", "public_body", "statutory", None, "major"),
    (
        "Mid and West Wales Fire and Rescue Service",
        "Gwasanaeth Tân ac Achub Canolbarth a Gorllewin Cymru",
        "public_body",
        "statutory",
        None,
        "major",
    ),
    (
        "Natural Resources Wales",
        "Cyfoeth Naturiol Cymru",
        "public_body",
        "statutory",
        None,
        "major",
    ),
    (
        "Wales Council for Voluntary Action",
        "Cyngor Gweithredu Gwirfoddol Cymru",
        "infrastructure",
        "charitable_company",
        "GB-CHC-1142582",
        "large",
    ),
]


def _person(rng: random.Random) -> Person:
    return Person.objects.create(
        given_name=rng.choice(GIVEN_NAMES), family_name=rng.choice(FAMILY_NAMES)
    )


def _third_sector(rng: random.Random, area: Area, neighbours: list[Area]) -> list[dict[str, Any]]:
    """Distinct town and kind pairs, always including Aberystwyth Food Bank for Gareth."""
    pairs = [(t, k) for t in TOWNS for k in KINDS]
    rng.shuffle(pairs)
    food_bank = (TOWNS[0], KINDS[0])
    chosen = [food_bank, *[p for p in pairs if p != food_bank][: THIRD_SECTOR_COUNT - 1]]
    themes = {t.slug: t for t in Theme.objects.all()}
    groups = {g.slug: g for g in BeneficiaryGroup.objects.all()}
    rows = []
    for number, ((town_en, town_cy, district), kind) in enumerate(chosen):
        suffix, prefix, legal_form, bands, theme_slugs, group_slugs, purpose_en, purpose_cy = kind
        name_en, name_cy = f"{town_en} {suffix}", f"{prefix} {town_cy}"
        registered = legal_form in {"cio", "charitable_company"}
        identifier = None
        if registered:
            identifier = f"GB-CHC-{1_100_000 + number * 379}"
        elif legal_form in {"cic", "company"}:
            identifier = f"GB-COH-{10_000_000 + number * 7919}"
        elif legal_form == "society":
            identifier = f"GB-MPR-{30_000 + number}R"
        served = [area, *rng.sample(neighbours, k=rng.choice([0, 0, 0, 1, 2]))]
        rows.append(
            {
                "name_en": name_en,
                "name_cy": name_cy,
                "kind": Organisation.Kind.THIRD_SECTOR,
                "legal_form": legal_form,
                "identifier": identifier,
                "description_en": f"{name_en} {purpose_en}",
                "description_cy": f"Mae {name_cy} {purpose_cy}",
                "income_band": rng.choice(bands),
                "area": area,
                "areas_served": served,
                "themes": [themes[s] for s in theme_slugs],
                "beneficiary_groups": [groups[s] for s in group_slugs],
                "welsh_language": rng.choices(["none", "some", "full"], weights=[2, 5, 3])[0],
                "constituted": registered or rng.random() < 0.85,
                "founded_on": date(rng.randint(1950, 2024), rng.randint(1, 12), rng.randint(1, 28)),
                "email": f"hello@{name_en.lower().replace(' ', '-').replace(chr(39), '')}.example",
                "postcode": f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "public_listing": rng.random() < 0.92,
            }
        )
    return rows


@transaction.atomic
def load_demo() -> list[Persona]:
    """Create the demo area. Does nothing if it exists already."""
    load_reference_data()
    if User.objects.filter(email=PERSONAS[0].email).exists():
        return PERSONAS
    rng = random.Random(SEED)
    area = Area.objects.get(code=DEMO_AREA)
    neighbours = list(Area.objects.filter(code__in=["W06000023", "W06000010", "W06000009"]))
    password = make_password(DEMO_PASSWORD)

    users: dict[str, User] = {}
    people: dict[str, Person] = {}
    for persona in PERSONAS:
        person = Person.objects.create(
            given_name=persona.given_name, family_name=persona.family_name, email=persona.email
        )
        people[persona.email] = person
        users[persona.email] = User.objects.create(
            email=persona.email,
            person=person,
            password=password,
            preferred_language=persona.language,
            email_confirmed_at=timezone.now(),  # the demo's people have followed their links
        )
    admin = users[PERSONAS[0].email]
    admin.is_staff = admin.is_superuser = True
    admin.save()

    bodies = {}
    for name_en, name_cy, kind, legal_form, identifier, band in PUBLIC_AND_INFRASTRUCTURE:
        home = Area.objects.get(code="W06000015") if name_en.startswith("Wales Council") else area
        bodies[name_en] = actions.create_organisation(
            admin,
            {
                "name_en": name_en,
                "name_cy": name_cy,
                "kind": kind,
                "legal_form": legal_form,
                "identifier": identifier,
                "income_band": band,
                "area": home,
                "areas_served": [home],
                "welsh_language": "full",
                "constituted": True,
                "public_listing": True,
                "description_en": f"{name_en} works across {home.name_en}.",
                "description_cy": f"Mae {name_cy} yn gweithio ledled {home.name_cy}.",
            },
        )
    cvc = bodies[PUBLIC_AND_INFRASTRUCTURE[0][0]]
    council = bodies["Ceredigion County Council"]
    area.infrastructure_body = cvc
    area.save()

    roles = [
        ("admin@commonground.example", RoleAssignment.Role.AREA_ADMIN, area, None),
        ("sian@cavo.example", RoleAssignment.Role.INFRASTRUCTURE_STAFF, area, None),
        (
            "rhian@ceredigion-council.example",
            RoleAssignment.Role.PUBLIC_BODY_OFFICER,
            area,
            council,
        ),
        (
            "dafydd@ceredigion-council.example",
            RoleAssignment.Role.BOARD_SUPPORT_OFFICER,
            area,
            council,
        ),
        ("meera@wcva.example", RoleAssignment.Role.NATIONAL_VIEWER, None, None),
    ]
    for email, role, role_area, organisation in roles:
        RoleAssignment.objects.create(
            user=users[email], role=role, area=role_area, organisation=organisation
        )
    staff_links = [
        ("sian@cavo.example", cvc),
        ("rhian@ceredigion-council.example", council),
        ("dafydd@ceredigion-council.example", council),
        ("meera@wcva.example", bodies["Wales Council for Voluntary Action"]),
    ]
    for email, organisation in staff_links:
        Affiliation.objects.create(person=people[email], organisation=organisation, role="staff")

    levels = list(Membership.EngagementLevel.values)
    for index, row in enumerate(_third_sector(rng, area, neighbours)):
        organisation = actions.create_organisation(admin, row)
        if index == 0:
            manager = people["gareth@aberystwyth-foodbank.example"]
        else:
            manager = _person(rng)
            manager.email = f"contact-{index}@{row['email'].split('@')[1]}"
            manager.save()
            User.objects.create(
                email=manager.email,
                person=manager,
                password=password,
                email_confirmed_at=timezone.now(),
            )
        Affiliation.objects.create(
            person=manager, organisation=organisation, role="staff", title="Manager", is_admin=True
        )
        for _ in range(rng.randint(0, 2)):
            Affiliation.objects.create(
                person=_person(rng),
                organisation=organisation,
                role=rng.choice(["trustee", "volunteer"]),
            )
        if index == 0 or rng.random() < 0.75:
            actions.join_infrastructure_body(
                admin,
                organisation,
                cvc,
                Membership.EngagementLevel.REPRESENT if index == 0 else rng.choice(levels),
                date(rng.randint(2005, 2025), rng.randint(1, 12), 1),
            )

    for name in ["Teifi Valley Care Ltd", "Cambrian Coast Builders Ltd", "Rheidol Digital Ltd"]:
        actions.create_organisation(
            admin,
            {
                "name_en": name,
                "kind": Organisation.Kind.PRIVATE,
                "legal_form": Organisation.LegalForm.OTHER,
                "area": area,
                "public_listing": True,
                "description_en": f"{name} is a local business.",
            },
        )
    return PERSONAS
