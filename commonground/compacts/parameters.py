"""The area's effective rules: its compacts' adopted packs with their overrides.

Registered with core in ``CompactsConfig.ready()`` so that engagement reads the consultation
minimum from here without importing compacts.
"""

from typing import Any

from commonground.compacts.models import Compact
from commonground.compacts.packs import (
    Override,
    Pack,
    default_pack,
    effective_rules,
    load_packs,
    parameter,
)
from commonground.compacts.ruleset import EffectiveRule
from commonground.core import compact_parameters
from commonground.core.models import Area


def compact_packs(compact: Compact) -> list[Pack]:
    packs = load_packs()
    return [packs[a.pack_id] for a in compact.adoptions.all() if a.pack_id in packs]


def compact_rules(compact: Compact) -> list[EffectiveRule]:
    """The compact's rules; its country's default pack when it has adopted none."""
    packs = compact_packs(compact)
    if not packs:
        fallback = default_pack(compact.area.country)
        packs = [fallback] if fallback else []
    overrides = [Override(o.rule, o.parameter, o.value) for o in compact.overrides.all()]
    return effective_rules(packs, overrides)


def area_rules(area: Area) -> list[EffectiveRule]:
    """The rules of the area's live compact (active or resting), else its country's pack."""
    compact = (
        Compact.objects.filter(area=area)
        .exclude(status=Compact.Status.ENDED)
        .order_by("pk")
        .first()
    )
    if compact is not None:
        return compact_rules(compact)
    fallback = default_pack(area.country)
    return effective_rules([fallback] if fallback else [])


def area_parameter(area: Area, rule: str, name: str) -> Any:
    return parameter(area_rules(area), rule, name)


def install() -> None:
    compact_parameters.register(area_parameter)
