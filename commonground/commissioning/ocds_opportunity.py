"""An opportunity read from an ocid's compiled release, and its suppliers matched.

Buyers and suppliers are matched to the directory by identifier first (GB-CHC and GB-COH
normalised, see ``interop.ocds.parties``), then by exact name. A record whose buyer is not
in the directory gets no opportunity (it is still stored and served by the API); suppliers
that match nobody are listed for staff to link.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower

from commonground.commissioning.models import (
    Consortium,
    ConsortiumMember,
    Lot,
    Opportunity,
    UnmatchedSupplier,
)
from commonground.commissioning.slugs import opportunity_slug
from commonground.core.models import Organisation
from commonground.interop.ocds.parties import party_identifiers

Stage = Opportunity.Stage


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _pence(value: Any) -> int | None:
    if not isinstance(value, dict) or value.get("amount") is None:
        return None
    try:
        return int(Decimal(str(value["amount"])) * 100)
    except (InvalidOperation, ValueError):
        return None


def stage_of(compiled: dict[str, Any]) -> str:
    """The pipeline stage an OCDS process is at, from its latest state."""
    tender = compiled.get("tender") or {}
    contracts = compiled.get("contracts") or []
    awards = compiled.get("awards") or []
    if tender.get("status") in ("cancelled", "withdrawn", "unsuccessful"):
        return Stage.CANCELLED
    if any(c.get("status") == "active" for c in contracts):
        return Stage.RUNNING
    if contracts and all(c.get("status") in ("terminated", "cancelled") for c in contracts):
        return Stage.ENDED
    if contracts or any(a.get("status") in ("active", "pending") for a in awards):
        return Stage.AWARDED
    if tender.get("status") in ("active", "complete"):
        return Stage.OPEN
    return Stage.PLANNED


def _name(party: dict[str, Any]) -> str:
    name = party.get("name") or (party.get("identifier") or {}).get("legalName")
    return name.strip().lower() if isinstance(name, str) else ""


class Matcher:
    """Directory organisations for the parties of many records, found in two queries."""

    def __init__(self, parties: list[dict[str, Any]]) -> None:
        identifiers = {i for p in parties for i in party_identifiers(p)}
        names = {n for p in parties if (n := _name(p))}
        self.by_identifier = {
            o.identifier: o for o in Organisation.objects.filter(identifier__in=identifiers)
        }
        self.by_name: dict[str, Organisation] = {}
        if names:
            for o in Organisation.objects.annotate(en=Lower("name_en"), cy=Lower("name_cy")).filter(
                Q(en__in=names) | Q(cy__in=names)
            ).order_by("pk"):
                for key in (o.en, o.cy):
                    self.by_name.setdefault(key, o)

    def match(self, party: dict[str, Any]) -> Organisation | None:
        for identifier in party_identifiers(party):
            if identifier in self.by_identifier:
                return self.by_identifier[identifier]
        return self.by_name.get(_name(party)) if _name(party) else None


def _parties(compiled: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        str(p["id"]): p
        for p in compiled.get("parties") or []
        if isinstance(p, dict) and p.get("id") is not None
    }


def _party(ref: dict[str, Any], parties: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The full party an organisation reference points at (or the reference itself)."""
    return parties.get(str(ref.get("id")), ref)


def _buyer_party(compiled: dict[str, Any]) -> dict[str, Any] | None:
    ref = compiled.get("buyer")
    return _party(ref, _parties(compiled)) if isinstance(ref, dict) else None


def refresh_opportunities(compiled_by_ocid: dict[str, dict[str, Any]]) -> int:
    """Refresh the opportunity of each record whose buyer is in the directory; how many.

    Buyers are matched for all the records at once: in a national feed most buyers are
    not this directory's public bodies, and those records cost no further query.
    """
    buyers = {ocid: p for ocid, c in compiled_by_ocid.items() if (p := _buyer_party(c))}
    matcher = Matcher(list(buyers.values()))
    count = 0
    for ocid, party in buyers.items():
        buyer = matcher.match(party)
        if buyer is not None:
            refresh_opportunity(ocid, compiled_by_ocid[ocid], buyer)
            count += 1
    return count


def refresh_opportunity(ocid: str, compiled: dict[str, Any], buyer: Organisation) -> Opportunity:
    """Create or update the ocid's opportunity, bought by ``buyer``."""
    parties = _parties(compiled)
    tender = compiled.get("tender") or {}
    contract = (compiled.get("contracts") or [{}])[0]
    award = (compiled.get("awards") or [{}])[0]
    title = tender.get("title") or contract.get("title") or award.get("title") or ocid
    title_en = str(title)[:200]
    fields: dict[str, Any] = {
        "title_en": title_en,
        "description_en": str(tender.get("description") or ""),
        "buyer": buyer,
        "route": Opportunity.Route.CONTRACT,
        "stage": stage_of(compiled),
        "estimated_value_pence": _pence(tender.get("value")) or _pence(award.get("value")),
        "planned_publication": _date((tender.get("tenderPeriod") or {}).get("startDate")),
        "tender_deadline": _date((tender.get("tenderPeriod") or {}).get("endDate")),
        "award_date": _date(award.get("date")),
        "contract_start": _date((contract.get("period") or {}).get("startDate")),
        "contract_end": _date((contract.get("period") or {}).get("endDate")),
        "source": Opportunity.Source.OCDS,
    }
    opportunity = Opportunity.objects.filter(ocid=ocid).first()
    if opportunity is None:
        opportunity = Opportunity(ocid=ocid, slug=opportunity_slug(title_en))
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity._change_reason = "From OCDS"  # type: ignore[attr-defined]
    opportunity.save()
    if buyer.area_id is not None:
        opportunity.areas.add(buyer.area_id)
    _refresh_lots(opportunity, tender)
    _refresh_suppliers(opportunity, ocid, compiled, parties)
    return opportunity


def _refresh_lots(opportunity: Opportunity, tender: dict[str, Any]) -> None:
    for lot in tender.get("lots") or []:
        if not isinstance(lot, dict) or lot.get("id") is None:
            continue
        Lot.objects.update_or_create(
            opportunity=opportunity,
            reference=str(lot["id"])[:50],
            defaults={
                "title_en": str(lot.get("title") or lot["id"])[:200],
                "description_en": str(lot.get("description") or ""),
                "value_pence": _pence(lot.get("value")),
            },
        )


def _refresh_suppliers(
    opportunity: Opportunity, ocid: str, compiled: dict[str, Any], parties: dict[str, Any]
) -> None:
    matched: list[Organisation] = []
    refs = [
        _party(ref, parties)
        for award in compiled.get("awards") or []
        for ref in award.get("suppliers") or []
        if isinstance(ref, dict)
    ]
    matcher = Matcher(refs)
    for award in compiled.get("awards") or []:
        members: list[tuple[Organisation | None, str]] = []
        for ref in award.get("suppliers") or []:
            if not isinstance(ref, dict):
                continue
            party = _party(ref, parties)
            organisation = matcher.match(party)
            name = str(party.get("name") or ref.get("name") or ref.get("id") or "")
            members.append((organisation, name))
            if organisation is not None:
                matched.append(organisation)
                UnmatchedSupplier.objects.filter(ocid=ocid, party_id=str(ref.get("id"))).delete()
            else:
                ids = party_identifiers(party)
                UnmatchedSupplier.objects.update_or_create(
                    ocid=ocid,
                    party_id=str(ref.get("id"))[:200],
                    defaults={"name": name[:300], "identifier": (ids[0] if ids else "")[:100]},
                )
        if len(members) > 1:
            _award_consortium(opportunity, str(award.get("id", "")), members)
    opportunity.suppliers.set(matched)


def _award_consortium(
    opportunity: Opportunity, award_id: str, members: list[tuple[Organisation | None, str]]
) -> None:
    """An award to more than one supplier is a consortium (OCDS has no separate object)."""
    consortium, _ = Consortium.objects.get_or_create(
        opportunity=opportunity,
        source=Consortium.Source.OCDS,
        award_id=award_id[:200],
        defaults={"name": " / ".join(name for _, name in members)[:200]},
    )
    consortium.members.all().delete()
    ConsortiumMember.objects.bulk_create(  # the award says they bid together
        ConsortiumMember(
            consortium=consortium,
            organisation=organisation,
            name=name[:300],
            answer=ConsortiumMember.Answer.ACCEPTED,
        )
        for organisation, name in members
    )
