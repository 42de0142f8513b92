"""One 360Giving grant: read from its JSON shape with every problem listed, and written back.

Commonground keeps these fields of a grant: identifier, title, description, currency, amount
awarded, award date, planned dates (start, end, duration; partial dates such as ``2026`` or
``2026-01`` kept exactly as given), one recipient organisation or one recipient individual
(with ``toIndividualsDetails``), one funding organisation (with its department), beneficiary
locations, one grant programme and classifications. Other fields are not kept.

Problems carry a ``code`` rather than a sentence, so the caller words them in the reader's
language.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

_FULL_DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")
_PARTIAL_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[012]))?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of one grant (``grant`` is its id, or ``#n`` without one).

    ``code`` is one of: required, text, number, date, amount, currency, country, one_only,
    duplicate, recipient, shape.
    """

    grant: str
    field: str
    code: str
    value: str = ""


@dataclass(frozen=True)
class Party:
    """A funder, a recipient organisation or a recipient individual."""

    id: str
    name: str
    department: str = ""


@dataclass(frozen=True)
class Location:
    name: str = ""
    geo_code: str = ""
    geo_code_type: str = ""
    country_code: str = ""


@dataclass(frozen=True)
class Classification:
    vocabulary: str
    code: str
    title: str = ""


@dataclass
class Grant:
    id: str
    title: str
    description: str
    currency: str
    amount: Decimal
    award_date: date
    funder: Party
    recipient: Party | None = None
    individual: Party | None = None
    to_individuals: dict[str, Any] = field(default_factory=dict)
    planned_start: str = ""
    planned_end: str = ""
    planned_duration: Decimal | None = None
    locations: list[Location] = field(default_factory=list)
    programme_code: str = ""
    programme_title: str = ""
    classifications: list[Classification] = field(default_factory=list)


def is_partial_date(value: str) -> bool:
    """``2026``, ``2026-01`` or a real ``2026-01-31``: the forms a planned date may take."""
    if _PARTIAL_DATE.match(value):
        return True
    if _FULL_DATE.match(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


class _Reader:
    """Collects problems while reading one grant, so all of them are reported at once."""

    def __init__(self, raw: dict[str, Any], label: str) -> None:
        self.raw = raw
        self.label = label
        self.problems: list[Problem] = []

    def fail(self, path: str, code: str, value: Any = "") -> None:
        self.problems.append(Problem(self.label, path, code, "" if value is None else str(value)))

    def text(self, obj: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.fail(path, "required")
            return ""
        if not isinstance(value, str):
            self.fail(path, "text", value)
            return ""
        return value

    def objects(self, key: str) -> list[dict[str, Any]]:
        value = self.raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, "shape")
            return []
        return value

    def party(self, obj: dict[str, Any], path: str, *, department: bool = False) -> Party:
        return Party(
            id=self.text(obj, "id", f"{path}/id", required=True),
            name=self.text(obj, "name", f"{path}/name", required=True),
            department=self.text(obj, "department", f"{path}/department") if department else "",
        )

    def one(self, key: str, *, required: bool) -> dict[str, Any] | None:
        items = self.objects(key)
        if not items:
            if required:
                self.fail(key, "required")
            return None
        if len(items) > 1:
            self.fail(key, "one_only", len(items))
        return items[0]


def _amount(reader: _Reader, value: Any) -> Decimal:
    if value is None:
        reader.fail("amountAwarded", "required")
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        reader.fail("amountAwarded", "number", value)
        return Decimal(0)
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        reader.fail("amountAwarded", "amount", value)
        return Decimal(0)
    return amount


def _award_date(reader: _Reader, value: str) -> date:
    if value:
        try:
            if _FULL_DATE.match(value):
                return date.fromisoformat(value)
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        reader.fail("awardDate", "date", value)
    return date.min


def _planned(reader: _Reader, grant: Grant) -> None:
    event = reader.one("plannedDates", required=False)
    if event is None:
        return
    for key, attr in (("startDate", "planned_start"), ("endDate", "planned_end")):
        value = reader.text(event, key, f"plannedDates/0/{key}")
        if value and not is_partial_date(value):
            reader.fail(f"plannedDates/0/{key}", "date", value)
        else:
            setattr(grant, attr, value)
    duration = event.get("duration")
    if duration is not None:
        if (
            isinstance(duration, bool)
            or not isinstance(duration, int | float | Decimal)
            or duration < 0
        ):
            reader.fail("plannedDates/0/duration", "number", duration)
        else:
            grant.planned_duration = Decimal(str(duration))


def _to_individuals(reader: _Reader, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    ok = isinstance(value, dict)
    if ok:
        for key in ("primaryGrantReason", "secondaryGrantReason"):
            ok = ok and isinstance(value.get(key, ""), str)
        purposes = value.get("grantPurpose", [])
        ok = ok and isinstance(purposes, list) and all(isinstance(p, str) for p in purposes)
    if not ok:
        reader.fail("toIndividualsDetails", "shape")
        return {}
    return dict(value)


def grant_from_json(raw: Any, position: int) -> tuple[Grant | None, list[Problem]]:
    """Read one grant (``position`` counts from 0); return it, or None and its problems."""
    if not isinstance(raw, dict):
        return None, [Problem(f"#{position + 1}", "", "shape")]
    grant_id = raw.get("id")
    reader = _Reader(
        raw, grant_id if isinstance(grant_id, str) and grant_id else f"#{position + 1}"
    )
    currency = reader.text(raw, "currency", "currency", required=True)
    if currency and not _CURRENCY.match(currency):
        reader.fail("currency", "currency", currency)
    funder = reader.one("fundingOrganization", required=True)
    recipient = reader.one("recipientOrganization", required=False)
    individual = raw.get("recipientIndividual")
    if individual is not None and not isinstance(individual, dict):
        reader.fail("recipientIndividual", "shape")
        individual = None
    if (recipient is None) == (individual is None):
        reader.fail("recipientOrganization", "recipient")
    grant = Grant(
        id=reader.text(raw, "id", "id", required=True),
        title=reader.text(raw, "title", "title", required=True),
        description=reader.text(raw, "description", "description", required=True),
        currency=currency,
        amount=_amount(reader, raw.get("amountAwarded")),
        award_date=_award_date(reader, reader.text(raw, "awardDate", "awardDate", required=True)),
        funder=reader.party(funder or {}, "fundingOrganization/0", department=True)
        if funder is not None
        else Party("", ""),
        recipient=reader.party(recipient, "recipientOrganization/0") if recipient else None,
        individual=reader.party(individual, "recipientIndividual") if individual else None,
        to_individuals=_to_individuals(reader, raw.get("toIndividualsDetails")),
    )
    _planned(reader, grant)
    for n, loc in enumerate(reader.objects("beneficiaryLocation")):
        path = f"beneficiaryLocation/{n}"
        country = reader.text(loc, "countryCode", f"{path}/countryCode")
        if country and not _COUNTRY.match(country):
            reader.fail(f"{path}/countryCode", "country", country)
        grant.locations.append(
            Location(
                name=reader.text(loc, "name", f"{path}/name"),
                geo_code=reader.text(loc, "geoCode", f"{path}/geoCode"),
                geo_code_type=reader.text(loc, "geoCodeType", f"{path}/geoCodeType"),
                country_code=country,
            )
        )
    programme = reader.one("grantProgramme", required=False)
    if programme is not None:
        grant.programme_code = reader.text(programme, "code", "grantProgramme/0/code")
        grant.programme_title = reader.text(programme, "title", "grantProgramme/0/title")
    for n, item in enumerate(reader.objects("classifications")):
        path = f"classifications/{n}"
        grant.classifications.append(
            Classification(
                vocabulary=reader.text(item, "vocabulary", f"{path}/vocabulary", required=True),
                code=reader.text(item, "code", f"{path}/code", required=True),
                title=reader.text(item, "title", f"{path}/title"),
            )
        )
    if reader.problems:
        return None, reader.problems
    return grant, []


def amount_json(amount: Decimal) -> int | float:
    """A JSON number for an amount: whole units as integers; pence as the shortest float
    that reads back as the same ``Decimal``."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def _party(party: Party) -> dict[str, Any]:
    out: dict[str, Any] = {"id": party.id, "name": party.name}
    if party.department:
        out["department"] = party.department
    return out


def grant_to_json(grant: Grant) -> dict[str, Any]:
    """The grant in 360Giving's JSON shape, leaving out what is empty."""
    out: dict[str, Any] = {
        "id": grant.id,
        "title": grant.title,
        "description": grant.description,
        "currency": grant.currency,
        "amountAwarded": amount_json(grant.amount),
        "awardDate": grant.award_date.isoformat(),
    }
    if grant.recipient is not None:
        out["recipientOrganization"] = [_party(grant.recipient)]
    if grant.individual is not None:
        out["recipientIndividual"] = _party(grant.individual)
    if grant.to_individuals:
        out["toIndividualsDetails"] = grant.to_individuals
    out["fundingOrganization"] = [_party(grant.funder)]
    planned: dict[str, Any] = {}
    if grant.planned_start:
        planned["startDate"] = grant.planned_start
    if grant.planned_end:
        planned["endDate"] = grant.planned_end
    if grant.planned_duration is not None:
        planned["duration"] = amount_json(grant.planned_duration)
    if planned:
        out["plannedDates"] = [planned]
    if grant.locations:
        out["beneficiaryLocation"] = [
            {
                k: v
                for k, v in (
                    ("name", loc.name),
                    ("geoCode", loc.geo_code),
                    ("geoCodeType", loc.geo_code_type),
                    ("countryCode", loc.country_code),
                )
                if v
            }
            for loc in grant.locations
        ]
    if grant.programme_code or grant.programme_title:
        programme = {
            k: v for k, v in (("code", grant.programme_code), ("title", grant.programme_title)) if v
        }
        out["grantProgramme"] = [programme]
    if grant.classifications:
        out["classifications"] = [
            {"vocabulary": c.vocabulary, "code": c.code, **({"title": c.title} if c.title else {})}
            for c in grant.classifications
        ]
    return out


def date_bounds(value: str) -> tuple[date | None, date | None]:
    """The first and last day a planned date stands for: ``2026-02`` is 1 to 28 February."""
    if not value or not is_partial_date(value):
        return None, None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        after = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, date.fromordinal(after.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)
