"""Rule packs: versioned JSON files in ``packs/``, and how an area's adoptions combine them.

The format is documented in docs/compacts.md. ``load_packs`` reads and checks every file;
``effective_rules`` turns the packs a compact adopts, in order, plus the area's overrides,
into the rules to run. A later pack's non-empty default replaces an earlier pack's value for
the same rule; an override replaces both. No Django here.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from commonground.compacts.ruleset import RULES, SEVERITIES, EffectiveRule

PACK_DIR = Path(__file__).parent / "packs"


class PackError(ValueError):
    """A pack file that does not follow the format."""


@dataclass(frozen=True)
class Commitment:
    rule: str
    text: Mapping[str, str]
    paragraph: str | None
    paragraph_confirmed: bool
    confidence: str
    applies_to: tuple[str, ...]
    severity: str
    parameters: Mapping[str, Mapping[str, Any]]
    source_note: str = ""

    def defaults(self) -> dict[str, Any]:
        return {name: spec.get("default") for name, spec in self.parameters.items()}

    def unconfirmed(self) -> list[str]:
        return [n for n, spec in self.parameters.items() if not spec.get("confirmed", False)]


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: Mapping[str, str]
    source: Mapping[str, str]
    commitments: tuple[Commitment, ...]
    default_for_countries: tuple[str, ...] = ()
    dispute_stages: tuple[Mapping[str, Any], ...] = ()

    def commitment(self, rule: str) -> Commitment | None:
        return next((c for c in self.commitments if c.rule == rule), None)

    def as_json(self) -> dict[str, Any]:
        return json.loads((PACK_DIR / f"{self.id}.json").read_text(encoding="utf-8"))


def _need(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise PackError(f"{where}: '{key}' is missing.")
    return data[key]


def parse_pack(data: Mapping[str, Any], where: str = "pack") -> Pack:
    """A ``Pack`` from a pack file's JSON, or ``PackError`` saying what is wrong."""
    title = _need(data, "title", where)
    if not (isinstance(title, dict) and title.get("en") and title.get("cy")):
        raise PackError(f"{where}: 'title' needs 'en' and 'cy'.")
    commitments = []
    seen: set[str] = set()
    for n, item in enumerate(_need(data, "commitments", where), start=1):
        at = f"{where}, commitment {n}"
        rule = _need(item, "rule", at)
        if rule not in RULES:
            raise PackError(f"{at}: unknown rule id '{rule}'.")
        if rule in seen:
            raise PackError(f"{at}: rule '{rule}' appears twice.")
        seen.add(rule)
        text = _need(item, "text", at)
        if not (isinstance(text, dict) and text.get("en") and text.get("cy")):
            raise PackError(f"{at}: 'text' needs 'en' and 'cy'.")
        severity = _need(item, "severity", at)
        if severity not in SEVERITIES:
            raise PackError(f"{at}: severity must be one of {', '.join(SEVERITIES)}.")
        parameters = item.get("parameters", {})
        for name, spec in parameters.items():
            if not isinstance(spec, dict) or "default" not in spec:
                raise PackError(f"{at}: parameter '{name}' needs a 'default' (null if unset).")
        commitments.append(
            Commitment(
                rule=rule,
                text=text,
                paragraph=item.get("paragraph"),
                paragraph_confirmed=bool(item.get("paragraph_confirmed", False)),
                confidence=item.get("confidence", "unconfirmed"),
                applies_to=tuple(_need(item, "applies_to", at)),
                severity=severity,
                parameters=parameters,
                source_note=item.get("source_note", ""),
            )
        )
    return Pack(
        id=_need(data, "id", where),
        version=str(_need(data, "version", where)),
        title=title,
        source=_need(data, "source", where),
        commitments=tuple(commitments),
        default_for_countries=tuple(data.get("default_for_countries", ())),
        dispute_stages=tuple(data.get("dispute_stages", ())),
    )


@cache
def load_packs() -> dict[str, Pack]:
    """Every pack in ``packs/``, by id (the file name without ``.json``)."""
    packs: dict[str, Pack] = {}
    for path in sorted(PACK_DIR.glob("*.json")):
        pack = parse_pack(json.loads(path.read_text(encoding="utf-8")), path.name)
        if pack.id != path.stem:
            raise PackError(f"{path.name}: its id must be '{path.stem}'.")
        packs[pack.id] = pack
    return packs


def default_pack(country: str) -> Pack | None:
    """The pack an area of ``country`` follows until it adopts one."""
    return next((p for p in load_packs().values() if country in p.default_for_countries), None)


@dataclass(frozen=True)
class Override:
    rule: str
    parameter: str
    value: Any


def effective_rules(
    packs: Iterable[Pack], overrides: Iterable[Override] = ()
) -> list[EffectiveRule]:
    """The rules the packs make, in adoption order, with the overrides applied."""
    merged: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for pack in packs:
        for c in pack.commitments:
            _, _, params = merged.get(c.rule, ("", "", {}))
            params = dict(params)
            for name, value in c.defaults().items():
                if value is not None or name not in params:
                    params[name] = value
            merged[c.rule] = (pack.id, c.severity, params)
    for o in overrides:
        if o.rule in merged:
            merged[o.rule][2][o.parameter] = o.value
    return [
        EffectiveRule(rule=rule, pack=pack_id, severity=severity, params=params)
        for rule, (pack_id, severity, params) in merged.items()
    ]


def parameter(rules: Iterable[EffectiveRule], rule: str, name: str) -> Any:
    return next((r.params.get(name) for r in rules if r.rule == rule), None)
