"""Demo funding: three financial years of agreements to Ceredigion's organisations, and a few
in any other area that has demo organisations.

Funders are the council, the health board, WCVA and a (fictional) community trust. Some
agreements pay in arrears, some have short notice, some are single-year, a few refused full
cost recovery, and a few were ended early after notice, so the compact checks have real
findings. Each awarded commissioning opportunity with a third-sector supplier gets the
agreement that delivers it. Other demo areas get a smaller set from their own council and
WCVA. Deterministic and idempotent.
"""

import random
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction

from commonground.core import actions as core_actions
from commonground.core.demo.loader import DEMO_AREA, PERSONAS
from commonground.core.models import Area, Organisation, User
from commonground.funding import actions
from commonground.funding.actions import PlannedPayment
from commonground.funding.models import Agreement
from commonground.funding.opportunities import agreement_initial, deliverable_opportunities

SEED = 1414
PREFIX = "DEMO"
RECIPIENTS = 64
TRUST = ("Ceredigion Community Trust", "Ymddiriedolaeth Gymunedol Ceredigion", "GB-CHC-1170001")
# funder identifier -> (directorates, modes, programme)
FUNDERS = {
    "GB-PLA-CGN": (["Adult Services", "Children and Families", "Communities"], ["grant", "purchase"], "Third Sector Grants"),
    "GB-NHS-7A2": (["Mental Health", "Primary Care"], ["purchase", "grant"], "Community Health"),
    "GB-CHC-1142582": (["Volunteering Wales"], ["grant", "investment"], "Sustainable Funding"),
    TRUST[2]: ([""], ["grant"], "Small Grants"),
}  # fmt: skip
# Another area's council, which has no identifier in the demo.
LOCAL_COUNCIL = (["Communities", "Social Services"], ["grant", "purchase"], "Community Grants")


def _trust(admin: User, area: Area) -> Organisation:
    found = Organisation.objects.filter(identifier=TRUST[2]).first()
    if found is not None:
        return found
    return core_actions.create_organisation(
        admin,
        {
            "name_en": TRUST[0],
            "name_cy": TRUST[1],
            "kind": Organisation.Kind.THIRD_SECTOR,
            "legal_form": Organisation.LegalForm.TRUST,
            "identifier": TRUST[2],
            "area": area,
            "public_listing": True,
            "description_en": "A grant-making trust for community groups in Ceredigion (fictional).",
            "description_cy": "Ymddiriedolaeth sy'n rhoi grantiau i grwpiau cymunedol yng Ngheredigion (ffuglennol).",
        },
    )


def _schedule(
    rng: random.Random, amount: int, start: date, years: int, arrears: bool
) -> list[PlannedPayment]:
    """Quarterly instalments, the last one taking the pennies left over."""
    count = 4 * years
    each = amount // count
    timing = "arrears" if arrears else "advance"
    payments = []
    for n in range(count):
        due = start + relativedelta(months=3 * n + (3 if arrears else 0))
        payments.append(
            PlannedPayment(due, each if n < count - 1 else amount - each * (count - 1), timing)
        )
    return payments


def _agreements_for(
    admin: User,
    rng: random.Random,
    funders: list[Organisation],
    recipients: list[Organisation],
    area: Area,
    per_recipient: tuple[int, int],
) -> None:
    today = date.today()
    n = 0
    for i, recipient in enumerate(recipients):
        theme = recipient.themes.first()
        for _j in range(rng.randint(*per_recipient)):
            n += 1
            funder = funders[(i + n) % len(funders)]
            directorates, modes, programme = FUNDERS.get(funder.identifier or "", LOCAL_COUNCIL)
            year = 2024 + rng.randrange(3)
            start = date(year, 4, 1)
            years = 3 if rng.random() < 0.35 else 1
            amount = rng.randrange(2_000, 60_000, 50) * 100
            arrears = rng.random() < 0.25
            short = rng.random() < 0.15
            refused = rng.random() < 0.08
            # The area's code, not its slug's first letters: Cardiff's and Carmarthenshire's
            # agreements with the same funder would share references at national scale.
            agreement = actions.offer_agreement(
                admin,
                {
                    "reference": f"{PREFIX}-{area.code}-{n:04d}",
                    "title": f"{programme}: {recipient.name_en}",
                    "description": f"Core and project costs of {recipient.name_en}.",
                    "funder": funder,
                    "directorate": rng.choice(directorates),
                    "recipient": recipient,
                    "programme_title": programme,
                    "mode": rng.choice(modes),
                    "amount_pence": amount,
                    "award_date": start - relativedelta(days=rng.randrange(20, 60)),
                    "planned_start": start.isoformat(),
                    "planned_end": (start + relativedelta(years=years, days=-1)).isoformat(),
                    "notice_days": rng.choice([14, 30]) if short else 90,
                    "fcr_allowed": not refused,
                    "overhead_percent": None if refused else rng.choice([10, 12, 15, 20]),
                    "monitoring_frequency": rng.choice(["quarterly", "six_monthly", "annual"]),
                    "monitoring_requirements": "Numbers reached and a short report of outcomes.",
                    "area": area,
                    "theme": theme,
                    "published": rng.random() < 0.9,
                },
                _schedule(rng, amount, start, years, arrears),
            )
            signed_on = start - relativedelta(days=10)
            if signed_on > today:
                continue
            agreement = actions.sign_agreement(admin, agreement, signed_on)
            if short and years == 3:
                given = start + relativedelta(months=18)
                ends = given + relativedelta(days=agreement.notice_days or 0)
                if given <= today:
                    actions.give_notice(
                        admin, agreement, given_on=given, ends_on=ends, reason="Budget reduction"
                    )
                if ends < today:
                    actions.end_agreement(admin, agreement, ends)
            elif agreement.ends_on and agreement.ends_on < today:
                actions.end_agreement(admin, agreement, agreement.ends_on)


@transaction.atomic
def load_demo() -> None:
    if Agreement.objects.filter(reference__startswith=f"{PREFIX}-").exists():
        return
    admin = User.objects.filter(email=PERSONAS[0].email).first()
    if admin is None:
        return
    rng = random.Random(SEED)
    home = Area.objects.get(code=DEMO_AREA)
    funders = list(Organisation.objects.filter(identifier__in=list(FUNDERS)[:3]))
    funders.append(_trust(admin, home))
    third_sector = Organisation.objects.filter(kind=Organisation.Kind.THIRD_SECTOR).exclude(
        identifier=TRUST[2]
    )
    recipients = list(third_sector.filter(area=home).order_by("slug")[:RECIPIENTS])
    _agreements_for(admin, rng, funders, recipients, home, (1, 3))
    others = Area.objects.filter(organisations__kind=Organisation.Kind.THIRD_SECTOR).exclude(
        pk=home.pk
    )
    for area in others.distinct().order_by("slug"):
        small = list(third_sector.filter(area=area).order_by("slug")[:10])
        council = Organisation.objects.filter(area=area, kind=Organisation.Kind.PUBLIC_BODY)
        local = [*council.order_by("slug")[:1], funders[2]]
        _agreements_for(admin, rng, local, small, area, (1, 2))
    _delivering_opportunities(admin, funders)


def _delivering_opportunities(admin: User, funders: list[Organisation]) -> None:
    """The agreements that deliver awarded opportunities, started from each award's terms."""
    for opportunity in deliverable_opportunities(funders).order_by("slug"):
        initial = agreement_initial(opportunity)
        if not {"recipient", "planned_start", "planned_end"} <= initial.keys():
            continue
        start, end = initial["planned_start"], initial["planned_end"]
        agreement = actions.offer_agreement(
            admin,
            {
                "opportunity": opportunity,
                "reference": f"{PREFIX}-OPP-{opportunity.pk:04d}",
                "title": initial["title"],
                "description": initial.get("description", ""),
                "funder": opportunity.buyer,
                "recipient": Organisation.objects.get(pk=initial["recipient"]),
                "mode": initial["mode"],
                "amount_pence": opportunity.estimated_value_pence,
                "award_date": initial.get("award_date") or start - relativedelta(months=2),
                "planned_start": start.isoformat(),
                "planned_end": end.isoformat(),
                "notice_days": 90,
                "fcr_allowed": True,
                "overhead_percent": 15,
                "monitoring_frequency": "quarterly",
                "area": opportunity.areas.first(),
                "published": True,
            },
            [],
        )
        if start - relativedelta(days=10) <= date.today():
            actions.sign_agreement(admin, agreement, start - relativedelta(days=10))
