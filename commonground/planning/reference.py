"""Reference data: the seven well-being goals of the Well-being of Future Generations
(Wales) Act 2015, section 4, in the Act's English and Welsh words. An English area adds its
own outcomes as rows of the ``area`` scheme."""

from typing import Any

WELLBEING_GOALS = [
    ("prosperous", "A prosperous Wales", "Cymru lewyrchus"),
    ("resilient", "A resilient Wales", "Cymru gydnerth"),
    ("healthier", "A healthier Wales", "Cymru iachach"),
    ("more-equal", "A more equal Wales", "Cymru sy’n fwy cyfartal"),
    ("cohesive-communities", "A Wales of cohesive communities", "Cymru o gymunedau cydlynus"),
    (
        "vibrant-culture",
        "A Wales of vibrant culture and thriving Welsh language",
        "Cymru â diwylliant bywiog lle mae’r Gymraeg yn ffynnu",
    ),
    (
        "globally-responsible",
        "A globally responsible Wales",
        "Cymru sy’n gyfrifol ar lefel fyd-eang",
    ),
]


def load_goals(outcome_model: Any) -> None:
    for position, (code, name_en, name_cy) in enumerate(WELLBEING_GOALS, start=1):
        outcome_model.objects.update_or_create(
            code=code,
            defaults={
                "scheme": "wfg",
                "name_en": name_en,
                "name_cy": name_cy,
                "position": position,
            },
        )
