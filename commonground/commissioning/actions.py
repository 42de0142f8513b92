"""Every change to commissioning goes through one of these functions.

Each checks permission, validates, writes inside one transaction with the acting user in
the history, and emits the domain event. ``actor`` ``None`` is the command line (trusted).
Invalid input raises ``ValidationError`` (or ``OcdsImportFailed``) before anything is kept.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.commissioning import event_types, ocds_import, ocds_opportunity
from commonground.commissioning.models import (
    BidSupport,
    Consortium,
    ConsortiumMember,
    Lot,
    Opportunity,
    PartnerSearch,
    Subscription,
    UnmatchedSupplier,
)
from commonground.commissioning.principles import PRINCIPLES
from commonground.commissioning.slugs import opportunity_slug
from commonground.core.events import emit
from commonground.core.history import save_with_history
from commonground.core.models import Area, Organisation, Theme, User
from commonground.core.permissions import require
from commonground.interop import collector
from commonground.interop.ocds.merge import MergeFailed
from commonground.interop.ocds.package import PackageError, Problem, read_package


def _check_dates(opportunity: Opportunity) -> None:
    start, end = opportunity.contract_start, opportunity.contract_end
    if start and end and end < start:
        raise ValidationError({"contract_end": _("The contract must end after it starts.")})
    if opportunity.estimated_value_pence is not None and opportunity.estimated_value_pence < 0:
        raise ValidationError({"estimated_value_pence": _("The value cannot be negative.")})


# Opportunities


@transaction.atomic
def create_opportunity(
    actor: User,
    data: dict[str, Any],
    areas: Sequence[Area],
    themes: Sequence[Theme] = (),
) -> Opportunity:
    """Add an opportunity for ``data["buyer"]``, a public body, in ``areas``."""
    buyer = data.get("buyer")
    if not isinstance(buyer, Organisation):
        raise ValidationError({"buyer": _("Select the public body commissioning this.")})
    require(actor, "commissioning.add_opportunity", buyer)
    if buyer.kind != Organisation.Kind.PUBLIC_BODY:
        raise ValidationError({"buyer": _("The buyer must be a public body.")})
    if not areas:
        raise ValidationError({"areas": _("Select at least one area.")})
    opportunity = Opportunity(**data)
    opportunity.slug = opportunity_slug(opportunity.title_en)
    _check_dates(opportunity)
    opportunity.full_clean()
    opportunity.skip_history_when_saving = True  # type: ignore[attr-defined]
    opportunity.save()
    opportunity.areas.set(areas)
    opportunity.themes.set(themes)
    del opportunity.skip_history_when_saving  # type: ignore[attr-defined]
    save_with_history(opportunity, actor, "Created")
    emit(event_types.OpportunityCreated(subject=opportunity), actor=actor)
    return opportunity


@transaction.atomic
def update_opportunity(
    actor: User,
    opportunity: Opportunity,
    data: dict[str, Any],
    areas: Sequence[Area] | None = None,
    themes: Sequence[Theme] | None = None,
) -> list[str]:
    """Change an opportunity's details; returns the names of the fields that changed."""
    stored = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    require(actor, "commissioning.change_opportunity", stored)
    if "buyer" in data and data["buyer"] != stored.buyer:
        require(actor, "commissioning.add_opportunity", data["buyer"])
    changed = [name for name, value in data.items() if getattr(stored, name) != value]
    for name in changed:
        setattr(stored, name, data[name])
    if areas is not None:
        if not areas:
            raise ValidationError({"areas": _("Select at least one area.")})
        if set(stored.areas.all()) != set(areas):
            changed.append("areas")
    if themes is not None and set(stored.themes.all()) != set(themes):
        changed.append("themes")
    if not changed:
        return []
    _check_dates(stored)
    stored.full_clean()
    stored.skip_history_when_saving = True  # type: ignore[attr-defined]
    stored.save()
    if areas is not None:
        stored.areas.set(areas)
    if themes is not None:
        stored.themes.set(themes)
    del stored.skip_history_when_saving  # type: ignore[attr-defined]
    save_with_history(stored, actor, f"Edited: {', '.join(changed)}")
    emit(event_types.OpportunityUpdated(subject=stored, changed_fields=changed), actor=actor)
    return changed


# Stages a commissioner may move an opportunity to from each stage. "Due for renewal"
# follows from the dates, and any stage but "ended" may be cancelled.
NEXT_STAGES: dict[str, list[str]] = {
    Opportunity.Stage.PLANNED: [Opportunity.Stage.OPEN, Opportunity.Stage.CANCELLED],
    Opportunity.Stage.OPEN: [Opportunity.Stage.AWARDED, Opportunity.Stage.CANCELLED],
    Opportunity.Stage.AWARDED: [Opportunity.Stage.RUNNING, Opportunity.Stage.CANCELLED],
    Opportunity.Stage.RUNNING: [Opportunity.Stage.ENDED, Opportunity.Stage.CANCELLED],
    Opportunity.Stage.ENDED: [],
    Opportunity.Stage.CANCELLED: [],
}


@transaction.atomic
def change_stage(actor: User, opportunity: Opportunity, stage: str) -> Opportunity:
    stored = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    require(actor, "commissioning.change_opportunity", stored)
    if stage not in NEXT_STAGES.get(stored.stage, []):
        raise ValidationError(
            {"stage": _("An opportunity cannot move from %(from)s to %(to)s.")
             % {"from": stored.get_stage_display(), "to": Opportunity.Stage(stage).label
                if stage in Opportunity.Stage.values else stage}}
        )
    if stage == Opportunity.Stage.RUNNING and stored.contract_end is None:
        raise ValidationError({"contract_end": _("Enter the contract end date first.")})
    before = stored.stage
    stored.stage = stage
    save_with_history(stored, actor, f"Stage: {before} to {stage}")
    emit(
        event_types.OpportunityStageChanged(subject=stored, from_stage=before, to_stage=stage),
        actor=actor,
    )
    return stored


@transaction.atomic
def update_checklist(
    actor: User, opportunity: Opportunity, done: Sequence[int], note_en: str, note_cy: str
) -> Opportunity:
    """Record which of the eight principles the commissioner has met, and how."""
    stored = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    require(actor, "commissioning.change_opportunity", stored)
    unknown = [n for n in done if n not in PRINCIPLES]
    if unknown:
        raise ValidationError({"principles_done": _("There are only eight principles.")})
    stored.principles_done = sorted(set(done))
    stored.principles_note_en = note_en
    stored.principles_note_cy = note_cy
    save_with_history(stored, actor, "Checklist")
    emit(
        event_types.ChecklistUpdated(subject=stored, principles_done=stored.principles_done),
        actor=actor,
    )
    return stored


@transaction.atomic
def add_lot(actor: User, opportunity: Opportunity, data: dict[str, Any]) -> Lot:
    require(actor, "commissioning.change_opportunity", opportunity)
    lot = Lot(opportunity=opportunity, **data)
    if Lot.objects.filter(opportunity=opportunity, reference=lot.reference).exists():
        raise ValidationError({"reference": _("This opportunity already has a lot with that number.")})
    if lot.value_pence is not None and lot.value_pence < 0:
        raise ValidationError({"value_pence": _("The value cannot be negative.")})
    lot.full_clean()
    save_with_history(lot, actor, "Created")
    emit(
        event_types.OpportunityUpdated(subject=opportunity, changed_fields=["lots"]), actor=actor
    )
    return lot


# OCDS


class OcdsImportFailed(Exception):
    """Nothing was imported. ``problems`` lists each one as (file name, problem)."""

    def __init__(self, problems: list[tuple[str, Problem]]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class ImportSummary:
    releases_new: int
    releases_duplicate: int
    ocids: list[str]
    opportunities: int


def import_ocds(actor: User | None, files: Sequence[tuple[str, bytes]]) -> ImportSummary:
    """Import release packages, all of them or (on any problem) none."""
    if actor is not None:
        require(actor, "commissioning.import_ocds")
    with collector.paused():  # JSON trees have no cycles; see interop/collector.py
        return _import(actor, files)


def _import(actor: User | None, files: Sequence[tuple[str, bytes]]) -> ImportSummary:
    problems: list[tuple[str, Problem]] = []
    releases: list[tuple[str, dict[str, Any]]] = []
    schema = ocds_import.schema_dir()
    for name, data in files:
        try:
            releases.extend((name, r) for r in read_package(data, schema))
        except PackageError as exc:
            problems.extend((name, p) for p in exc.problems)
    if problems:
        raise OcdsImportFailed(problems)
    try:
        return _store(actor, releases, ", ".join(name for name, _ in files))
    except MergeFailed as exc:  # the transaction has taken back what was written
        raise OcdsImportFailed([("", Problem(exc.ocid, "", "merge_failed", exc.reason))]) from exc


@transaction.atomic
def _store(actor: User | None, releases: list[tuple[str, dict[str, Any]]], source: str) -> ImportSummary:
    stored = ocds_import.store_releases(releases)
    count = ocds_opportunity.refresh_opportunities(stored.compiled)
    ocids = sorted(stored.compiled)
    emit(
        event_types.OcdsPackageImported(
            source_name=source[:255],
            releases_new=stored.new,
            releases_duplicate=stored.duplicates,
            ocids=ocids[:100],
        ),
        actor=actor,
    )
    return ImportSummary(stored.new, stored.duplicates, ocids, count)


@transaction.atomic
def link_supplier(actor: User, supplier: UnmatchedSupplier, organisation: Organisation) -> None:
    """Staff say which directory organisation an unmatched OCDS supplier is."""
    require(actor, "commissioning.link_supplier")
    supplier.organisation = organisation
    supplier.save()
    opportunity = Opportunity.objects.filter(ocid=supplier.ocid).first()
    if opportunity is not None:
        opportunity.suppliers.add(organisation)
        ConsortiumMember.objects.filter(
            consortium__opportunity=opportunity, organisation=None, name=supplier.name
        ).update(organisation=organisation)
        emit(
            event_types.OpportunityUpdated(subject=opportunity, changed_fields=["suppliers"]),
            actor=actor,
        )


# Subscriptions


@transaction.atomic
def subscribe(actor: User, area: Area) -> Subscription:
    """Hear of new opportunities in ``area`` in one's digest."""
    if not actor.is_authenticated:
        raise ValidationError(_("Sign in to subscribe."))
    subscription, created = Subscription.objects.get_or_create(user=actor, area=area)
    if created:
        emit(event_types.SubscriptionStarted(subject_area=area), actor=actor)
    return subscription


@transaction.atomic
def unsubscribe(actor: User, area: Area) -> None:
    """Stop hearing of new opportunities in ``area``."""
    deleted, _rows = Subscription.objects.filter(user=actor, area=area).delete()
    if deleted:
        emit(event_types.SubscriptionEnded(subject_area=area), actor=actor)


# Partner finder and consortia


def _check_lot(opportunity: Opportunity, lot: Lot | None) -> None:
    if lot is not None and lot.opportunity_id != opportunity.pk:
        raise ValidationError({"lot": _("That lot belongs to another opportunity.")})


@transaction.atomic
def post_partner_search(
    actor: User,
    opportunity: Opportunity,
    organisation: Organisation,
    offers: str,
    needs: str,
    lot: Lot | None = None,
) -> PartnerSearch:
    """Say that ``organisation`` is looking for partners to bid for the opportunity (or lot)."""
    require(actor, "commissioning.act_for_organisation", organisation)
    _check_lot(opportunity, lot)
    search = PartnerSearch(
        opportunity=opportunity,
        lot=lot,
        organisation=organisation,
        offers=offers.strip(),
        needs=needs.strip(),
        created_by=actor,
    )
    search.full_clean()
    save_with_history(search, actor, "Posted")
    emit(event_types.PartnerSearchPosted(search=search), actor=actor)
    return search


@transaction.atomic
def propose_consortium(
    actor: User,
    opportunity: Opportunity,
    lead: Organisation,
    name: str,
    partners: Sequence[Organisation],
    lot: Lot | None = None,
) -> Consortium:
    """``lead`` proposes bidding together with ``partners``; the lead may add more later."""
    require(actor, "commissioning.act_for_organisation", lead)
    _check_lot(opportunity, lot)
    consortium = Consortium(opportunity=opportunity, lot=lot, lead=lead, name=name.strip())
    consortium.full_clean()
    save_with_history(consortium, actor, "Proposed")
    member = ConsortiumMember(
        consortium=consortium, organisation=lead, role=_("Lead"), answer=ConsortiumMember.Answer.ACCEPTED
    )
    save_with_history(member, actor, "Lead")
    for partner in partners:
        if partner.pk != lead.pk:
            save_with_history(ConsortiumMember(consortium=consortium, organisation=partner), actor, "Proposed")
    emit(event_types.ConsortiumProposed(consortium=consortium), actor=actor)
    return consortium


@transaction.atomic
def set_member(
    actor: User,
    consortium: Consortium,
    organisation: Organisation,
    role: str,
    share_percent: Decimal | None,
) -> ConsortiumMember:
    """Invite a member, or change a member's role and share (shares may not pass 100%).

    A member who declined is invited again.
    """
    consortium = Consortium.objects.select_for_update().get(pk=consortium.pk)  # as stored now
    require(actor, "commissioning.manage_consortium", consortium)
    if consortium.is_signed:
        raise ValidationError(_("The agreement is signed: the membership can no longer change."))
    member = ConsortiumMember.objects.filter(consortium=consortium, organisation=organisation).first()
    is_new = member is None or member.answer == ConsortiumMember.Answer.DECLINED
    if member is None:
        member = ConsortiumMember(consortium=consortium, organisation=organisation)
    if member.answer == ConsortiumMember.Answer.DECLINED:
        member.answer, member.answered_at = ConsortiumMember.Answer.INVITED, None
    member.role = role.strip()
    member.share_percent = share_percent
    others = sum(
        (m.share_percent or Decimal(0))
        for m in consortium.members.exclude(pk=member.pk).exclude(
            answer=ConsortiumMember.Answer.DECLINED
        )
    )
    if share_percent is not None and (share_percent < 0 or others + share_percent > 100):
        raise ValidationError({"share_percent": _("The members' shares cannot add up to more than 100%.")})
    member.full_clean()
    save_with_history(member, actor, "Added" if is_new else "Edited")
    if is_new:
        emit(event_types.ConsortiumMemberAdded(consortium=consortium, member=organisation), actor=actor)
    return member


@transaction.atomic
def sign_agreement(
    actor: User,
    consortium: Consortium,
    signed_on: date,
    statement: str = "",
    document: UploadedFile | None = None,
) -> Consortium:
    """Record the consortium's collaborative agreement: a document, or a dated statement."""
    stored = Consortium.objects.select_for_update().get(pk=consortium.pk)
    require(actor, "commissioning.manage_consortium", stored)
    if stored.is_signed:
        raise ValidationError(_("This consortium's agreement is already recorded."))
    if not statement.strip() and document is None:
        raise ValidationError(
            {"statement": _("Upload the signed agreement or enter the statement you agreed.")}
        )
    answers = set(stored.members.values_list("answer", flat=True))
    if ConsortiumMember.Answer.INVITED in answers:
        raise ValidationError(
            _("Every member you invited must accept or decline before the agreement is signed.")
        )
    accepted = stored.members.filter(answer=ConsortiumMember.Answer.ACCEPTED).count()
    if accepted < 2:
        raise ValidationError(
            _("A consortium needs at least two members who have accepted to sign an agreement.")
        )
    stored.agreement_signed_on = signed_on
    stored.agreement_statement = statement.strip()
    stored.agreement_kind = (
        Consortium.AgreementKind.DOCUMENT if document is not None else Consortium.AgreementKind.STATEMENT
    )
    if document is not None:
        stored.agreement_document = document
    save_with_history(stored, actor, "Agreement signed")
    emit(
        event_types.ConsortiumAgreementSigned(consortium=stored, member_count=accepted),
        actor=actor,
    )
    return stored


@transaction.atomic
def answer_invitation(actor: User, member: ConsortiumMember, accept: bool) -> ConsortiumMember:
    """The invited organisation's admins accept or decline joining the consortium.

    Each member answers once; a member who declined can be invited again by the lead.
    """
    stored = ConsortiumMember.objects.select_for_update().select_related("consortium").get(pk=member.pk)
    organisation = stored.organisation
    if organisation is None:  # a supplier named in OCDS: nobody here answers for it
        raise PermissionDenied
    require(actor, "commissioning.answer_invitation", stored)
    if stored.consortium.is_signed:
        raise ValidationError(_("The agreement is signed: the membership can no longer change."))
    if stored.answer != ConsortiumMember.Answer.INVITED:
        raise ValidationError(_("Your organisation has already answered this invitation."))
    stored.answer = ConsortiumMember.Answer.ACCEPTED if accept else ConsortiumMember.Answer.DECLINED
    stored.answered_at = timezone.now()
    save_with_history(stored, actor, "Accepted" if accept else "Declined")
    event = event_types.ConsortiumMemberAccepted if accept else event_types.ConsortiumMemberDeclined
    emit(event(consortium=stored.consortium, member=organisation), actor=actor)
    return stored


# Bid support


@transaction.atomic
def record_bid_support(actor: User, area: Area, data: dict[str, Any]) -> BidSupport:
    """Infrastructure staff record a request for help with a bid and the support given."""
    require(actor, "commissioning.record_bid_support", area)
    record = BidSupport(area=area, recorded_by=actor, **data)
    if record.hours is not None and record.hours < 0:
        raise ValidationError({"hours": _("Hours cannot be negative.")})
    record.full_clean()
    save_with_history(record, actor, "Recorded")
    emit(event_types.BidSupportRecorded(record=record), actor=actor)
    return record


@transaction.atomic
def record_bid_outcome(actor: User, record: BidSupport, outcome: str) -> BidSupport:
    stored = BidSupport.objects.select_for_update().get(pk=record.pk)
    require(actor, "commissioning.record_bid_support", stored.area)
    if outcome not in BidSupport.Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome from the list.")})
    stored.outcome = outcome
    save_with_history(stored, actor, f"Outcome: {outcome}")
    emit(event_types.BidOutcomeRecorded(record=stored, outcome=outcome), actor=actor)
    return stored
