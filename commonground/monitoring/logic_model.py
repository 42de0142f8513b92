"""Logic models as JSON: the one format ``import_logic_model`` reads and ``export_logic_model``
writes (documented, with an example, in docs/monitoring.md).

``parse`` checks a whole document and lists every problem by its place in the document
("strands[1].indicators[0].unit") before anything is written; ``export`` writes what
``parse`` reads, so a model round-trips.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from commonground.core.models import Area, Organisation
from commonground.monitoring.models import Indicator, Programme

KINDS = {c.value for c in Indicator.Kind}
UNITS = {c.value for c in Indicator.Unit}


def find_area(value: Any) -> Area | None:
    """An area by ONS code or by its name in either language (case as written or not)."""
    text = str(value or "").strip()
    if not text:
        return None
    return (
        Area.objects.filter(code__iexact=text).first()
        or Area.objects.filter(name_en__iexact=text).first()
        or Area.objects.filter(name_cy__iexact=text).first()
    )


def find_organisation(value: Any) -> Organisation | None:
    """An organisation by its org id (its slug, or its registered identifier such as
    GB-CHC-1094512) or by its exact name."""
    text = str(value or "").strip()
    if not text:
        return None
    return (
        Organisation.objects.filter(slug=text).first()
        or Organisation.objects.filter(identifier=text).first()
        or Organisation.objects.filter(name_en=text).first()
        or Organisation.objects.filter(name_cy=text).first()
    )


def org_id(organisation: Organisation | None) -> str | None:
    return organisation.slug if organisation is not None else None


@dataclass
class ParsedTarget:
    period_start: date
    period_end: date
    area: Area | None
    delivery_partner: Organisation | None
    value: Decimal


@dataclass
class ParsedIndicator:
    code: str
    title_en: str
    title_cy: str
    kind: str
    unit: str
    numerator: str = ""
    denominator: str = ""
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedStrand:
    code: str
    title_en: str
    title_cy: str
    activities: list[dict[str, str]]
    results: list[dict[str, str]]
    impacts: list[dict[str, str]]
    indicators: list[ParsedIndicator]


@dataclass
class ParsedModel:
    slug: str
    title_en: str
    title_cy: str
    period_start: date
    period_end: date
    areas: list[Area]
    funders: list[Organisation]
    delivery_partners: list[Organisation]
    inputs: list[dict[str, str]]
    strands: list[ParsedStrand]


class LogicModelError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, obj: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = obj.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{where}.{key}" if where else key, _("Enter some text."))
            return ""
        return value.strip()

    def day(self, obj: dict[str, Any], key: str, where: str) -> date:
        try:
            return date.fromisoformat(str(obj.get(key, "")))
        except ValueError:
            self.fail(f"{where}.{key}" if where else key, _("Enter a date as YYYY-MM-DD."))
            return date.min

    def items(self, obj: dict[str, Any], key: str, where: str) -> list[dict[str, str]]:
        value = obj.get(key, [])
        out: list[dict[str, str]] = []
        if not isinstance(value, list):
            self.fail(f"{where}.{key}" if where else key, _("Give a list."))
            return out
        for n, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append({"en": item.strip(), "cy": ""})
            elif isinstance(item, dict) and (item.get("en") or item.get("cy")):
                out.append({"en": str(item.get("en", "")), "cy": str(item.get("cy", ""))})
            else:
                place = f"{where}.{key}[{n}]" if where else f"{key}[{n}]"
                self.fail(place, _('Give a text, or {"en": ..., "cy": ...}.'))
        return out

    def orgs(self, obj: dict[str, Any], key: str) -> list[Organisation]:
        found = []
        for n, value in enumerate(obj.get(key) or []):
            organisation = find_organisation(value)
            if organisation is None:
                self.fail(f"{key}[{n}]", _("No organisation has the id %(id)s.") % {"id": value})
            else:
                found.append(organisation)
        return found


def parse(document: Any) -> ParsedModel:
    """The logic model in ``document`` (decoded JSON), or ``LogicModelError`` listing every
    problem."""
    reader = _Reader()
    if not isinstance(document, dict):
        raise LogicModelError([_("The file must hold one JSON object.")])
    areas = []
    for n, code in enumerate(document.get("areas") or []):
        area = find_area(code)
        if area is None:
            reader.fail(f"areas[{n}]", _("No area has the code %(code)s.") % {"code": code})
        else:
            areas.append(area)
    strands: list[ParsedStrand] = []
    codes: set[str] = set()
    raw_strands = document.get("strands")
    if not isinstance(raw_strands, list) or not raw_strands:
        reader.fail("strands", _("Give at least one strand."))
        raw_strands = []
    for s, raw in enumerate(raw_strands):
        where = f"strands[{s}]"
        if not isinstance(raw, dict):
            reader.fail(where, _("Each strand must be an object."))
            continue
        indicators = []
        for i, ind in enumerate(raw.get("indicators") or []):
            iw = f"{where}.indicators[{i}]"
            if not isinstance(ind, dict):
                reader.fail(iw, _("Each indicator must be an object."))
                continue
            code = reader.text(ind, "code", iw)
            if code in codes:
                reader.fail(
                    f"{iw}.code", _("Another indicator has the code %(code)s.") % {"code": code}
                )
            codes.add(code)
            kind = ind.get("kind", "")
            if kind not in KINDS:
                reader.fail(f"{iw}.kind", _("Give output or result."))
            unit = ind.get("unit", "")
            if unit not in UNITS:
                reader.fail(
                    f"{iw}.unit", _("Give count, organisations, participants or percentage.")
                )
            parsed = ParsedIndicator(
                code=code,
                title_en=reader.text(ind, "title_en", iw),
                title_cy=reader.text(ind, "title_cy", iw, required=False),
                kind=str(kind),
                unit=str(unit),
                numerator=str(ind.get("numerator") or ""),
                denominator=str(ind.get("denominator") or ""),
            )
            if unit == "percentage" and not (parsed.numerator and parsed.denominator):
                reader.fail(iw, _("A percentage indicator needs a numerator and a denominator."))
            for t, target in enumerate(ind.get("targets") or []):
                tw = f"{iw}.targets[{t}]"
                if not isinstance(target, dict):
                    reader.fail(tw, _("Each target must be an object."))
                    continue
                area = find_area(target.get("area"))
                if target.get("area") and area is None:
                    reader.fail(
                        f"{tw}.area", _("No area has the code %(code)s.") % {"code": target["area"]}
                    )
                partner = find_organisation(target.get("delivery_partner"))
                if target.get("delivery_partner") and partner is None:
                    reader.fail(
                        f"{tw}.delivery_partner",
                        _("No organisation has the id %(id)s.")
                        % {"id": target["delivery_partner"]},
                    )
                try:
                    value = Decimal(str(target.get("value")))
                    if not value.is_finite() or value < 0:
                        raise InvalidOperation
                except InvalidOperation:
                    reader.fail(f"{tw}.value", _("Give a number of zero or more."))
                    value = Decimal(0)
                start, end = (
                    reader.day(target, "period_start", tw),
                    reader.day(target, "period_end", tw),
                )
                if start > end:
                    reader.fail(f"{tw}.period_end", _("The end must be on or after the start."))
                parsed.targets.append(ParsedTarget(start, end, area, partner, value))
            indicators.append(parsed)
        strands.append(
            ParsedStrand(
                code=reader.text(raw, "code", where),
                title_en=reader.text(raw, "title_en", where),
                title_cy=reader.text(raw, "title_cy", where, required=False),
                activities=reader.items(raw, "activities", where),
                results=reader.items(raw, "results", where),
                impacts=reader.items(raw, "impacts", where),
                indicators=indicators,
            )
        )
    for strand in strands:
        for ind in strand.indicators:
            for name in ("numerator", "denominator"):
                ref = getattr(ind, name)
                if ref and ref not in codes:
                    reader.fail(
                        ind.code,
                        _("%(name)s %(code)s is not an indicator here.")
                        % {"name": name, "code": ref},
                    )
    model = ParsedModel(
        slug=reader.text(document, "slug", ""),
        title_en=reader.text(document, "title_en", ""),
        title_cy=reader.text(document, "title_cy", "", required=False),
        period_start=reader.day(document, "period_start", ""),
        period_end=reader.day(document, "period_end", ""),
        areas=areas,
        funders=reader.orgs(document, "funders"),
        delivery_partners=reader.orgs(document, "delivery_partners"),
        inputs=reader.items(document, "inputs", ""),
        strands=strands,
    )
    if model.period_start > model.period_end:
        reader.fail("period_end", _("The end must be on or after the start."))
    if reader.problems:
        raise LogicModelError(reader.problems)
    return model


def _items_out(items: list[dict[str, str]]) -> list[Any]:
    return [item if item.get("cy") else item.get("en", "") for item in items]


def export(programme: Programme) -> dict[str, Any]:
    """The programme's logic model as the JSON object ``parse`` reads."""
    strands = []
    for strand in programme.strands.order_by("position", "pk"):
        indicators = []
        for ind in strand.indicators.order_by("position", "pk").select_related(
            "numerator", "denominator"
        ):
            out: dict[str, Any] = {
                "code": ind.code,
                "title_en": ind.title_en,
                "title_cy": ind.title_cy,
                "kind": ind.kind,
                "unit": ind.unit,
                "targets": [
                    {
                        "period_start": t.period_start.isoformat(),
                        "period_end": t.period_end.isoformat(),
                        "area": t.area.code if t.area else None,
                        "delivery_partner": org_id(t.delivery_partner),
                        "value": float(t.value) if t.value % 1 else int(t.value),
                    }
                    for t in ind.targets.select_related("area", "delivery_partner")
                ],
            }
            if ind.numerator:
                out["numerator"] = ind.numerator.code
            if ind.denominator:
                out["denominator"] = ind.denominator.code
            indicators.append(out)
        strands.append(
            {
                "code": strand.code,
                "title_en": strand.title_en,
                "title_cy": strand.title_cy,
                "activities": _items_out(strand.activities),
                "results": _items_out(strand.results),
                "impacts": _items_out(strand.impacts),
                "indicators": indicators,
            }
        )
    return {
        "slug": programme.slug,
        "title_en": programme.title_en,
        "title_cy": programme.title_cy,
        "period_start": programme.period_start.isoformat(),
        "period_end": programme.period_end.isoformat(),
        "areas": [a.code for a in programme.areas.order_by("code")],
        "funders": [o.slug for o in programme.funders.order_by("slug")],
        "delivery_partners": [o.slug for o in programme.delivery_partners.order_by("slug")],
        "inputs": _items_out(programme.inputs),
        "strands": strands,
    }
