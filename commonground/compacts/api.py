"""JSON endpoints: compacts, rule packs, findings and disputes (in summary).

``/compacts/{id}/findings`` serves the same JSON as ``manage.py run_compact_rules --json``.
A dispute's reference is never served: it is the anonymous reporter's key to it.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from commonground.api.auth import READ_AUTH
from commonground.api.errors import ERROR_RESPONSES, ApiError
from commonground.compacts import queries
from commonground.compacts.findings import finding_json
from commonground.compacts.models import Compact
from commonground.compacts.packs import load_packs
from commonground.compacts.parameters import compact_rules

router = Router(tags=["compacts"], auth=READ_AUTH)


class PartyOut(Schema):
    organisation: str
    signed_up: bool
    signed_up_on: date | None


class TargetOut(Schema):
    title: str
    owner: str
    due_on: date
    target_value: int
    achieved_value: int


class CompactOut(Schema):
    id: int
    slug: str
    title_en: str
    title_cy: str
    area: str
    kind: str
    scope: str
    status: str
    adopted_on: date | None
    last_reviewed_on: date | None
    next_review_due: date | None
    codes: list[str]
    liaison_body: str | None
    packs: list[str]
    parameters: dict[str, dict[str, Any]]
    parties: list[PartyOut]
    action_plan: list[TargetOut]


def _compact(c: Compact) -> dict[str, Any]:
    return {
        "id": c.pk,
        "slug": c.slug,
        "title_en": c.title_en,
        "title_cy": c.title_cy,
        "area": c.area.slug,
        "kind": c.kind,
        "scope": c.scope,
        "status": c.status,
        "adopted_on": c.adopted_on,
        "last_reviewed_on": c.last_reviewed_on,
        "next_review_due": queries.next_review_due(c),
        "codes": c.codes,
        "liaison_body": c.liaison_body.slug if c.liaison_body else None,
        "packs": [a.pack_id for a in c.adoptions.all()],
        "parameters": {r.rule: dict(r.params) for r in compact_rules(c)},
        "parties": [
            {
                "organisation": p.organisation.slug,
                "signed_up": p.signed_up,
                "signed_up_on": p.signed_up_on,
            }
            for p in c.parties.select_related("organisation")
        ],
        "action_plan": [
            {
                "title": t.title_en,
                "owner": t.owner.slug,
                "due_on": t.due_on,
                "target_value": t.target_value,
                "achieved_value": t.achieved_value,
            }
            for t in c.targets.select_related("owner")
        ],
    }


@router.get("/compacts", response={200: list[CompactOut]}, summary="List compacts")
def list_compacts(request: HttpRequest, area: str = "") -> Any:
    compacts = queries.public_compacts()
    if area:
        compacts = compacts.filter(area__slug=area)
    return [_compact(c) for c in compacts]


@router.get("/compacts/packs", summary="List rule packs")
def list_packs(request: HttpRequest) -> Any:
    return [
        {
            "id": p.id,
            "version": p.version,
            "title": dict(p.title),
            "rules": [c.rule for c in p.commitments],
        }
        for p in load_packs().values()
    ]


@router.get(
    "/compacts/packs/{pack_id}",
    response={200: dict, **ERROR_RESPONSES},
    summary="Get a rule pack as its file",
)
def get_pack(request: HttpRequest, pack_id: str) -> Any:
    pack = load_packs().get(pack_id)
    if pack is None:
        raise ApiError(404, "No rule pack has that id.")
    return pack.as_json()


@router.get(
    "/compacts/{compact_id}", response={200: CompactOut, **ERROR_RESPONSES}, summary="Get a compact"
)
def get_compact(request: HttpRequest, compact_id: int) -> Any:
    return _compact(get_object_or_404(queries.public_compacts(), pk=compact_id))


@router.get(
    "/compacts/{compact_id}/findings",
    response={200: list[dict], **ERROR_RESPONSES},
    summary="The compact's findings, open and resolved",
)
def list_findings(request: HttpRequest, compact_id: int, status: str = "") -> Any:
    compact = get_object_or_404(Compact, pk=compact_id)
    found = [finding_json(f) for f in queries.findings(compact)]
    return [f for f in found if not status or f["status"] == status]


@router.get(
    "/compacts/{compact_id}/disputes",
    response={200: list[dict], **ERROR_RESPONSES},
    summary="The compact's disputes in summary: stage, status, overdue, published outcome",
)
def list_disputes(request: HttpRequest, compact_id: int) -> Any:
    compact = get_object_or_404(Compact, pk=compact_id)
    return [
        {
            "raised_on": v.dispute.raised_on.isoformat(),
            "stage": v.dispute.stage.key if v.dispute.stage else None,
            "status": v.dispute.status,
            "stage_due_on": v.due_on.isoformat() if v.due_on else None,
            "overdue": v.overdue,
            "finding": v.dispute.finding_id,
            "outcome_en": v.dispute.outcome_en if v.dispute.outcome_published else "",
            "outcome_cy": v.dispute.outcome_cy if v.dispute.outcome_published else "",
        }
        for v in queries.disputes(compact)
    ]
