"""Demo services for the demo area (Ceredigion). Deterministic and idempotent.

Every listed organisation gets one or more services at a fictional address in its real
town, with opening times, ages and taxonomy terms, so that distance and opening-time
filters have something to show.
"""

import random
import uuid
from typing import Any

from django.db import transaction

from commonground.core.demo.data import TOWNS
from commonground.core.models import Area, Organisation
from commonground.directory import actions, oruk_records, postcodes, search
from commonground.directory.models import OrganisationProfile, Service, TaxonomyTerm
from commonground.interop.oruk import empty_tables

NAMESPACE = uuid.UUID("5b0f3c4e-2d7a-4a51-9a43-0c8e7d9b6a10")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy")

# Real town centres; the street addresses below are made up.
TOWN_POINTS = {
    "Aberystwyth": (52.4153, -4.0829, "SY23 1AA"),
    "Cardigan": (52.0836, -4.6614, "SA43 1AA"),
    "Lampeter": (52.1128, -4.0809, "SA48 7AA"),
    "Aberaeron": (52.2430, -4.2590, "SA46 0AA"),
    "New Quay": (52.2146, -4.3593, "SA45 9AA"),
    "Tregaron": (52.2197, -3.9330, "SY25 6AA"),
    "Llandysul": (52.0410, -4.3100, "SA44 4AA"),
    "Borth": (52.4870, -4.0500, "SY24 5AA"),
    "Llan-non": (52.2850, -4.1900, "SY23 5NF"),
    "Talybont": (52.4860, -4.0160, "SY24 5TE"),
    "Penparcau": (52.4000, -4.0770, "SY23 3BQ"),
    "Llanarth": (52.1890, -4.3050, "SA47 0AA"),
    "Newcastle Emlyn": (52.0390, -4.4650, "SA38 9AA"),
    "Devil's Bridge": (52.3760, -3.8470, "SY23 3TL"),
    "Bow Street": (52.4450, -4.0270, "SY24 5LP"),
}
WELSH_TOWNS = {en: cy for en, cy, _ in TOWNS}

# slug, English, Welsh
TERMS = [
    ("food", "Food and essentials", "Bwyd a hanfodion"),
    ("money", "Money and debt advice", "Cyngor ar arian a dyled"),
    ("social", "Social activities and company", "Gweithgareddau cymdeithasol a chwmni"),
    ("young", "Activities for children and young people", "Gweithgareddau i blant a phobl ifanc"),
    ("carers", "Support for carers", "Cymorth i ofalwyr"),
    ("mental", "Mental health and wellbeing", "Iechyd meddwl a lles"),
    ("housing", "Housing", "Tai"),
    ("transport", "Transport", "Trafnidiaeth"),
    ("environment", "Environment and green spaces", "Yr amgylchedd a mannau gwyrdd"),
    ("culture", "Arts, music and heritage", "Celfyddydau, cerddoriaeth a threftadaeth"),
    ("sport", "Sport and exercise", "Chwaraeon ac ymarfer corff"),
    ("advice", "Advice and advocacy", "Cyngor ac eiriolaeth"),
    ("work", "Work and skills", "Gwaith a sgiliau"),
    ("safety", "Safety and abuse support", "Diogelwch a chymorth rhag camdriniaeth"),
    ("health", "Health services", "Gwasanaethau iechyd"),
    ("council", "Council services", "Gwasanaethau'r cyngor"),
]

AUDIENCES = [
    ("children", "Children and families", "Plant a theuluoedd"),
    ("adults", "Adults", "Oedolion"),
    ("older", "Older people", "Pobl hŷn"),
    ("everyone", "Everyone", "Pawb"),
]
EXTRA_TAXONOMIES = [
    ("audience", "Commonground audiences", "Who a service is for.", AUDIENCES),
    (
        "delivery",
        "Commonground delivery",
        "How a service is delivered.",
        [
            ("in-person", "In person", "Wyneb yn wyneb"),
            ("phone", "By phone", "Dros y ffôn"),
            ("online", "Online", "Ar-lein"),
        ],
    ),
]


def _audience(low: int | None, high: int | None) -> str:
    if high is not None and high <= 25:
        return "children"
    if low is not None and low >= 60:
        return "older"
    if low is not None and low >= 16:
        return "adults"
    return "everyone"


# organisation suffix: (service en, service cy, term, min age, max age, days, opens, closes)
SERVICES: dict[str, tuple[str, str, str, int | None, int | None, str, str, str]] = {
    "Food Bank": (
        "Emergency food parcels",
        "Parseli bwyd brys",
        "food",
        None,
        None,
        "MO,WE,FR",
        "10:00",
        "14:00",
    ),
    "Men's Shed": (
        "Workshop sessions",
        "Sesiynau gweithdy",
        "social",
        18,
        None,
        "TU,TH",
        "09:30",
        "15:30",
    ),
    "Youth Club": (
        "Youth club nights",
        "Nosweithiau clwb ieuenctid",
        "young",
        11,
        18,
        "TU,FR",
        "18:00",
        "21:00",
    ),
    "Community Hall": (
        "Community hall hire",
        "Llogi'r neuadd gymunedol",
        "social",
        None,
        None,
        "MO,TU,WE,TH,FR,SA",
        "09:00",
        "22:00",
    ),
    "Carers' Group": (
        "Carers' support meetings",
        "Cyfarfodydd cymorth i ofalwyr",
        "carers",
        16,
        None,
        "WE",
        "10:30",
        "12:30",
    ),
    "Credit Union": (
        "Savings and affordable loans",
        "Cynilion a benthyciadau fforddiadwy",
        "money",
        16,
        None,
        "MO,TH",
        "10:00",
        "16:00",
    ),
    "Dementia Café": (
        "Dementia café mornings",
        "Boreau caffi dementia",
        "social",
        None,
        None,
        "TH",
        "10:00",
        "12:00",
    ),
    "Tenants' Association": (
        "Tenants' advice surgery",
        "Cymhorthfa gyngor i denantiaid",
        "housing",
        18,
        None,
        "MO",
        "17:00",
        "19:00",
    ),
    "Young Farmers' Club": (
        "Young farmers' meetings",
        "Cyfarfodydd ffermwyr ifanc",
        "young",
        10,
        28,
        "WE",
        "19:30",
        "21:30",
    ),
    "Male Voice Choir": (
        "Choir rehearsals",
        "Ymarferion côr",
        "culture",
        16,
        None,
        "TU,TH",
        "19:30",
        "21:30",
    ),
    "Community Transport": (
        "Door-to-door community transport",
        "Trafnidiaeth gymunedol o ddrws i ddrws",
        "transport",
        None,
        None,
        "MO,TU,WE,TH,FR",
        "08:30",
        "17:00",
    ),
    "Mental Health Support Group": (
        "Peer support group",
        "Grŵp cymorth cymheiriaid",
        "mental",
        18,
        None,
        "MO",
        "18:30",
        "20:30",
    ),
    "Allotment Society": (
        "Allotment plots and seed swap",
        "Rhandiroedd a chyfnewid hadau",
        "environment",
        None,
        None,
        "SA,SU",
        "09:00",
        "17:00",
    ),
    "Wildlife Group": (
        "Guided wildlife walks",
        "Teithiau cerdded bywyd gwyllt",
        "environment",
        None,
        None,
        "SU",
        "10:00",
        "13:00",
    ),
    "Repair Café": (
        "Repair café",
        "Caffi trwsio",
        "environment",
        None,
        None,
        "SA",
        "10:00",
        "13:00",
    ),
    "Playgroup": (
        "Welsh-medium playgroup",
        "Cylch chwarae cyfrwng Cymraeg",
        "young",
        2,
        4,
        "MO,TU,WE,TH,FR",
        "09:00",
        "12:00",
    ),
    "Rugby Football Club": (
        "Junior and senior rugby training",
        "Hyfforddiant rygbi iau a hŷn",
        "sport",
        6,
        None,
        "TU,TH",
        "18:00",
        "20:00",
    ),
    "Heritage Society": (
        "Local history talks",
        "Sgyrsiau hanes lleol",
        "culture",
        None,
        None,
        "WE",
        "19:00",
        "21:00",
    ),
    "Befriending Service": (
        "Telephone and home befriending",
        "Cyfeillio dros y ffôn ac yn y cartref",
        "social",
        60,
        None,
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    ),
    "Advocacy Project": (
        "Independent advocacy",
        "Eiriolaeth annibynnol",
        "advice",
        18,
        None,
        "MO,TU,WE,TH",
        "09:30",
        "16:30",
    ),
    "Refugee Welcome Group": (
        "Welcome drop-in",
        "Sesiwn galw heibio croeso",
        "advice",
        None,
        None,
        "SA",
        "11:00",
        "14:00",
    ),
    "Disability Forum": (
        "Disability access advice",
        "Cyngor ar fynediad i bobl anabl",
        "advice",
        None,
        None,
        "TH",
        "13:00",
        "16:00",
    ),
    "Veterans' Breakfast Club": (
        "Veterans' breakfast",
        "Brecwast cyn-filwyr",
        "social",
        18,
        None,
        "SA",
        "08:30",
        "10:30",
    ),
    "Community Energy": (
        "Home energy advice",
        "Cyngor ar ynni'r cartref",
        "money",
        18,
        None,
        "WE",
        "10:00",
        "15:00",
    ),
    "Employment Hub": (
        "Job search and CV help",
        "Help i chwilio am waith a CV",
        "work",
        16,
        None,
        "MO,TU,WE,TH,FR",
        "09:00",
        "16:00",
    ),
    "Women's Aid": (
        "Domestic abuse support",
        "Cymorth rhag cam-drin domestig",
        "safety",
        16,
        None,
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    ),
}

# Statutory services: (organisation name, en, cy, term, min, max, town, days, opens, closes)
STATUTORY = [
    (
        "Ceredigion County Council",
        "Council customer contact centre",
        "Canolfan gyswllt cwsmeriaid y cyngor",
        "council",
        None,
        None,
        "Aberaeron",
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    ),
    (
        "Ceredigion County Council",
        "Aberystwyth library",
        "Llyfrgell Aberystwyth",
        "council",
        None,
        None,
        "Aberystwyth",
        "MO,TU,WE,TH,FR,SA",
        "09:30",
        "17:30",
    ),
    (
        "Ceredigion County Council",
        "Housing options and homelessness",
        "Opsiynau tai a digartrefedd",
        "housing",
        16,
        None,
        "Aberystwyth",
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    ),
    (
        "Ceredigion County Council",
        "Adult social care assessment",
        "Asesiad gofal cymdeithasol i oedolion",
        "carers",
        18,
        None,
        "Lampeter",
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    ),
    (
        "Ceredigion County Council",
        "Family information service",
        "Gwasanaeth gwybodaeth i deuluoedd",
        "young",
        0,
        25,
        "Cardigan",
        "MO,TU,WE,TH",
        "09:00",
        "16:30",
    ),
    (
        "Hywel Dda University Health Board",
        "Bronglais Hospital minor injuries",
        "Mân anafiadau Ysbyty Bronglais",
        "health",
        None,
        None,
        "Aberystwyth",
        "MO,TU,WE,TH,FR,SA,SU",
        "08:00",
        "20:00",
    ),
    (
        "Hywel Dda University Health Board",
        "Community mental health team",
        "Tîm iechyd meddwl cymunedol",
        "mental",
        18,
        65,
        "Lampeter",
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    ),
    (
        "Hywel Dda University Health Board",
        "Cardigan Integrated Care Centre clinics",
        "Clinigau Canolfan Gofal Integredig Aberteifi",
        "health",
        None,
        None,
        "Cardigan",
        "MO,TU,WE,TH,FR",
        "08:30",
        "18:00",
    ),
    (
        "Dyfed-Powys Police",
        "Police front desk",
        "Desg flaen yr heddlu",
        "safety",
        None,
        None,
        "Aberystwyth",
        "MO,TU,WE,TH,FR,SA",
        "08:00",
        "18:00",
    ),
    (
        "Mid and West Wales Fire and Rescue Service",
        "Free home fire safety checks",
        "Gwiriadau diogelwch tân am ddim yn y cartref",
        "safety",
        None,
        None,
        "Aberaeron",
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    ),
    (
        "Natural Resources Wales",
        "Ynyslas visitor centre",
        "Canolfan ymwelwyr Ynyslas",
        "environment",
        None,
        None,
        "Borth",
        "SA,SU",
        "10:00",
        "16:00",
    ),
    (
        "Ceredigion Association of Voluntary Organisations",
        "Volunteering advice",
        "Cyngor ar wirfoddoli",
        "work",
        14,
        None,
        "Aberystwyth",
        "MO,TU,WE,TH",
        "09:30",
        "16:30",
    ),
]

STREETS = [
    "High Street",
    "Bridge Street",
    "Market Street",
    "Chapel Street",
    "Church Street",
    "North Road",
    "Station Road",
    "Pier Street",
]


def _id(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _town_of(name: str) -> str:
    for town in sorted(TOWN_POINTS, key=len, reverse=True):
        if name.startswith(town):
            return town
    return "Aberystwyth"


def _add_service(
    tables: dict[str, list[dict[str, Any]]],
    rng: random.Random,
    profile_id: str,
    key: str,
    name: str,
    term: str,
    low: int | None,
    high: int | None,
    town: str,
    days: str,
    opens: str,
    closes: str,
    description: str,
) -> str:
    sid = _id("service", key)
    lat, lon, postcode = TOWN_POINTS[town]
    service: dict[str, Any] = {
        "id": sid,
        "organization_id": profile_id,
        "name": name,
        "description": description,
        "status": "active",
        # Keys such as "statutory/3" are not host names: a slash would make the address invalid.
        "email": f"contact@{key.lower().replace(' ', '-').replace('/', '-').replace(chr(39), '')[:40]}.example",
    }
    if low is not None:
        service["minimum_age"] = low
    if high is not None:
        service["maximum_age"] = high
    tables["services"].append(service)
    lid = _id("location", key)
    tables["locations"].append(
        {
            "id": lid,
            "location_type": "physical",
            "name": f"{town}: {name}",
            "latitude": round(lat + rng.uniform(-0.004, 0.004), 5),
            "longitude": round(lon + rng.uniform(-0.006, 0.006), 5),
        }
    )
    tables["addresses"].append(
        {
            "id": _id("address", key),
            "location_id": lid,
            "address_1": f"{rng.randint(1, 60)} {rng.choice(STREETS)}",
            "city": town,
            "state_province": "Ceredigion",
            "postal_code": postcode,
            "country": "GB",
            "address_type": "physical",
        }
    )
    sal = _id("sal", key)
    tables["service_at_locations"].append({"id": sal, "service_id": sid, "location_id": lid})
    tables["schedules"].append(
        {
            "id": _id("schedule", key),
            "service_id": sid,
            "freq": "WEEKLY",
            "interval": 1,
            "byday": days,
            "opens_at": f"{opens}:00",
            "closes_at": f"{closes}:00",
            "description": f"{days.replace(',', ', ')} {opens} to {closes}",
        }
    )
    contact = _id("contact", key)
    tables["contacts"].append(
        {"id": contact, "service_id": sid, "name": "Reception", "title": "Enquiries"}
    )
    tables["phones"].append(
        {
            "id": _id("phone", key),
            "contact_id": contact,
            "number": f"01970 {rng.randint(600000, 699999)}",
        }
    )
    tables["languages"].append(
        {"id": _id("lang-en", key), "service_id": sid, "name": "English", "code": "en"}
    )
    if rng.random() < 0.7:
        tables["languages"].append(
            {"id": _id("lang-cy", key), "service_id": sid, "name": "Welsh", "code": "cy"}
        )
    tables["cost_options"].append(
        {"id": _id("cost", key), "service_id": sid, "option": "Free", "amount": 0}
    )
    tables["attributes"].append(
        {
            "id": _id("attribute", key),
            "link_id": sid,
            "link_type": "service",
            "taxonomy_term_id": _id("term", term),
        }
    )
    tables["attributes"].append(
        {
            "id": _id("audience", key),
            "link_id": sid,
            "link_type": "service",
            "taxonomy_term_id": _id("term", _audience(low, high)),
        }
    )
    return sid


@transaction.atomic
def load_demo() -> None:
    """Create the demo services. Does nothing if they exist already."""
    postcodes.load_demo_postcodes()
    if Service.objects.filter(pk=_id("service", "statutory/0")).exists():
        return
    area = Area.objects.get(code="W06000008")
    organisations = list(Organisation.objects.filter(area=area).order_by("pk"))
    oruk_records.ensure_profiles(organisations)
    profiles = dict(
        OrganisationProfile.objects.filter(organisation__in=organisations).values_list(
            "organisation_id", "pk"
        )
    )
    rng = random.Random(2026)
    tables = empty_tables()
    tables["taxonomies"].append(
        {
            "id": str(TAXONOMY_ID),
            "name": "Commonground service types",
            "description": "Kinds of service in the Commonground directory.",
            "version": "1",
        }
    )
    for slug, en, _cy in TERMS:
        tables["taxonomy_terms"].append(
            {
                "id": _id("term", slug),
                "name": en,
                "description": en,
                "taxonomy_id": str(TAXONOMY_ID),
                "term": slug,
            }
        )
    for key, name, description, terms in EXTRA_TAXONOMIES:
        tables["taxonomies"].append(
            {"id": _id("taxonomy", key), "name": name, "description": description, "version": "1"}
        )
        for slug, en, _cy in terms:
            tables["taxonomy_terms"].append(
                {
                    "id": _id("term", slug),
                    "name": en,
                    "description": en,
                    "taxonomy_id": _id("taxonomy", key),
                    "term": slug,
                }
            )
    welsh: dict[str, tuple[str, str]] = {}
    by_name = {o.name_en: o for o in organisations}
    for n, (org_name, en, cy, term, low, high, town, days, opens, closes) in enumerate(STATUTORY):
        organisation = by_name.get(org_name)
        if organisation is None:
            continue
        sid = _add_service(
            tables,
            rng,
            str(profiles[organisation.pk]),
            f"statutory/{n}",
            en,
            term,
            low,
            high,
            town,
            days,
            opens,
            closes,
            f"{en}, provided by {org_name} in {town}.",
        )
        welsh[sid] = (
            cy,
            f"{cy}, gan {organisation.name_cy or org_name} yn {WELSH_TOWNS.get(town, town)}.",
        )
    for organisation in organisations:
        if organisation.kind != Organisation.Kind.THIRD_SECTOR:
            continue
        suffix = next((s for s in SERVICES if organisation.name_en.endswith(s)), None)
        if suffix is None:
            continue
        en, cy, term, low, high, days, opens, closes = SERVICES[suffix]
        town = _town_of(organisation.name_en)
        sid = _add_service(
            tables,
            rng,
            str(profiles[organisation.pk]),
            organisation.slug,
            en,
            term,
            low,
            high,
            town,
            days,
            opens,
            closes,
            f"{en} run by {organisation.name_en}. {organisation.description_en}",
        )
        welsh[sid] = (
            cy,
            f"{cy} gan {organisation.name_cy or organisation.name_en}. {organisation.description_cy}",
        )
    actions.import_oruk(None, tables, area, "demo")
    for term_slug, _en, cy in TERMS + [t for x in EXTRA_TAXONOMIES for t in x[3]]:
        TaxonomyTerm.objects.filter(pk=_id("term", term_slug)).update(name_cy=cy)
    services = list(Service.objects.filter(pk__in=list(welsh)))
    for service in services:
        service.name_cy, service.description_cy = welsh[str(service.pk)]
        service.themes.set(service.organisation.themes.all())
    Service.objects.bulk_update(services, ["name_cy", "description_cy"])
    search.reindex([s.pk for s in services])
