"""Demo representation for Ceredigion: an open vacancy, an election in progress, a finished STV
election with its count, and report-backs, some of them overdue. Deterministic and idempotent.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from commonground.core.models import Area, Organisation, User
from commonground.partnerships import queries as partnership_queries
from commonground.partnerships.models import Meeting, Seat, SeatHolding
from commonground.representation import actions, eligibility, queries
from commonground.representation.models import Election, Vacancy

SEED = 2027
STATEMENTS = [
    "I have run a community group for ten years and sit on two local networks. I will read every paper, ask what it means for small groups, and report back within a week of each meeting.",
    "Our organisation works with older people across the county. I want the board to hear from volunteers and carers, and I will hold a short open briefing before each meeting.",
    "I manage a youth project and know how decisions land on the ground. I will push for plain-language papers and make sure rural groups are heard.",
    "As a trustee of a community energy scheme I bring experience of partnership funding. I will champion full cost recovery and early notice of commissioning.",
    "I chair our town's carers' group. I will bring the voice of unpaid carers and share every report-back on the forum and by email.",
]


def _candidates(
    area: Area, seat: Seat, count: int, rng: random.Random, exclude: set[int]
) -> list[tuple[User, Organisation]]:
    """Eligible organisations with an admin account, for nominations."""
    rules = eligibility.rules_for(seat, area)
    found = []
    organisations = list(queries.eligible_to_stand(area).order_by("pk"))
    rng.shuffle(organisations)
    for organisation in organisations:
        if organisation.pk in exclude:
            continue
        if eligibility.check_organisation(organisation, seat, area, rules, timezone.localdate()):
            continue
        user = User.objects.filter(
            person__affiliations__organisation=organisation, person__affiliations__is_admin=True
        ).first()
        if user is None or user.email == "gareth@aberystwyth-foodbank.example":
            continue
        found.append((user, organisation))
        exclude.add(organisation.pk)
        if len(found) == count:
            break
    return found


def _advertise(
    staff: User, seat: Seat, rng: random.Random, nominees: list[tuple[User, Organisation]]
) -> Vacancy:
    vacancy = actions.advertise_vacancy(
        staff,
        seat,
        role_description_en=f"Represent Ceredigion's third sector on {seat.body.name_en}: prepare with the sector, attend every meeting, speak for small and rural groups, and post a plain-language report-back within two weeks.",
        role_description_cy=f"Cynrychioli trydydd sector Ceredigion ar {seat.body.name_cy or seat.body.name_en}: paratoi gyda'r sector, mynychu pob cyfarfod, siarad dros grwpiau bach a gwledig, a phostio adroddiad yn ôl mewn iaith glir o fewn pythefnos.",
    )
    for user, organisation in nominees:
        assert user.person is not None
        actions.submit_nomination(user, vacancy, organisation, user.person, rng.choice(STATEMENTS))
    return vacancy


def _run_election(
    staff: User, vacancy: Vacancy, rng: random.Random, turnout: float, finish: bool
) -> Election:
    for nomination in vacancy.nominations.all():
        actions.validate_nomination(staff, nomination, accept=True)
    # Nominations closed yesterday, after the full window: the whole window moves back, so
    # it never ends before it opens.
    yesterday = timezone.localdate() - timedelta(days=1)
    Vacancy.objects.filter(pk=vacancy.pk).update(
        opens_on=yesterday - (vacancy.closes_on - vacancy.opens_on), closes_on=yesterday
    )
    vacancy.refresh_from_db()
    actions.close_nominations(staff, vacancy, method=Election.Method.SCOTTISH)
    election = actions.open_voting(staff, Election.objects.get(vacancy=vacancy))
    positions = list(election.candidates.values_list("position", flat=True))
    popularity = {p: rng.random() + 0.2 for p in positions}
    for elector in election.electors.select_related("organisation").order_by("pk"):
        if elector.organisation and elector.organisation.name_en == "Aberystwyth Food Bank":
            continue  # Gareth votes himself in the demo
        if rng.random() > turnout:
            continue
        order = sorted(positions, key=lambda p: -popularity[p] * rng.random())
        user = User.objects.filter(
            person__affiliations__organisation=elector.organisation,
            person__affiliations__is_admin=True,
        ).first()
        if user is None or elector.organisation is None:
            continue
        actions.cast_ballot(
            user, election, elector.organisation, order[: rng.randint(1, len(order))]
        )
    if finish:
        Election.objects.filter(pk=election.pk).update(
            closes_at=timezone.now() - timedelta(minutes=1)
        )
        election.refresh_from_db()
        actions.close_voting(staff, election)
        actions.record_result(election)
        # Move the story into the past: nominations five weeks ago, the new term begun.
        shift = timedelta(days=35)
        Vacancy.objects.filter(pk=vacancy.pk).update(
            opens_on=vacancy.opens_on - shift,
            closes_on=vacancy.closes_on - shift,
            term_starts_on=timezone.localdate() - timedelta(days=3),
        )
        Election.objects.filter(pk=election.pk).update(
            opens_at=election.opens_at - shift, closes_at=timezone.now() - timedelta(days=4)
        )
        # The term begun three days ago is a full term of the seat.
        began = timezone.localdate() - timedelta(days=3)
        SeatHolding.objects.filter(
            seat=vacancy.seat, ended_on__isnull=True, route=SeatHolding.Route.ELECTED
        ).update(starts_on=began, ends_on=partnership_queries.term_end(vacancy.seat, began))
    return election


def _month(meeting: Meeting, language: str) -> str:
    """The meeting's month as a title names it: "November 2026", "Tachwedd 2026"."""
    with translation.override(language):
        return date_format(timezone.localtime(meeting.starts_at), "F Y")


def _report_backs(area: Area) -> None:
    """Three representatives report back; the first has not yet reported on its latest meeting."""
    reporters = 0
    for seat in Seat.objects.filter(kind=Seat.Kind.SECTOR, body__areas=area).order_by(
        "body__kind", "pk"
    ):
        holding = seat.current_holding()
        user = User.objects.filter(person=holding.person).first() if holding else None
        if holding is None or user is None:
            continue
        meetings = list(
            Meeting.objects.filter(
                body=seat.body, status=Meeting.Status.HELD, starts_at__date__gte=holding.starts_on
            ).order_by("starts_at")
        )
        if not meetings:
            continue
        for meeting in meetings[:-1] if reporters == 0 else meetings:
            actions.post_report_back(
                user,
                holding,
                meeting,
                {
                    "title_en": f"{seat.body.name_en}: {_month(meeting, 'en')}",
                    "title_cy": f"{seat.body.name_cy}: {_month(meeting, 'cy')}",
                    "decided_en": "The board agreed the next steps for the well-being plan and asked partners to co-produce the needs assessment with the third sector.",
                    "decided_cy": "Cytunodd y bwrdd ar y camau nesaf ar gyfer y cynllun llesiant a gofynnodd i bartneriaid gydgynhyrchu'r asesiad anghenion gyda'r trydydd sector.",
                    "meaning_en": "Third sector organisations will be invited to workshops in the spring. Small groups can take part online.",
                    "meaning_cy": "Bydd mudiadau'r trydydd sector yn cael gwahoddiad i weithdai yn y gwanwyn. Gall grwpiau bach gymryd rhan ar-lein.",
                    "ask_en": "Tell me which issues your members most want the assessment to cover.",
                    "ask_cy": "Dywedwch wrthyf pa faterion y mae eich aelodau am i'r asesiad eu cynnwys fwyaf.",
                },
            )
        reporters += 1
        if reporters == 3:
            break


@transaction.atomic
def load_demo() -> None:
    """Create the demo vacancy, elections and report-backs. Does nothing if they exist."""
    area = Area.objects.filter(code="W06000008", infrastructure_body__isnull=False).first()
    staff = User.objects.filter(email="sian@cavo.example").first()
    if area is None or staff is None or Vacancy.objects.filter(seat__body__areas=area).exists():
        return
    vacant = [
        s
        for s in Seat.objects.filter(kind=Seat.Kind.SECTOR, body__areas=area)
        .select_related("body")
        .order_by("body__kind", "body__name_en", "pk")
        if s.current_holding() is None
    ]
    if len(vacant) < 3:
        return  # the partnerships demo has not run
    rng = random.Random(SEED)
    used: set[int] = set()
    psb_seat = next((s for s in vacant if s.body.kind == "psb"), vacant[0])
    others = [s for s in vacant if s != psb_seat]

    gareth = User.objects.get(email="gareth@aberystwyth-foodbank.example")
    food_bank = Organisation.objects.get(name_en="Aberystwyth Food Bank")
    open_vacancy = _advertise(staff, psb_seat, rng, _candidates(area, psb_seat, 1, rng, used))
    assert gareth.person is not None
    actions.submit_nomination(gareth, open_vacancy, food_bank, gareth.person, STATEMENTS[0])
    used.add(food_bank.pk)

    finished = _advertise(staff, others[1], rng, _candidates(area, others[1], 4, rng, used))
    _run_election(staff, finished, rng, turnout=0.6, finish=True)
    in_progress = _advertise(staff, others[0], rng, _candidates(area, others[0], 3, rng, used))
    _run_election(staff, in_progress, rng, turnout=0.3, finish=False)
    _report_backs(area)
