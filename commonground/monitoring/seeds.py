"""The two seed programmes as data: logic models in the JSON format, and raw evidence
records, as CSV in the import format, that add up to the totals the seeds publish.

The seeds give totals only (000 T7; 003 Tables 2.1, 4.2 and 5.3), so the records are made
up to fit them: eligible ones that make the published figure, plus records in the pipeline
and not eligible (with reasons) that must not count, and repeat attendances (the same
person at two sessions) that must count once. Names of people are pseudonymous references.
"""

import csv
import io
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from commonground.monitoring.importer import COLUMNS
from commonground.monitoring.layouts import CASE_STUDY_AREAS, MTC, NPTSC

# West Wales and the Valleys: the Convergence ESF area of MtC's 15 CVC officers (000 L411-421).
MTC_AREAS = [
    "W06000001", "W06000002", "W06000003", "W06000004", "W06000008", "W06000009",
    "W06000010", "W06000011", "W06000012", "W06000013", "W06000016", "W06000024",
    "W06000018", "W06000019", "W06000020",
]  # fmt: skip
WCVA = "wales-council-for-voluntary-action"


def _item(en: str, cy: str) -> dict[str, str]:
    return {"en": en, "cy": cy}


def _indicator(
    code: str, en: str, cy: str, kind: str, unit: str, targets: list[Any] | None = None
) -> dict[str, Any]:
    return {
        "code": code,
        "title_en": en,
        "title_cy": cy,
        "kind": kind,
        "unit": unit,
        "targets": targets or [],
    }


def mtc_model(period_end: date, partners: list[str], funders: list[str]) -> dict[str, Any]:
    """000 Figure 3.1 / T8, with T7's targets (15 dissemination products; 30 agreements)."""
    whole = {"period_start": "2012-06-01", "period_end": "2014-07-31"}
    return {
        "slug": MTC,
        "title_en": "Making the Connections",
        "title_cy": "Creu'r Cysylltiadau",
        "period_start": "2012-06-01",
        "period_end": period_end.isoformat(),
        "areas": MTC_AREAS,
        "funders": funders,
        "delivery_partners": partners,
        "inputs": [
            _item("15 MtC officers in CVCs", "15 swyddog Creu'r Cysylltiadau mewn CGS"),
            _item("Line-management from CVCs", "Rheolaeth linell gan y CGS"),
            _item(
                "1.9 FTE project management staff in WCVA",
                "1.9 CALl o staff rheoli prosiect yn WCVA",
            ),
            _item(
                "Project management support from the Welsh Government",
                "Cymorth rheoli prosiect gan Lywodraeth Cymru",
            ),
        ],
        "strands": [
            {
                "code": "representation",
                "title_en": "Representation and information",
                "title_cy": "Cynrychiolaeth a gwybodaeth",
                "activities": [
                    _item(
                        "Ensure representation of the sector at the LSB and key groups",
                        "Sicrhau cynrychiolaeth i'r sector yn y BGLl a grwpiau allweddol",
                    ),
                    _item(
                        "Provide information on public service developments to third sector organisations",
                        "Rhoi gwybodaeth am ddatblygiadau gwasanaethau cyhoeddus i sefydliadau'r trydydd sector",
                    ),
                ],
                "results": [
                    _item(
                        "The third sector is better informed",
                        "Mae'r trydydd sector yn fwy gwybodus",
                    )
                ],
                "impacts": [
                    _item(
                        "Citizen-centred public services better designed and delivered",
                        "Gwasanaethau cyhoeddus sy'n canolbwyntio ar ddinasyddion, wedi'u cynllunio a'u darparu'n well",
                    )
                ],
                "indicators": [
                    _indicator(
                        "ri-dissemination",
                        "Dissemination initiatives and products",
                        "Mentrau a chynhyrchion lledaenu",
                        "output",
                        "count",
                        [{**whole, "value": 15}],
                    ),
                    _indicator(
                        "ri-lsb-development",
                        "Initiatives to support LSB development",
                        "Mentrau i gefnogi datblygiad y BGLl",
                        "output",
                        "count",
                    ),
                ],
            },
            {
                "code": "service-planning",
                "title_en": "Input into service planning",
                "title_cy": "Cyfrannu at gynllunio gwasanaethau",
                "activities": [
                    _item(
                        "Facilitate input from the third sector into public service planning",
                        "Hwyluso cyfraniad y trydydd sector at gynllunio gwasanaethau cyhoeddus",
                    ),
                    _item(
                        "Training to enable third sector organisations to engage in service planning",
                        "Hyfforddiant i alluogi sefydliadau'r trydydd sector i ymwneud â chynllunio gwasanaethau",
                    ),
                ],
                "results": [
                    _item(
                        "An increase in the capacity of the third sector to influence decisions on public services",
                        "Mwy o allu gan y trydydd sector i ddylanwadu ar benderfyniadau am wasanaethau cyhoeddus",
                    )
                ],
                "impacts": [
                    _item(
                        "A shift towards early interventions reducing the need for acute services",
                        "Symud tuag at ymyrryd yn gynnar gan leihau'r angen am wasanaethau acíwt",
                    )
                ],
                "indicators": [
                    _indicator(
                        "sp-agreements",
                        "Collaborative agreements between public sector and third sector",
                        "Cytundebau cydweithio rhwng y sector cyhoeddus a'r trydydd sector",
                        "output",
                        "count",
                    ),
                    _indicator(
                        "sp-secondments",
                        "Secondments between third sector and public sector",
                        "Secondiadau rhwng y trydydd sector a'r sector cyhoeddus",
                        "output",
                        "count",
                    ),
                    _indicator(
                        "sp-trained",
                        "Organisations trained in service planning",
                        "Sefydliadau a hyfforddwyd mewn cynllunio gwasanaethau",
                        "output",
                        "organisations",
                    ),
                ],
            },
            {
                "code": "service-delivery",
                "title_en": "Input into service delivery",
                "title_cy": "Cyfrannu at ddarparu gwasanaethau",
                "activities": [
                    _item(
                        "Provide advice and help to potential third sector providers",
                        "Rhoi cyngor a help i ddarparwyr posibl yn y trydydd sector",
                    ),
                    _item(
                        "Support and broker collaborative ventures between third sector organisations",
                        "Cefnogi a hwyluso mentrau cydweithredol rhwng sefydliadau'r trydydd sector",
                    ),
                ],
                "results": [
                    _item(
                        "Third sector organisations are more ready to deliver public services, including through consortia",
                        "Mae sefydliadau'r trydydd sector yn fwy parod i ddarparu gwasanaethau cyhoeddus, gan gynnwys drwy gonsortia",
                    )
                ],
                "impacts": [
                    _item("A more sustainable third sector", "Trydydd sector mwy cynaliadwy")
                ],
                "indicators": [
                    _indicator(
                        "sd-procurement",
                        "Organisations trained or supported to meet procurement standards",
                        "Sefydliadau a hyfforddwyd neu a gefnogwyd i gyrraedd safonau caffael",
                        "output",
                        "organisations",
                    ),
                    _indicator(
                        "sd-agreements",
                        "Collaborative agreements within the third sector",
                        "Cytundebau cydweithio o fewn y trydydd sector",
                        "output",
                        "count",
                        [{**whole, "value": 30}],
                    ),
                ],
            },
            {
                "code": "citizen-voice",
                "title_en": "Citizen voice",
                "title_cy": "Llais y dinesydd",
                "activities": [
                    _item(
                        "Organise events to enable citizens to engage in public service planning",
                        "Trefnu digwyddiadau i alluogi dinasyddion i ymwneud â chynllunio gwasanaethau cyhoeddus",
                    ),
                    _item(
                        "Support service user groups to input into public service planning",
                        "Cefnogi grwpiau defnyddwyr gwasanaethau i gyfrannu at gynllunio gwasanaethau cyhoeddus",
                    ),
                ],
                "results": [
                    _item(
                        "An increase in the capacity of the third sector to engage meaningfully with service users",
                        "Mwy o allu gan y trydydd sector i ymgysylltu'n ystyrlon â defnyddwyr gwasanaethau",
                    )
                ],
                "impacts": [
                    _item(
                        "Citizen-centred public services better designed and delivered",
                        "Gwasanaethau cyhoeddus sy'n canolbwyntio ar ddinasyddion, wedi'u cynllunio a'u darparu'n well",
                    )
                ],
                "indicators": [
                    _indicator(
                        "cv-consultation",
                        "Consultation events organised or attended",
                        "Digwyddiadau ymgynghori a drefnwyd neu a fynychwyd",
                        "output",
                        "count",
                    ),
                    _indicator(
                        "cv-trained",
                        "Organisations trained in service user engagement",
                        "Sefydliadau a hyfforddwyd mewn ymgysylltu â defnyddwyr gwasanaethau",
                        "output",
                        "organisations",
                    ),
                    _indicator(
                        "cv-responses",
                        "Organisations responding to consultations",
                        "Sefydliadau sy'n ymateb i ymgynghoriadau",
                        "result",
                        "organisations",
                    ),
                ],
            },
        ],
    }


# 003's projects: (strand, code, English title, Welsh title, partner slug, [(unit, indicator code)]).
NPTSC_PARTNERS = {
    "cipfa": ("Chartered Institute of Public Finance and Accountancy", "E09000030"),
    "sroi-uk-network": ("SROI-UK Network", "E08000012"),
    "london-councils": ("London Councils", "E09000028"),
    "ivar": ("Institute for Voluntary Action Research", "E09000007"),
    "university-of-birmingham": ("University of Birmingham", "E08000025"),
    "acevo": ("ACEVO", "E09000019"),
    "bassac": ("bassac", "E09000028"),
    "navca": ("NAVCA", "E08000019"),
    "social-enterprise-coalition": ("Social Enterprise Coalition", "E09000022"),
    "national-school-of-government": ("National School of Government", "E06000040"),
}
NPTSC_FUNDERS = {"office-for-civil-society": ("Office for Civil Society", "E09000033")}

_P, _O = "participants", "organisations"
NPTSC_STRANDS: list[tuple[str, str, str, list[tuple[str, str, str, str, int | None]]]] = [
    (
        "awareness",
        "Increasing awareness and understanding",
        "Cynyddu ymwybyddiaeth a dealltwriaeth",
        [
            (
                "cipfa-participants",
                "Commissioners and finance officers trained (CIPFA)",
                "Comisiynwyr a swyddogion cyllid a hyfforddwyd (CIPFA)",
                _P,
                880,
            ),
            (
                "sroi-participants",
                "Participants in social return on investment training",
                "Cyfranogwyr mewn hyfforddiant enillion cymdeithasol ar fuddsoddiad",
                _P,
                160,
            ),
            (
                "councillors-participants",
                "Councillors and non-executive directors trained",
                "Cynghorwyr a chyfarwyddwyr anweithredol a hyfforddwyd",
                _P,
                50,
            ),
        ],
    ),
    (
        "involvement",
        "More third sector involvement",
        "Mwy o ran i'r trydydd sector",
        [
            (
                "ivar-participants",
                "People completing area-based support (IVAR)",
                "Pobl a gwblhaodd gymorth ar sail ardal (IVAR)",
                _P,
                180,
            ),
            ("bursary-participants", "Bursary holders", "Deiliaid bwrsariaeth", _P, 40),
        ],
    ),
    (
        "bidding",
        "Improved bidding practice",
        "Gwell arferion cynnig",
        [
            (
                "budgets-participants",
                "Third sector leaders trained on individual budgets",
                "Arweinwyr y trydydd sector a hyfforddwyd ar gyllidebau unigol",
                _P,
                40,
            ),
            (
                "tendering-participants",
                "People given direct support in tendering",
                "Pobl a gafodd gymorth uniongyrchol wrth dendro",
                _P,
                None,
            ),
            (
                "tendering-organisations",
                "Organisations given direct support in tendering",
                "Sefydliadau a gafodd gymorth uniongyrchol wrth dendro",
                _O,
                8,
            ),
            (
                "brokerage-individuals",
                "Individuals in community brokerage sets",
                "Unigolion mewn setiau broceriaeth gymunedol",
                _P,
                None,
            ),
            (
                "brokerage-organisations",
                "Organisations in community brokerage sets",
                "Sefydliadau mewn setiau broceriaeth gymunedol",
                _O,
                None,
            ),
            (
                "collaboration-individuals",
                "Individuals in collaboration sets",
                "Unigolion mewn setiau cydweithio",
                _P,
                None,
            ),
            (
                "collaboration-organisations",
                "Organisations in collaboration sets",
                "Sefydliadau mewn setiau cydweithio",
                _O,
                None,
            ),
            (
                "codesign-individuals",
                "Individuals in co-design sets",
                "Unigolion mewn setiau cyd-ddylunio",
                _P,
                None,
            ),
            (
                "codesign-organisations",
                "Organisations in co-design sets",
                "Sefydliadau mewn setiau cyd-ddylunio",
                _O,
                35,
            ),
            (
                "navca-organisations",
                "Organisations given consultancy support in bidding (NAVCA)",
                "Sefydliadau a gafodd gymorth ymgynghori wrth gynnig (NAVCA)",
                _O,
                120,
            ),
            (
                "budgets-plans",
                "Seminar attendees with an action plan in place",
                "Mynychwyr seminarau sydd â chynllun gweithredu",
                _P,
                None,
            ),
        ],
    ),
]


def nptsc_model() -> dict[str, Any]:
    """003 Figures 3.1, 4.1 and 5.1, reduced to the indicators its tables count, with the
    KPIs that give a number as targets."""
    phase_two = {"period_start": "2009-04-01", "period_end": "2011-03-31"}
    strands: list[dict[str, Any]] = []
    for code, en, cy, indicators in NPTSC_STRANDS:
        strands.append(
            {
                "code": code,
                "title_en": en,
                "title_cy": cy,
                "activities": [],
                "results": [],
                "impacts": [],
                "indicators": [
                    _indicator(
                        i_code,
                        i_en,
                        i_cy,
                        "output",
                        unit,
                        [{**phase_two, "value": target}] if target else [],
                    )
                    for i_code, i_en, i_cy, unit, target in indicators
                ],
            }
        )
    strands[-1]["indicators"].append(
        {
            **_indicator(
                "budgets-plans-share",
                "Share of seminar attendees with an action plan",
                "Cyfran y mynychwyr seminarau sydd â chynllun gweithredu",
                "result",
                "percentage",
            ),
            "numerator": "budgets-plans",
            "denominator": "budgets-participants",
        }
    )
    strands[2]["impacts"] = [
        _item(
            "Improved bidding practice from third sector organisations",
            "Gwell arferion cynnig gan sefydliadau'r trydydd sector",
        )
    ]
    strands[0]["impacts"] = [
        _item(
            "Increased awareness and understanding among commissioners of the value of commissioning services from TSOs",
            "Mwy o ymwybyddiaeth a dealltwriaeth ymhlith comisiynwyr o werth comisiynu gwasanaethau gan sefydliadau'r trydydd sector",
        )
    ]
    strands[1]["impacts"] = [
        _item(
            "More third sector involvement throughout the commissioning cycle",
            "Mwy o ran i'r trydydd sector drwy gydol y cylch comisiynu",
        )
    ]
    return {
        "slug": NPTSC,
        "title_en": "National Programme for Third Sector Commissioning",
        "title_cy": "Rhaglen Genedlaethol Comisiynu'r Trydydd Sector",
        "period_start": "2008-04-01",
        "period_end": "2011-03-31",
        "areas": [],
        "funders": list(NPTSC_FUNDERS),
        "delivery_partners": list(NPTSC_PARTNERS),
        "inputs": [
            _item(
                "Office for Civil Society funding, delivered by LG Improvement and Development",
                "Cyllid y Swyddfa Cymdeithas Sifil, a ddarperir gan LG Improvement and Development",
            )
        ],
        "strands": strands,
    }


class _Rows:
    """Evidence rows for one programme, each with a unique source_ref."""

    def __init__(self, programme: str) -> None:
        self.programme = programme
        self.rows: list[dict[str, Any]] = []

    def add(
        self, indicator: str, day: date, status: str = "eligible", reason: str = "", **cells: Any
    ) -> None:
        n = len(self.rows) + 1
        self.rows.append(
            {
                "programme": self.programme,
                "indicator": indicator,
                "date": day.isoformat(),
                "status": status,
                "reason": reason,
                "source_ref": f"{self.programme[:4]}-{n:05d}",
                **cells,
            }
        )

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
        return out.getvalue()


def _days(start: date, count: int, step: int = 3) -> Iterator[date]:
    for i in range(count):
        yield start + timedelta(days=(i * step) % 700)


def mtc_evidence_csv(partner_for: dict[str, str]) -> str:
    """000 T7: 214 dissemination products (84 in the case-study areas), 7 public-third
    agreements (1), 7 secondments (2), 19 agreements within the sector (2 eligible in one
    case-study area; 4 more in the pipeline in a second), with rejected records beside."""
    rows = _Rows(MTC)
    others = [a for a in MTC_AREAS if a not in CASE_STUDY_AREAS]
    start = date(2012, 9, 1)

    def spread(indicator: str, inside: list[int], outside: int) -> None:
        days = _days(start, sum(inside) + outside)
        for area, count in zip(CASE_STUDY_AREAS, inside, strict=False):
            for _ in range(count):
                rows.add(
                    indicator, next(days), area=area, delivery_partner=partner_for.get(area, WCVA)
                )
        for i in range(outside):
            area = others[i % len(others)]
            rows.add(indicator, next(days), area=area, delivery_partner=partner_for.get(area, WCVA))

    spread("ri-dissemination", [24, 18, 16, 14, 12], 130)  # 84 + 130 = 214
    for i in range(6):
        rows.add(
            "ri-dissemination",
            date(2014, 6, 2),
            "pipeline",
            "Bulletin drafted, not yet circulated",
            area=CASE_STUDY_AREAS[i % 5],
            delivery_partner=WCVA,
        )
    for i in range(5):
        rows.add(
            "ri-dissemination",
            date(2014, 3, 3),
            "not_eligible",
            "Same bulletin counted twice",
            area=others[i],
            delivery_partner=WCVA,
        )
    spread("sp-agreements", [1, 0, 0, 0, 0], 6)  # 7, 1 in the case-study areas
    spread("sp-secondments", [1, 1, 0, 0, 0], 5)  # 7, 2
    spread("sd-agreements", [2, 0, 0, 0, 0], 17)  # 19, both case-study ones in one area
    for i in range(4):
        rows.add(
            "sd-agreements",
            date(2014, 5, 12),
            "pipeline",
            "Agreement drafted; not yet signed by all members",
            area=CASE_STUDY_AREAS[1],
            delivery_partner=partner_for.get(CASE_STUDY_AREAS[1], WCVA),
            organisation_id=f"mtc-consortium-{i + 1}",
        )
    rows.add(
        "sd-agreements",
        date(2014, 2, 3),
        "not_eligible",
        "An agreement with a public body: counted under service planning",
        area=others[0],
        delivery_partner=WCVA,
    )
    return rows.csv()


def nptsc_evidence_csv() -> str:
    """003 Tables 2.1, 4.2 and 5.3 from individual records."""
    rows = _Rows(NPTSC)
    day = date(2009, 6, 1)

    def people(
        indicator: str,
        partner: str,
        count: int,
        prefix: str,
        area: str = "",
        sessions: int = 1,
        repeat: int = 0,
    ) -> None:
        """``count`` distinct people; the first ``repeat`` of them came to ``sessions``."""
        for s in range(sessions):
            for p in range(count if s == 0 else repeat):
                rows.add(
                    indicator,
                    day + timedelta(days=60 * s + p % 30),
                    area=area,
                    delivery_partner=partner,
                    person_ref=f"{prefix}-{p + 1:04d}",
                )

    # CIPFA: 880 people; 120 of them went on from level one to level two.
    people("cipfa-participants", "cipfa", 880, "cipfa", sessions=2, repeat=120)
    rows.add(
        "cipfa-participants",
        date(2010, 11, 5),
        "not_eligible",
        "A CIPFA member of staff, not a commissioner",
        delivery_partner="cipfa",
        person_ref="cipfa-staff-1",
    )
    people("sroi-participants", "sroi-uk-network", 160, "sroi", sessions=2, repeat=40)
    rows.add(
        "sroi-participants",
        date(2011, 2, 14),
        "pipeline",
        "Eighth session booked for February 2011; attendance not yet confirmed",
        delivery_partner="sroi-uk-network",
        person_ref="sroi-9001",
    )
    people("councillors-participants", "london-councils", 28, "lc")
    people("bursary-participants", "university-of-birmingham", 150, "bursary")
    people("budgets-participants", "acevo", 80, "acevo-sem", sessions=2, repeat=10)
    people("budgets-plans", "acevo", 42, "acevo-sem")  # "more than half" of the 80 (L757)
    # ACEVO direct support: 11 organisations in phase two, 10 more in phase one (before it).
    for n in range(21):
        phase_one = n >= 11
        when = date(2008, 10, 1) if phase_one else date(2010, 1, 11)
        rows.add(
            "tendering-organisations",
            when,
            delivery_partner="acevo",
            organisation_id=f"acevo-client-{n + 1}",
        )
        rows.add(
            "tendering-participants",
            when,
            delivery_partner="acevo",
            person_ref=f"acevo-lead-{n + 1:02d}",
        )
    # IVAR, Table 4.2: Gateshead's fifteen came to both sessions (003 L1298).
    for place, code, count, sessions in (
        ("dacorum", "E07000096", 33, 1),
        ("gateshead", "E08000037", 15, 2),
        ("york", "E06000014", 11, 1),
        ("devon", "E10000008", 20, 1),
        ("staffordshire", "E10000028", 23, 1),
    ):
        people(
            "ivar-participants",
            "ivar",
            count,
            f"ivar-{place}",
            area=code,
            sessions=sessions,
            repeat=count,
        )
    rows.add(
        "ivar-participants",
        date(2010, 3, 1),
        "not_eligible",
        "Facilitator from the delivery partner, not a participant",
        area="E06000014",
        delivery_partner="ivar",
        person_ref="ivar-staff-1",
    )
    # bassac, Table 5.3: seven action learning sets; each meets at least six times.
    sets = (
        ("brokerage", "doncaster", ["E08000017"], 6, 5),
        ("brokerage", "bristol-a", ["E06000023"], 11, 8),
        ("collaboration", "plymouth-a", ["E06000026"], 3, 2),
        ("collaboration", "bristol-b", ["E06000023"], 8, 4),
        ("codesign", "north-east", ["E06000057", "E08000021"], 4, 4),
        ("codesign", "plymouth-b", ["E06000026"], 8, 8),
        ("codesign", "southwark", ["E09000028"], 9, 5),
    )
    for approach, place, areas, individuals, organisations in sets:
        for meeting in range(6):
            when = date(2010, 1, 15) + timedelta(days=45 * meeting)
            for p in range(individuals):
                rows.add(
                    f"{approach}-individuals",
                    when,
                    area=areas[p % len(areas)],
                    delivery_partner="bassac",
                    person_ref=f"bassac-{place}-{p + 1}",
                )
            for o in range(organisations):
                rows.add(
                    f"{approach}-organisations",
                    when,
                    area=areas[o % len(areas)],
                    delivery_partner="bassac",
                    organisation_id=f"bassac-{place}-org-{o + 1}",
                )
    rows.add(
        "codesign-individuals",
        date(2011, 3, 1),
        "pipeline",
        "Joined the set after the last recorded session",
        area="E09000028",
        delivery_partner="bassac",
        person_ref="bassac-southwark-10",
    )
    for n in range(120):
        rows.add(
            "navca-organisations",
            date(2010, 5, 3) + timedelta(days=n * 2),
            delivery_partner="navca",
            organisation_id=f"navca-client-{n + 1}",
        )
    return rows.csv()
