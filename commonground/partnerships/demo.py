"""Demo partnerships for the demo area (Ceredigion). Deterministic and idempotent.

The public bodies and the CVC are the real ones the core demo creates; every person here
is fictional. Dates are relative to today so the demo always has past and future meetings,
terms about to expire, and overdue liaison issues.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from commonground.core.demo.loader import DEMO_AREA
from commonground.core.models import Affiliation, Area, Organisation, Person, User
from commonground.partnerships import actions, queries
from commonground.partnerships.models import Meeting, PartnershipBody, Seat, SeatHolding

PSB_SLUG = "ceredigion-psb"
LIAISON_SLUG = "ceredigion-compact-liaison-committee"

# (slug, name en, name cy, kind)
SUB_GROUPS = [
    (
        "economy-and-skills",
        "Economy and Skills Sub-group",
        "Is-grŵp yr Economi a Sgiliau",
        "sub_group",
    ),
    ("healthy-communities", "Healthy Communities Sub-group", "Is-grŵp Cymunedau Iach", "sub_group"),
    ("climate-and-nature", "Climate and Nature Sub-group", "Is-grŵp Hinsawdd a Natur", "sub_group"),
    (
        "best-start-in-life",
        "Best Start in Life Implementation Group",
        "Grŵp Gweithredu Dechrau Gorau mewn Bywyd",
        "implementation_group",
    ),
    ("tackling-poverty", "Tackling Poverty Partnership", "Partneriaeth Trechu Tlodi", "thematic"),
    (
        "community-safety",
        "Community Safety Partnership",
        "Partneriaeth Diogelwch Cymunedol",
        "thematic",
    ),
    (
        "welsh-language-and-culture",
        "Welsh Language and Culture Sub-group",
        "Is-grŵp y Gymraeg a Diwylliant",
        "sub_group",
    ),
    (
        "engagement-and-involvement",
        "Engagement and Involvement Sub-group",
        "Is-grŵp Ymgysylltu a Chynnwys",
        "sub_group",
    ),
]
FORUMS = [
    (
        "ceredigion-third-sector-forum",
        "Ceredigion Third Sector Forum",
        "Fforwm Trydydd Sector Ceredigion",
    ),
    (
        "children-and-young-peoples-forum",
        "Children and Young People’s Third Sector Forum",
        "Fforwm Trydydd Sector Plant a Phobl Ifanc",
    ),
    (
        "health-and-social-care-forum",
        "Health and Social Care Third Sector Forum",
        "Fforwm Trydydd Sector Iechyd a Gofal Cymdeithasol",
    ),
]

# Fictional people for the public-body seats.
OFFICIALS = [
    ("Bryn", "Davies", "Ceredigion County Council", "Leader of the Council"),
    ("Eleri", "Thomas", "Ceredigion County Council", "Chief Executive"),
    ("Huw", "Rowlands", "Hywel Dda University Health Board", "Chair"),
    ("Catrin", "Lloyd", "Mid and West Wales Fire and Rescue Service", "Chief Fire Officer"),
    ("Owain", "Pugh", "Natural Resources Wales", "Head of Operations"),
    ("Nia", "Griffiths", "Ceredigion Association of Voluntary Organisations", "Chief Officer"),
    ("Rhodri", "Jones", "Dyfed-Powys Police", "Superintendent"),
]


@dataclass
class _Cast:
    area: Area
    staff: User  # Siân, infrastructure staff: keeps the register
    support: User  # Dafydd, board support officer: runs meetings
    officer: User  # Rhian, public-body officer: answers liaison issues
    council: Organisation
    cvc: Organisation
    officials: dict[str, Person]
    sector: list[tuple[Organisation, Person]]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _cast() -> _Cast:
    area = Area.objects.get(code=DEMO_AREA)
    organisations = {
        o.name_en: o
        for o in Organisation.objects.filter(kind__in=["public_body", "infrastructure"])
    }
    officials = {}
    for given, family, organisation, title in OFFICIALS:
        person = Person.objects.create(given_name=given, family_name=family)
        Affiliation.objects.create(
            person=person, organisation=organisations[organisation], role="staff", title=title
        )
        officials[title] = person
    sector = []
    managers = (
        Affiliation.objects.filter(
            organisation__area=area,
            organisation__kind=Organisation.Kind.THIRD_SECTOR,
            organisation__constituted=True,
            is_admin=True,
        )
        .exclude(person__email="gareth@aberystwyth-foodbank.example")
        .select_related("organisation", "person")
        .order_by("organisation__name_en", "pk")
    )
    for affiliation in managers[:40:3]:  # a spread across the alphabet
        sector.append((affiliation.organisation, affiliation.person))
    return _Cast(
        area=area,
        staff=User.objects.get(email="sian@cavo.example"),
        support=User.objects.get(email="dafydd@ceredigion-council.example"),
        officer=User.objects.get(email="rhian@ceredigion-council.example"),
        council=organisations["Ceredigion County Council"],
        cvc=organisations["Ceredigion Association of Voluntary Organisations"],
        officials=officials,
        sector=sector,
    )


def _body(
    cast: _Cast,
    slug: str,
    name_en: str,
    name_cy: str,
    kind: str,
    convenor: Organisation,
    parent: PartnershipBody | None,
    frequency: str,
    terms_en: str,
    terms_cy: str,
) -> PartnershipBody:
    return actions.create_body(
        cast.staff,
        {
            "slug": slug,
            "name_en": name_en,
            "name_cy": name_cy,
            "kind": kind,
            "parent": parent,
            "convenor": convenor,
            "meeting_frequency": frequency,
            "terms_of_reference_en": terms_en,
            "terms_of_reference_cy": terms_cy,
        },
        [cast.area],
    )


def _seat(
    cast: _Cast,
    body: PartnershipBody,
    name_en: str,
    name_cy: str,
    kind: str,
    reserved_for: str = "",
    term_months: int = 24,
) -> Seat:
    return actions.add_seat(
        cast.staff,
        body,
        {
            "name_en": name_en,
            "name_cy": name_cy,
            "kind": kind,
            "reserved_for": reserved_for,
            "term_months": term_months,
            "max_consecutive_terms": 2,
            "has_substitute": kind == Seat.Kind.SECTOR,
        },
    )


def _history(
    cast: _Cast,
    seat: Seat,
    holders: list[tuple[Organisation, Person]],
    *,
    current_ends: date | None = None,
    first_start: date | None = None,
    note: str = "",
    vacant_since: date | None = None,
) -> None:
    """Holders one after another, each serving one full term of the seat, with a handover note.

    The current holder's term ends on ``current_ends``, and the earlier terms are counted
    back from it; or, for a seat whose last holder stood down on ``vacant_since``, the first
    term starts on ``first_start``.
    """
    if current_ends is not None:
        start = queries.add_months(
            current_ends + timedelta(days=1), -seat.term_months * len(holders)
        )
    else:
        assert first_start is not None
        start = first_start
    for index, (organisation, person) in enumerate(holders):
        last = index == len(holders) - 1
        ends = queries.term_end(seat, start)
        holding = actions.appoint_holder(
            cast.staff,
            seat,
            person=person,
            organisation=organisation,
            route=SeatHolding.Route.ELECTED if index % 2 == 0 else SeatHolding.Route.UNOPPOSED,
            starts_on=start,
            ends_on=ends,
        )
        if not last:
            actions.end_holding(
                cast.staff, holding, ends, note if index == len(holders) - 2 else ""
            )
        elif vacant_since is not None:
            actions.end_holding(cast.staff, holding, vacant_since, note)
        start = ends + timedelta(days=1)


def _meetings(
    cast: _Cast,
    body: PartnershipBody,
    today: date,
    past: int,
    future: int,
    every_days: int,
    venue: str,
    decisions: list[tuple[str, str]],
    action_owner: Organisation,
) -> list[Meeting]:
    """``past`` held meetings (the last about a fortnight ago) and ``future`` scheduled ones."""
    created = []
    first = today - timedelta(days=14 + every_days * (past - 1))
    for n in range(past + future):
        day = first + timedelta(days=every_days * n)
        meeting = actions.schedule_meeting(
            cast.support,
            body,
            {
                "starts_at": _at(day, 10),
                "ends_at": _at(day, 12),
                "venue": venue,
                "agenda_en": "1. Welcome and apologies\n2. Minutes of the last meeting\n3. Progress on the well-being plan\n4. Third sector update\n5. Any other business",
                "agenda_cy": "1. Croeso ac ymddiheuriadau\n2. Cofnodion y cyfarfod diwethaf\n3. Cynnydd ar y cynllun llesiant\n4. Diweddariad y trydydd sector\n5. Unrhyw fater arall",
            },
        )
        if day < today:
            holders = [
                (h.person, h.organisation)
                for h in SeatHolding.objects.filter(seat__body=body, starts_on__lte=day)
                .exclude(ended_on__lte=day)
                .select_related("person", "organisation")
            ]
            attendance = [
                actions.AttendanceEntry(
                    person=p, organisation=o, status="apologies" if i == 2 else "present"
                )
                for i, (p, o) in enumerate(dict((p.pk, (p, o)) for p, o in holders).values())
            ]
            text_en, text_cy = decisions[n % len(decisions)]
            actions.record_meeting(
                cast.support,
                meeting,
                minutes_en=f"The meeting received updates from partners and agreed the items below. {text_en}",
                minutes_cy=f"Cafodd y cyfarfod ddiweddariadau gan bartneriaid a chytunodd ar yr eitemau isod. {text_cy}",
                attendance=attendance,
                decisions=[(text_en, text_cy)],
                actions=[
                    actions.ActionEntry(
                        description_en="Circulate the updated action plan to all members",
                        description_cy="Dosbarthu’r cynllun gweithredu diweddaredig i’r holl aelodau",
                        owner=action_owner,
                        due_on=day + timedelta(days=21),
                    ),
                    actions.ActionEntry(
                        description_en="Share the item with third sector networks and gather views",
                        description_cy="Rhannu’r eitem â rhwydweithiau’r trydydd sector a chasglu barn",
                        owner=cast.cvc,
                        due_on=day + timedelta(days=35),
                    ),
                ],
            )
        created.append(meeting)
    return created


DECISIONS = [
    (
        "Agreed the annual report on the local well-being plan for publication.",
        "Cytunwyd i gyhoeddi’r adroddiad blynyddol ar y cynllun llesiant lleol.",
    ),
    (
        "Agreed to co-produce the next needs assessment with the third sector.",
        "Cytunwyd i gydgynhyrchu’r asesiad anghenion nesaf gyda’r trydydd sector.",
    ),
    (
        "Approved a task and finish group on rural transport.",
        "Cymeradwywyd grŵp gorchwyl a gorffen ar drafnidiaeth wledig.",
    ),
    (
        "Agreed to pool funding for community warm spaces this winter.",
        "Cytunwyd i gronni cyllid ar gyfer mannau cynnes cymunedol y gaeaf hwn.",
    ),
]


@transaction.atomic
def load_demo() -> None:
    """Create the demo partnerships. Does nothing if they exist already."""
    if PartnershipBody.objects.filter(slug=PSB_SLUG).exists():
        return
    if not User.objects.filter(email="sian@cavo.example").exists():
        return  # the core demo has not run
    cast = _cast()
    today = timezone.localdate()
    health = Organisation.objects.get(name_en="Hywel Dda University Health Board")
    psb = _body(
        cast,
        PSB_SLUG,
        "Ceredigion Public Services Board",
        "Bwrdd Gwasanaethau Cyhoeddus Ceredigion",
        "psb",
        cast.council,
        None,
        "quarterly",
        "The statutory board under the Well-being of Future Generations (Wales) Act 2015. It assesses well-being in Ceredigion and publishes and delivers the local well-being plan.",
        "Y bwrdd statudol o dan Ddeddf Llesiant Cenedlaethau’r Dyfodol (Cymru) 2015. Mae’n asesu llesiant yng Ngheredigion ac yn cyhoeddi ac yn cyflawni’r cynllun llesiant lleol.",
    )
    # PSB seats: statutory members ex officio, the CVC chief officer reserved, two sector seats.
    for title, name_en, name_cy, organisation in [
        (
            "Leader of the Council",
            "Leader of Ceredigion County Council",
            "Arweinydd Cyngor Sir Ceredigion",
            cast.council,
        ),
        (
            "Chief Executive",
            "Chief Executive of Ceredigion County Council",
            "Prif Weithredwr Cyngor Sir Ceredigion",
            cast.council,
        ),
        (
            "Chair",
            "Chair of Hywel Dda University Health Board",
            "Cadeirydd Bwrdd Iechyd Prifysgol Hywel Dda",
            health,
        ),
    ]:
        seat = _seat(cast, psb, name_en, name_cy, Seat.Kind.EX_OFFICIO, term_months=48)
        actions.appoint_holder(
            cast.staff,
            seat,
            person=cast.officials[title],
            organisation=organisation,
            route=SeatHolding.Route.EX_OFFICIO,
            starts_on=today - timedelta(days=700),
        )
    chief = _seat(
        cast,
        psb,
        "Chief Officer of the County Voluntary Council",
        "Prif Swyddog y Cyngor Gwirfoddol Sirol",
        Seat.Kind.RESERVED,
        reserved_for="Chief Officer, CAVO",
        term_months=36,
    )
    actions.appoint_holder(
        cast.staff,
        chief,
        person=cast.officials["Chief Officer"],
        organisation=cast.cvc,
        route=SeatHolding.Route.APPOINTED,
        starts_on=today - timedelta(days=400),
    )
    sector_1 = _seat(cast, psb, "Third sector seat 1", "Sedd trydydd sector 1", Seat.Kind.SECTOR)
    # Three holders over six years; the current one's term ends in about two months.
    _history(
        cast,
        sector_1,
        cast.sector[0:3],
        current_ends=today + timedelta(days=60),
        note="Read the well-being plan and the last two annual reports before your first meeting.",
    )
    sector_2 = _seat(cast, psb, "Third sector seat 2", "Sedd trydydd sector 2", Seat.Kind.SECTOR)
    # Vacant: the last holder stood down last month.
    _history(
        cast,
        sector_2,
        cast.sector[3:5],
        first_start=today - timedelta(days=2 * 365 + 400),
        note="The board values short written briefings circulated a week ahead.",
        vacant_since=today - timedelta(days=30),
    )
    _meetings(
        cast,
        psb,
        today,
        past=4,
        future=2,
        every_days=91,
        venue="Canolfan Rheidol, Aberystwyth",
        decisions=DECISIONS,
        action_owner=cast.council,
    )

    # Eight sub-groups, each with a sector seat; some filled, some vacant, some expiring.
    for index, (slug, name_en, name_cy, kind) in enumerate(SUB_GROUPS):
        convenor = (
            cast.cvc
            if slug == "engagement-and-involvement"
            else (health if slug == "healthy-communities" else cast.council)
        )
        body = _body(
            cast,
            slug,
            name_en,
            name_cy,
            kind,
            convenor,
            psb,
            "bimonthly",
            f"Leads the well-being plan’s work on {name_en.split(' Sub-group')[0].split(' Implementation')[0].split(' Partnership')[0].lower()} and reports to the Public Services Board.",
            "Yn arwain gwaith y cynllun llesiant yn y maes hwn ac yn adrodd i’r Bwrdd Gwasanaethau Cyhoeddus.",
        )
        seat = _seat(
            cast,
            body,
            "Third sector representative",
            "Cynrychiolydd y trydydd sector",
            Seat.Kind.SECTOR,
        )
        pool = cast.sector[5 + index : 6 + index]
        if slug == "engagement-and-involvement":
            sian = User.objects.get(email="sian@cavo.example").person
            assert sian is not None
            actions.appoint_holder(
                cast.staff,
                seat,
                person=sian,
                organisation=cast.cvc,
                route=SeatHolding.Route.APPOINTED,
                starts_on=today - timedelta(days=300),
            )
        elif index in (2, 5):
            pass  # vacant
        elif index in (0, 3):
            _history(
                cast,
                seat,
                [cast.sector[(index + 7) % len(cast.sector)], *pool],
                current_ends=today + timedelta(days=30 + index * 10),
            )
        else:
            _history(
                cast,
                seat,
                pool,
                current_ends=today + timedelta(days=400),
            )
        _meetings(
            cast,
            body,
            today,
            past=2,
            future=1,
            every_days=61,
            venue="Penmorfa, Aberaeron",
            decisions=DECISIONS[index % 4 :] + DECISIONS[: index % 4],
            action_owner=convenor,
        )

    for index, (slug, name_en, name_cy) in enumerate(FORUMS):
        forum = _body(
            cast,
            slug,
            name_en,
            name_cy,
            "forum",
            cast.cvc,
            psb,
            "quarterly",
            "Brings third sector organisations together to share news, shape the sector’s views and brief its representatives.",
            "Yn dod â mudiadau’r trydydd sector at ei gilydd i rannu newyddion, llunio barn y sector a briffio ei gynrychiolwyr.",
        )
        seat = _seat(cast, forum, "Chair", "Cadeirydd", Seat.Kind.SECTOR)
        _history(
            cast,
            seat,
            cast.sector[10 + index : 11 + index],
            current_ends=today + timedelta(days=550),
        )
        _meetings(
            cast,
            forum,
            today,
            past=1,
            future=1,
            every_days=91,
            venue="CAVO, Lampeter",
            decisions=DECISIONS,
            action_owner=cast.cvc,
        )

    _liaison(cast, today)


def _liaison(cast: _Cast, today: date) -> None:
    body = _body(
        cast,
        LIAISON_SLUG,
        "Ceredigion Compact Liaison Committee",
        "Pwyllgor Cyswllt Compact Ceredigion",
        "liaison",
        cast.council,
        None,
        "quarterly",
        "Oversees the compact between the council and the third sector. Issues the sector raises get a written response, or an officer attends the next meeting.",
        "Yn goruchwylio’r compact rhwng y cyngor a’r trydydd sector. Mae materion y mae’r sector yn eu codi yn cael ymateb ysgrifenedig, neu mae swyddog yn dod i’r cyfarfod nesaf.",
    )
    for n in (1, 2, 3):
        seat = _seat(
            cast, body, f"Third sector member {n}", f"Aelod trydydd sector {n}", Seat.Kind.SECTOR
        )
        _history(
            cast,
            seat,
            cast.sector[n - 1 : n],
            current_ends=today + timedelta(days=230),
        )
    member = _seat(
        cast,
        body,
        "Cabinet member for partnerships",
        "Aelod Cabinet dros bartneriaethau",
        Seat.Kind.EX_OFFICIO,
        term_months=48,
    )
    actions.appoint_holder(
        cast.staff,
        member,
        person=cast.officials["Leader of the Council"],
        organisation=cast.council,
        route=SeatHolding.Route.EX_OFFICIO,
        starts_on=today - timedelta(days=500),
    )
    meetings = _meetings(
        cast,
        body,
        today,
        past=3,
        future=1,
        every_days=91,
        venue="Neuadd Cyngor Ceredigion, Aberaeron",
        decisions=DECISIONS,
        action_owner=cast.council,
    )
    first, second, third = meetings[0], meetings[1], meetings[2]
    raised = [
        (
            first,
            cast.sector[0],
            "Late payment of grant instalments",
            "Several organisations received their quarterly grant instalments up to eight weeks late, putting staff wages at risk.",
            "answer",
        ),
        (
            first,
            cast.sector[1],
            "Consultation periods over the summer",
            "Two consultations ran for four weeks in August, when many volunteer trustees were away.",
            "officer",
        ),
        (
            second,
            cast.sector[2],
            "Full cost recovery in commissioned services",
            "Contracts for day services do not cover overheads; the compact’s funding code expects full cost recovery.",
            None,
        ),
        (
            second,
            cast.sector[3],
            "Access to council buildings for community groups",
            "Community groups have lost free use of two council buildings without notice.",
            None,
        ),
        (
            third,
            cast.sector[4],
            "Volunteer DBS check costs",
            "Groups ask whether the council will keep paying for volunteer DBS checks next year.",
            None,
        ),
    ]
    for meeting, (organisation, _person), title, description, outcome in raised:
        issue = actions.raise_liaison_issue(
            cast.support,
            meeting,
            raised_by=organisation,
            text={"title_en": title, "description_en": description},
        )
        if outcome == "answer":
            actions.answer_liaison_issue(
                cast.officer,
                issue,
                "Finance has moved grant payments to the first working day of each quarter; no instalment has been late since.",
                responded_on=meeting.starts_at.date() + timedelta(days=20),
            )
        elif outcome == "officer":
            actions.arrange_officer_attendance(
                cast.officer, issue, "Head of Policy and Performance, Ceredigion County Council"
            )
