"""Demo: Making the Connections (seed 000) and the National Programme for Third Sector
Commissioning (seed 003), idempotent.

MtC's logic model is T8's, with T7's targets; its evidence is the seed's records (imported
through the evidence CSV format) plus whatever the demo's own digests, report-backs,
training events and consortia put in the event log, captured by the rules below. So that
the demo's present-day activity counts, the demo's MtC runs on past the seed's March 2015
end; T7's layout keeps the seed's own period. NPTSC's reports rebuild 003's Tables 2.1,
4.2 and 5.3 from records made to their totals.
"""

from datetime import date

from commonground.core import actions as core_actions
from commonground.core.demo.loader import PERSONAS
from commonground.core.models import Area, Organisation, User
from commonground.monitoring import actions, capture, importer, logic_model, seeds
from commonground.monitoring.layouts import MTC, NPTSC
from commonground.monitoring.models import CaptureRule, Evidence, Programme

DEMO_MTC_END = date(2027, 3, 31)

# (event type, indicator, conditions, quantity from, status given)
MTC_RULES = [
    ("digest.sent", "ri-dissemination", {}, "", "eligible"),
    ("reportback.published", "ri-dissemination", {}, "", "pipeline"),
    ("consortium.agreement_signed", "sd-agreements", {}, "", "eligible"),
    ("event.attendance_recorded", "sp-trained", {"kind": "training"}, "", "eligible"),
    ("event.attendance_recorded", "cv-consultation", {"kind": "forum"}, "", "eligible"),
    # A briefing informs the sector: a dissemination initiative (000 L1988-1992).
    ("event.attendance_recorded", "ri-dissemination", {"kind": "briefing"}, "", "eligible"),
    ("consultation.response_submitted", "cv-responses", {}, "", "eligible"),
]


def _organisation(actor: User, slug: str, name: str, code: str, kind: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is not None:
        return found
    return core_actions.create_organisation(
        actor,
        {
            "slug": slug,
            "name_en": name,
            "kind": kind,
            "legal_form": Organisation.LegalForm.STATUTORY
            if kind == Organisation.Kind.PUBLIC_BODY
            else Organisation.LegalForm.OTHER,
            "area": Area.objects.get(code=code),
        },
    )


def load_mtc() -> Programme | None:
    wcva = Organisation.objects.filter(name_en="Wales Council for Voluntary Action").first()
    cavo = Organisation.objects.filter(
        name_en="Ceredigion Association of Voluntary Organisations"
    ).first()
    government = Organisation.objects.filter(name_en="Welsh Government").first()
    if wcva is None or cavo is None:
        return None
    partners = [wcva.slug, cavo.slug]
    document = seeds.mtc_model(DEMO_MTC_END, partners, [government.slug] if government else [])
    programme = actions.load_logic_model(None, logic_model.parse(document))
    for event_type, code, conditions, quantity, status in MTC_RULES:
        CaptureRule.objects.get_or_create(
            programme=programme,
            indicator=programme.indicators.get(code=code),
            event_type=event_type,
            conditions=conditions,
            defaults={"quantity_field": quantity, "status": status},
        )
    importer.import_evidence(
        None, seeds.mtc_evidence_csv({"W06000008": cavo.slug}).replace(seeds.WCVA, wcva.slug)
    )
    capture.replay()
    return programme


def nptsc_programme(actor: User) -> Programme:
    """003's programme and logic model. Its partners are English organisations; staff add
    them to the register."""
    for slug, (name, code) in seeds.NPTSC_PARTNERS.items():
        _organisation(actor, slug, name, code, Organisation.Kind.THIRD_SECTOR)
    for slug, (name, code) in seeds.NPTSC_FUNDERS.items():
        _organisation(actor, slug, name, code, Organisation.Kind.PUBLIC_BODY)
    return actions.load_logic_model(None, logic_model.parse(seeds.nptsc_model()))


def load_nptsc(actor: User) -> Programme:
    programme = nptsc_programme(actor)
    importer.import_evidence(None, seeds.nptsc_evidence_csv())
    return programme


def load_demo() -> None:
    if Evidence.objects.filter(programme__slug__in=[MTC, NPTSC], imported=True).exists():
        capture.replay()  # catch up with anything the demo's apps did since
        return
    admin = User.objects.filter(email=PERSONAS[0].email).first()
    if admin is None:
        return
    load_nptsc(admin)
    load_mtc()
