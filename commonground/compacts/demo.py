"""Demo compacts, one per demo area, each of its own kind and in its own state.

- Ceredigion: an active bipartite compact following the Welsh funding code and the model
  local compact, with an action plan; its findings come from running the rules over the
  demo's own consultations, funding agreements and liaison issues (nothing is seeded).
- Cardiff: a resting multi-party compact, last reviewed three years ago, so overdue.
- Gwynedd: an active tripartite compact with a concern that has reached mediation.

Everything goes through the verbs, as the site administrator. Idempotent.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from commonground.compacts import actions
from commonground.compacts.findings import run_compact
from commonground.compacts.models import ActionTarget, Compact
from commonground.core.history import save_with_history
from commonground.core.models import Area, Organisation, User
from commonground.partnerships.models import PartnershipBody

CODES = ["funding", "consultation", "disputes", "volunteering"]
PACKS = ["wales-funding-code-2014", "model-local-compact"]


def _council(area: Area) -> Organisation | None:
    return (
        Organisation.objects.filter(area=area, kind=Organisation.Kind.PUBLIC_BODY)
        .filter(name_en__icontains="council")
        .order_by("pk")
        .first()
    )


def _parties(area: Area, *extra: Organisation | None) -> list[tuple[Organisation, date | None]]:
    today = timezone.localdate()
    found: list[tuple[Organisation, date | None]] = []
    for n, organisation in enumerate([_council(area), area.infrastructure_body, *extra]):
        if organisation is not None and all(o.pk != organisation.pk for o, _ in found):
            # The last party has not signed up yet: the register shows who has.
            found.append((organisation, today.replace(year=today.year - 6) if n < 2 else None))
    return found


def _ceredigion(admin: User, area: Area) -> Compact:
    today = timezone.localdate()
    liaison = PartnershipBody.objects.filter(slug="ceredigion-compact-liaison-committee").first()
    health = Organisation.objects.filter(identifier="GB-NHS-7A2").first()
    compact = actions.register_compact(
        admin,
        area,
        slug="ceredigion-compact",
        title_en="Ceredigion Compact",
        title_cy="Compact Ceredigion",
        summary_en="The compact between Ceredigion County Council and the county's third sector, "
        "with CAVO as the sector's voice.",
        summary_cy="Y compact rhwng Cyngor Sir Ceredigion a thrydydd sector y sir, gyda CAVO yn "
        "llais i'r sector.",
        kind=Compact.Kind.BIPARTITE,
        scope=Compact.Scope.LOCAL,
        adopted_on=today.replace(year=today.year - 6),
        last_reviewed_on=today - timedelta(days=120),
        codes=CODES,
        liaison_body=liaison,
        parties=_parties(area, health),
        packs=PACKS,
    )
    council = _council(area) or area.infrastructure_body
    assert council is not None
    for title_en, title_cy, due, target, achieved in (
        ("Consultations that give twelve weeks", "Ymgynghoriadau sy'n rhoi deuddeg wythnos", 200, 10, 7),
        ("Grants paid in advance", "Grantiau a delir ymlaen llaw", 300, 40, 22),
        ("Liaison issues answered by the next meeting", "Materion cyswllt a atebwyd erbyn y cyfarfod nesaf", 150, 12, 9),
    ):  # fmt: skip
        save_with_history(
            ActionTarget(
                compact=compact,
                title_en=title_en,
                title_cy=title_cy,
                owner=council,
                due_on=today + timedelta(days=due),
                target_value=target,
                achieved_value=achieved,
            ),
            admin,
        )
    return compact


def _cardiff(admin: User, area: Area) -> Compact:
    today = timezone.localdate()
    return actions.register_compact(
        admin,
        area,
        slug="cardiff-compact",
        title_en="Cardiff Compact",
        title_cy="Compact Caerdydd",
        summary_en="Signed by the council, the health board and the sector; its liaison group "
        "has not met for two years.",
        summary_cy="Wedi'i lofnodi gan y cyngor, y bwrdd iechyd a'r sector; nid yw ei grŵp "
        "cyswllt wedi cyfarfod ers dwy flynedd.",
        kind=Compact.Kind.MULTI_PARTY,
        scope=Compact.Scope.LOCAL,
        adopted_on=today.replace(year=today.year - 10),
        last_reviewed_on=today.replace(year=today.year - 3),
        status=Compact.Status.RESTING,
        codes=["funding", "consultation"],
        parties=_parties(area),
        packs=PACKS,
    )


def _gwynedd(admin: User, area: Area) -> Compact:
    today = timezone.localdate()
    compact = actions.register_compact(
        admin,
        area,
        slug="gwynedd-compact",
        title_en="Gwynedd Compact",
        title_cy="Compact Gwynedd",
        summary_en="The council, the health board's local team and the county voluntary council.",
        summary_cy="Y cyngor, tîm lleol y bwrdd iechyd a'r cyngor gwirfoddol sirol.",
        kind=Compact.Kind.TRIPARTITE,
        scope=Compact.Scope.LOCAL,
        adopted_on=today.replace(year=today.year - 4),
        last_reviewed_on=today - timedelta(days=200),
        codes=["funding", "consultation", "disputes", "bme", "community_groups"],
        parties=_parties(area),
        packs=PACKS,
    )
    raised = today - timedelta(days=75)
    dispute = actions.raise_concern(
        None,
        compact,
        "Our youth work grant was ended with four weeks' notice and no reasons in writing.",
        anonymous=True,
        today=raised,
    )
    liaison = compact.stages.get(key="liaison_body")
    mediation = compact.stages.get(key="mediation")
    actions.move_dispute(
        admin, dispute, liaison, "Not resolved informally within 20 working days.",
        today=raised + timedelta(days=30),
    )  # fmt: skip
    actions.move_dispute(
        admin, dispute, mediation, "The liaison body could not agree; mediation offered.",
        today=today - timedelta(days=10),
    )  # fmt: skip
    return compact


@transaction.atomic
def load_demo() -> None:
    """A compact for each demo area that exists, then the rules run over its records."""
    admin = User.objects.filter(email="admin@commonground.example", is_superuser=True).first()
    if admin is None:
        return
    for code, make in (
        ("W06000008", _ceredigion),
        ("W06000015", _cardiff),
        ("W06000002", _gwynedd),
    ):
        area = Area.objects.filter(code=code).first()
        if area is None or Compact.objects.filter(area=area).exists():
            continue
        if _council(area) is None and area.infrastructure_body is None:
            continue  # the area's own demo did not load
        run_compact(make(admin, area))
