"""Demo commissioning for Ceredigion: every stage for the council and the health board, two
renewals inside the horizon, an imported OCDS package with an amendment, two organisations
seeking partners, a consortium with a signed agreement, and a year of bid support.

Deterministic and idempotent; dates are relative to today so the stages stay true.
"""

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from commonground.commissioning import actions
from commonground.commissioning.models import BidSupport, Opportunity
from commonground.core.demo.loader import DEMO_AREA, PERSONAS
from commonground.core.models import Area, Organisation, User

Stage = Opportunity.Stage
OCID = "ocds-demo-cgn-2025-0001"


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _opportunities(today: date) -> list[dict[str, Any]]:
    """(buyer, stage to reach, fields) for the council and the health board."""
    year = relativedelta(years=1)
    return [
        {
            "buyer": "Ceredigion County Council",
            "stage": Stage.PLANNED,
            "title_en": "Community transport for rural wards",
            "title_cy": "Trafnidiaeth gymunedol i wardiau gwledig",
            "description_en": "Door-to-door transport for people who cannot use buses, in the north of the county.",
            "description_cy": "Trafnidiaeth o ddrws i ddrws i bobl na allant ddefnyddio bysiau, yng ngogledd y sir.",
            "route": Opportunity.Route.GRANT,
            "estimated_value_pence": 18_000_00,
            "planned_publication": today + relativedelta(months=4),
        },
        {
            "buyer": "Ceredigion County Council",
            "stage": Stage.OPEN,
            "title_en": "Emergency food and advice hubs",
            "title_cy": "Hybiau bwyd brys a chyngor",
            "description_en": "Food parcels with benefits and debt advice in Aberystwyth, Cardigan and Lampeter.",
            "description_cy": "Parseli bwyd gyda chyngor ar fudd-daliadau a dyled yn Aberystwyth, Aberteifi a Llanbedr Pont Steffan.",
            "route": Opportunity.Route.CONTRACT,
            "estimated_value_pence": 90_000_00,
            "tender_deadline": today + timedelta(days=30),
            "lots": [("1", "Aberystwyth", 40_000_00), ("2", "Cardigan and Lampeter", 50_000_00)],
            "principles": [1, 2, 3, 6],
        },
        {
            "buyer": "Ceredigion County Council",
            "stage": Stage.AWARDED,
            "title_en": "Carers' respite breaks",
            "title_cy": "Seibiannau i ofalwyr",
            "route": Opportunity.Route.SLA,
            "estimated_value_pence": 60_000_00,
            "award_date": today - timedelta(days=20),
            "contract_start": today + timedelta(days=40),
            "contract_end": today + 3 * year,
        },
        {
            "buyer": "Ceredigion County Council",
            "stage": Stage.RUNNING,
            "title_en": "Youth clubs in the Teifi valley",
            "title_cy": "Clybiau ieuenctid yn nyffryn Teifi",
            "route": Opportunity.Route.GRANT,
            "estimated_value_pence": 45_000_00,
            "contract_start": today - year,
            "contract_end": today + relativedelta(months=8),  # due for renewal
        },
        {
            "buyer": "Ceredigion County Council",
            "stage": Stage.RUNNING,
            "title_en": "Library home delivery volunteers",
            "title_cy": "Gwirfoddolwyr danfon llyfrau i’r cartref",
            "route": Opportunity.Route.SPOT,
            "estimated_value_pence": 12_000_00,
            "contract_start": today - year,
            "contract_end": today + 2 * year,
        },
        {
            "buyer": "Ceredigion County Council",
            "stage": Stage.ENDED,
            "title_en": "Winter warmth grants 2023",
            "title_cy": "Grantiau cynhesrwydd y gaeaf 2023",
            "route": Opportunity.Route.GRANT,
            "estimated_value_pence": 20_000_00,
            "contract_start": today - 3 * year,
            "contract_end": today - 2 * year,
        },
        {
            "buyer": "Hywel Dda University Health Board",
            "stage": Stage.PLANNED,
            "title_en": "Social prescribing link workers",
            "title_cy": "Gweithwyr cyswllt presgripsiynu cymdeithasol",
            "route": Opportunity.Route.CONTRACT,
            "estimated_value_pence": 240_000_00,
            "planned_publication": today + relativedelta(months=9),
        },
        {
            "buyer": "Hywel Dda University Health Board",
            "stage": Stage.OPEN,
            "title_en": "Dementia friendly communities",
            "title_cy": "Cymunedau sy’n deall dementia",
            "route": Opportunity.Route.GRANT,
            "estimated_value_pence": 30_000_00,
            "tender_deadline": today + timedelta(days=45),
        },
        {
            "buyer": "Hywel Dda University Health Board",
            "stage": Stage.RUNNING,
            "title_en": "Hospital discharge support",
            "title_cy": "Cymorth wrth adael yr ysbyty",
            "route": Opportunity.Route.CALL_OFF,
            "estimated_value_pence": 150_000_00,
            "contract_start": today - 2 * year,
            "contract_end": today + relativedelta(months=5),  # due for renewal
        },
        {
            "buyer": "Hywel Dda University Health Board",
            "stage": Stage.CANCELLED,
            "title_en": "Pharmacy delivery pilot",
            "title_cy": "Cynllun peilot danfon fferyllfa",
            "route": Opportunity.Route.CONTRACT,
            "estimated_value_pence": 35_000_00,
        },
        {
            "buyer": "Ceredigion County Council",
            "stage": Stage.CANCELLED,
            "title_en": "Town centre wardens pilot",
            "title_cy": "Cynllun peilot wardeiniaid canol tref",
            "route": Opportunity.Route.SLA,
            "estimated_value_pence": 28_000_00,
        },
        {
            "buyer": "Hywel Dda University Health Board",
            "stage": Stage.RUNNING,
            "title_en": "Carers’ respite breaks",
            "title_cy": "Seibiant i ofalwyr",
            "route": Opportunity.Route.SLA,
            "estimated_value_pence": 60_000_00,
            "contract_start": today - year,
            "contract_end": today + 2 * year,
        },
        {
            "buyer": "Hywel Dda University Health Board",
            "stage": Stage.ENDED,
            "title_en": "Flu vaccination outreach 2023",
            "title_cy": "Allgymorth brechu rhag y ffliw 2023",
            "route": Opportunity.Route.GRANT,
            "estimated_value_pence": 15_000_00,
            "contract_start": today - 3 * year,
            "contract_end": today - 2 * year,
        },
        {
            "buyer": "Hywel Dda University Health Board",
            "stage": Stage.AWARDED,
            "title_en": "Bereavement support groups",
            "title_cy": "Grwpiau cymorth profedigaeth",
            "route": Opportunity.Route.GRANT,
            "estimated_value_pence": 22_000_00,
            "award_date": today - timedelta(days=5),
        },
    ]


# The way from "planned" to each stage, through the verbs.
PATH = [Stage.OPEN, Stage.AWARDED, Stage.RUNNING, Stage.ENDED]


def _walk_to(actor: User, opportunity: Opportunity, target: str) -> None:
    if target == Stage.CANCELLED:
        actions.change_stage(actor, opportunity, Stage.CANCELLED)
        return
    for step in PATH:
        if opportunity.stage == target:
            return
        opportunity = actions.change_stage(actor, opportunity, step)


def _package(today: date) -> bytes:
    """A Sell2Wales-style package: tender, award, contract, then an amendment of its value."""
    council = {"id": "GB-PLA-CGN", "name": "Ceredigion County Council"}
    supplier = {"id": "GB-CHC-1100000", "name": "Aberystwyth Food Bank"}
    start, end = today - relativedelta(months=6), today + relativedelta(months=30)

    def release(n: int, tag: str, when: date, **body: Any) -> dict[str, Any]:
        return {
            "ocid": OCID,
            "id": f"{OCID}-{n:02d}-{tag}",
            "date": f"{when.isoformat()}T09:00:00Z",
            "tag": [tag],
            "initiationType": "tender",
            "buyer": council,
            "parties": [
                {**council, "identifier": {"scheme": "GB-PLA", "id": "CGN"}, "roles": ["buyer"]},
                {**supplier, "identifier": {"scheme": "GB-CHC", "id": "1100000"}, "roles": ["supplier"]},
            ],
            **body,
        }

    tender = {
        "id": "T1",
        "title": "Meals on wheels, south Ceredigion",
        "description": "Hot meals delivered to older people at home, five days a week.",
        "status": "complete",
        "value": {"amount": 80000, "currency": "GBP"},
    }
    contract = {
        "id": "C1",
        "awardID": "A1",
        "status": "active",
        "period": {"startDate": f"{start}T00:00:00Z", "endDate": f"{end}T00:00:00Z"},
        "value": {"amount": 80000, "currency": "GBP"},
    }
    award = {"id": "A1", "status": "active", "date": f"{start}T00:00:00Z", "suppliers": [supplier]}
    releases = [
        release(1, "tender", start - relativedelta(months=3), tender={**tender, "status": "active"}),
        release(2, "award", start, tender=tender, awards=[award]),
        release(3, "contract", start, tender=tender, awards=[award], contracts=[contract]),
        release(
            4,
            "contractAmendment",
            today - relativedelta(months=1),
            tender=tender,
            awards=[award],
            contracts=[
                {
                    **contract,
                    "value": {"amount": 92000, "currency": "GBP"},
                    "amendments": [
                        {
                            "id": "1",
                            "date": f"{today - relativedelta(months=1)}T09:00:00Z",
                            "rationale": "A sixth delivery day added.",
                        }
                    ],
                }
            ],
        ),
    ]
    return json.dumps({"version": "1.1", "releases": releases}).encode()


@transaction.atomic
def load_demo() -> None:
    if Opportunity.objects.filter(ocid=OCID).exists():
        return
    today = timezone.localdate()
    area = Area.objects.get(code=DEMO_AREA)
    admin = _user(PERSONAS[0].email)
    rhian = _user("rhian@ceredigion-council.example")
    gareth = _user("gareth@aberystwyth-foodbank.example")
    food_bank = Organisation.objects.get(name_en="Aberystwyth Food Bank")
    themes = list(food_bank.themes.all())
    created: dict[str, Opportunity] = {}
    for spec in _opportunities(today):
        spec = dict(spec)
        buyer = Organisation.objects.get(name_en=spec.pop("buyer"))
        target = spec.pop("stage")
        lots = spec.pop("lots", [])
        principles = spec.pop("principles", [])
        actor = rhian if buyer.name_en == "Ceredigion County Council" else admin
        opportunity = actions.create_opportunity(actor, {"buyer": buyer, **spec}, [area], themes)
        for reference, title, value in lots:
            actions.add_lot(actor, opportunity, {"reference": reference, "title_en": title, "value_pence": value})
        if principles:
            actions.update_checklist(actor, opportunity, principles, "We met local groups twice before writing the specification.", "Fe wnaethom gwrdd â grwpiau lleol ddwywaith cyn ysgrifennu’r fanyleb.")
        _walk_to(actor, opportunity, target)
        created[opportunity.title_en] = opportunity

    actions.import_ocds(admin, [("sell2wales-demo.json", _package(today))])

    # Two organisations looking for partners on the open food hubs opportunity, then a
    # consortium led by the food bank, which the partner accepts, with a signed agreement.
    hubs = created["Emergency food and advice hubs"]
    partner = (
        Organisation.objects.filter(area=area, kind=Organisation.Kind.THIRD_SECTOR, affiliations__is_admin=True)
        .exclude(pk=food_bank.pk)
        .order_by("pk")
        .first()
    )
    assert partner is not None
    partner_admin = User.objects.filter(person__affiliations__organisation=partner, person__affiliations__is_admin=True).first()
    assert partner_admin is not None
    actions.post_partner_search(gareth, hubs, food_bank, "Two warehouses, 40 volunteers and a van.", "A partner giving benefits and debt advice.")
    actions.post_partner_search(partner_admin, hubs, partner, "Trained advisers in Cardigan and Lampeter.", "Food supply and storage.", hubs.lots.get(reference="2"))
    consortium = actions.propose_consortium(gareth, hubs, food_bank, "Ceredigion Food and Advice Partnership", [partner])
    actions.set_member(gareth, consortium, food_bank, "Lead: food and logistics", Decimal("60"))
    actions.set_member(gareth, consortium, partner, "Advice", Decimal("40"))
    actions.answer_invitation(partner_admin, consortium.members.get(organisation=partner), accept=True)
    actions.sign_agreement(gareth, consortium, today - timedelta(days=3), "We agree to bid together for both lots, sharing the work and the money 60:40, and to meet monthly.")

    # A year of bid support.
    sian = _user("sian@cavo.example")
    rng = random.Random(2026)
    organisations = list(Organisation.objects.filter(area=area, kind=Organisation.Kind.THIRD_SECTOR).order_by("pk")[:24])
    outcomes = [*[BidSupport.Outcome.WON] * 2, BidSupport.Outcome.LOST, BidSupport.Outcome.AWAITING, BidSupport.Outcome.APPEAL, *[BidSupport.Outcome.PQQ] * 2, *[BidSupport.Outcome.NOT_SUBMITTED] * 2, *[BidSupport.Outcome.WITHOUT_SUPPORT] * 2]
    for index, organisation in enumerate(organisations):
        tailored = index < 18
        actions.record_bid_support(
            sian,
            area,
            {
                "organisation": organisation,
                "opportunity": None,
                "requested_on": today - timedelta(days=rng.randint(5, 360)),
                "request": "Help to write a tender for a local contract.",
                "kind": BidSupport.Kind.TAILORED if tailored else BidSupport.Kind.ADVICE,
                "hours": Decimal(rng.randint(4, 30) if tailored else 1),
                "support_given": "Reviewed the draft and the budget; practice interview.",
                "outcome": outcomes[index] if index < len(outcomes) else BidSupport.Outcome.NOT_YET,
            },
        )
