"""Reference data every installation has: Welsh regions and areas, themes, beneficiary groups.

The six regional footprints agreed in July 2011 (seed 001, table T5) group the 22 Welsh
local authorities. English areas are added as data in the same shape.
"""

from typing import Any

from django.utils.text import slugify

from commonground.core.reference_england import ENGLISH_REGIONS, english_areas

# (slug, English, Welsh)
REGIONS = [
    ("north-wales", "North Wales", "Gogledd Cymru"),
    ("mid-and-west-wales", "Mid and West Wales", "Canolbarth a Gorllewin Cymru"),
    ("western-bay", "Western Bay", "Bae'r Gorllewin"),
    ("cwm-taf", "Cwm Taf", "Cwm Taf"),
    ("cardiff-and-vale", "Cardiff and Vale", "Caerdydd a'r Fro"),
    ("gwent", "Gwent", "Gwent"),
]

# (ONS code, slug, English, Welsh, region slug)
WELSH_AREAS = [
    ("W06000001", "isle-of-anglesey", "Isle of Anglesey", "Ynys Môn", "north-wales"),
    ("W06000002", "gwynedd", "Gwynedd", "Gwynedd", "north-wales"),
    ("W06000003", "conwy", "Conwy", "Conwy", "north-wales"),
    ("W06000004", "denbighshire", "Denbighshire", "Sir Ddinbych", "north-wales"),
    ("W06000005", "flintshire", "Flintshire", "Sir y Fflint", "north-wales"),
    ("W06000006", "wrexham", "Wrexham", "Wrecsam", "north-wales"),
    ("W06000023", "powys", "Powys", "Powys", "mid-and-west-wales"),
    ("W06000008", "ceredigion", "Ceredigion", "Ceredigion", "mid-and-west-wales"),
    ("W06000010", "carmarthenshire", "Carmarthenshire", "Sir Gaerfyrddin", "mid-and-west-wales"),
    ("W06000009", "pembrokeshire", "Pembrokeshire", "Sir Benfro", "mid-and-west-wales"),
    ("W06000011", "swansea", "Swansea", "Abertawe", "western-bay"),
    (
        "W06000012",
        "neath-port-talbot",
        "Neath Port Talbot",
        "Castell-nedd Port Talbot",
        "western-bay",
    ),
    ("W06000013", "bridgend", "Bridgend", "Pen-y-bont ar Ogwr", "western-bay"),
    ("W06000024", "merthyr-tydfil", "Merthyr Tydfil", "Merthyr Tudful", "cwm-taf"),
    ("W06000016", "rhondda-cynon-taf", "Rhondda Cynon Taf", "Rhondda Cynon Taf", "cwm-taf"),
    ("W06000015", "cardiff", "Cardiff", "Caerdydd", "cardiff-and-vale"),
    ("W06000014", "vale-of-glamorgan", "Vale of Glamorgan", "Bro Morgannwg", "cardiff-and-vale"),
    ("W06000019", "blaenau-gwent", "Blaenau Gwent", "Blaenau Gwent", "gwent"),
    ("W06000018", "caerphilly", "Caerphilly", "Caerffili", "gwent"),
    ("W06000021", "monmouthshire", "Monmouthshire", "Sir Fynwy", "gwent"),
    ("W06000022", "newport", "Newport", "Casnewydd", "gwent"),
    ("W06000020", "torfaen", "Torfaen", "Tor-faen", "gwent"),
]

THEMES = [
    (
        "arts-culture-heritage",
        "Arts, culture and heritage",
        "Celfyddydau, diwylliant a threftadaeth",
    ),
    ("children-young-people", "Children and young people", "Plant a phobl ifanc"),
    ("community-development", "Community development", "Datblygu cymunedol"),
    ("community-safety", "Community safety", "Diogelwch cymunedol"),
    ("education-training", "Education and training", "Addysg a hyfforddiant"),
    ("employment-skills", "Employment and skills", "Cyflogaeth a sgiliau"),
    ("environment", "Environment and climate", "Yr amgylchedd a'r hinsawdd"),
    ("health-social-care", "Health and social care", "Iechyd a gofal cymdeithasol"),
    ("housing", "Housing and homelessness", "Tai a digartrefedd"),
    ("mental-health", "Mental health and well-being", "Iechyd meddwl a llesiant"),
    ("older-people", "Older people", "Pobl hŷn"),
    ("poverty", "Poverty and financial inclusion", "Tlodi a chynhwysiant ariannol"),
    ("sport-recreation", "Sport and recreation", "Chwaraeon a hamdden"),
    ("transport", "Transport", "Trafnidiaeth"),
    ("volunteering", "Volunteering", "Gwirfoddoli"),
    ("welsh-language", "Welsh language", "Y Gymraeg"),
]

BENEFICIARY_GROUPS = [
    ("carers", "Carers", "Gofalwyr"),
    ("children", "Children", "Plant"),
    ("disabled-people", "Disabled people", "Pobl anabl"),
    (
        "ethnic-minorities",
        "Black, Asian and minority ethnic people",
        "Pobl Ddu, Asiaidd ac o leiafrifoedd ethnig",
    ),
    ("families", "Families", "Teuluoedd"),
    ("general-public", "The general public", "Y cyhoedd"),
    ("lgbtq", "LGBTQ+ people", "Pobl LHDTC+"),
    ("older-people", "Older people", "Pobl hŷn"),
    ("refugees", "Refugees and asylum seekers", "Ffoaduriaid a cheiswyr lloches"),
    ("rural-communities", "Rural communities", "Cymunedau gwledig"),
    ("unemployed", "Unemployed people", "Pobl ddi-waith"),
    ("veterans", "Armed forces veterans", "Cyn-filwyr"),
    ("women", "Women and girls", "Menywod a merched"),
    ("young-people", "Young people", "Pobl ifanc"),
]


def load_reference_data(apps: Any = None) -> None:
    """Create or update the reference rows. ``apps`` is given when run from a migration."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    region_model = apps.get_model("core", "Region")
    area_model = apps.get_model("core", "Area")
    regions = {}
    for slug, en, cy in REGIONS:
        regions[slug], _ = region_model.objects.update_or_create(
            slug=slug, defaults={"name_en": en, "name_cy": cy}
        )
    for code, slug, en, cy, region in WELSH_AREAS:
        area_model.objects.update_or_create(
            code=code,
            defaults={
                "slug": slug,
                "name_en": en,
                "name_cy": cy,
                "region": regions[region],
                "country": "wales",
            },
        )
    for slug, _code, en, cy in ENGLISH_REGIONS:
        regions[slug], _ = region_model.objects.update_or_create(
            slug=slug, defaults={"name_en": en, "name_cy": cy}
        )
    for code, en, cy, region in english_areas():
        area_model.objects.update_or_create(
            code=code,
            defaults={
                "slug": slugify(en),
                "name_en": en,
                "name_cy": cy,
                "region": regions[region],
                "country": "england",
            },
        )
    for model_name, rows in (("Theme", THEMES), ("BeneficiaryGroup", BENEFICIARY_GROUPS)):
        model = apps.get_model("core", model_name)
        for slug, en, cy in rows:
            model.objects.update_or_create(slug=slug, defaults={"name_en": en, "name_cy": cy})


# "In <area>" in Welsh: "yn" takes the nasal mutation and changes with it (yng Ngheredigion,
# ym Mhowys, yn Nhor-faen). The forms are fixed, so they are kept here rather than computed.
WELSH_IN_AREA = {
    "W06000001": "yn Ynys Môn",
    "W06000002": "yng Ngwynedd",
    "W06000003": "yng Nghonwy",
    "W06000004": "yn Sir Ddinbych",
    "W06000005": "yn Sir y Fflint",
    "W06000006": "yn Wrecsam",
    "W06000023": "ym Mhowys",
    "W06000008": "yng Ngheredigion",
    "W06000010": "yn Sir Gaerfyrddin",
    "W06000009": "yn Sir Benfro",
    "W06000011": "yn Abertawe",
    "W06000012": "yng Nghastell-nedd Port Talbot",
    "W06000013": "ym Mhen-y-bont ar Ogwr",
    "W06000024": "ym Merthyr Tudful",
    "W06000016": "yn Rhondda Cynon Taf",
    "W06000015": "yng Nghaerdydd",
    "W06000014": "ym Mro Morgannwg",
    "W06000019": "ym Mlaenau Gwent",
    "W06000018": "yng Nghaerffili",
    "W06000021": "yn Sir Fynwy",
    "W06000022": "yng Nghasnewydd",
    "W06000020": "yn Nhor-faen",
}
