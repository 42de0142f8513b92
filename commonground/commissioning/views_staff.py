"""Pages that change things: commissioners' opportunities, organisations' partner searches
and consortia, staff's OCDS import, supplier links and bid support.

Each view checks the permission, validates with a form, and calls one action. An action's
``ValidationError`` is shown in the GOV.UK error summary; nothing is half-written.
"""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.commissioning import actions, forms, queries
from commonground.commissioning.models import (
    BidSupport,
    Consortium,
    ConsortiumMember,
    Opportunity,
    PartnerSearch,
    UnmatchedSupplier,
)
from commonground.commissioning.ocds_messages import describe
from commonground.core.form_views import form_page
from commonground.core.models import Area, Organisation, RoleAssignment
from commonground.core.requests import signed_in_user

Role = RoleAssignment.Role


FORM = "commissioning/staff/form.html"


def _opportunity(request: HttpRequest, slug: str, perm: str) -> Opportunity:
    found = get_object_or_404(Opportunity.objects.select_related("buyer"), slug=slug)
    if not request.user.has_perm(perm, found):
        raise PermissionDenied
    return found


def _buyers(user: Any) -> QuerySet[Organisation]:
    """The public bodies this user may commission for."""
    bodies = Organisation.objects.filter(kind=Organisation.Kind.PUBLIC_BODY).order_by("name_en")
    if user.is_superuser:
        return bodies
    officer_of = RoleAssignment.objects.filter(
        user_id=user.pk, role=Role.PUBLIC_BODY_OFFICER
    ).values("organisation_id")
    staff_areas = RoleAssignment.objects.filter(
        user_id=user.pk, role__in=[Role.INFRASTRUCTURE_STAFF, Role.AREA_ADMIN]
    ).values("area_id")
    return bodies.filter(pk__in=officer_of) | bodies.filter(area_id__in=staff_areas)


def _admin_of(user: Any) -> QuerySet[Organisation]:
    return queries.admin_organisations(user)


# Opportunities


@login_required
def opportunity_create(request: HttpRequest) -> HttpResponse:
    buyers = _buyers(request.user)
    if not buyers.exists():
        raise PermissionDenied
    form = forms.OpportunityForm(request.POST or None, buyers=buyers)
    return form_page(
        request, form,
        lambda: actions.create_opportunity(
            signed_in_user(request), form.data_for_action(), form.cleaned_data["areas"],
            form.cleaned_data["themes"],
        ),
        success=_("Opportunity added."), then=lambda created: created.get_absolute_url(),
        template=FORM, title=_("Add an opportunity"), caption=_("Commissioning"), back=reverse("commissioning:index"),
        submit=_("Add opportunity"),
    )  # fmt: skip


@login_required
def opportunity_edit(request: HttpRequest, slug: str) -> HttpResponse:
    found = _opportunity(request, slug, "commissioning.change_opportunity")
    form = forms.OpportunityForm(request.POST or None, instance=found, buyers=_buyers(request.user) | Organisation.objects.filter(pk=found.buyer_id))

    def update() -> list[str]:
        found.refresh_from_db()  # the form wrote onto the instance; the action compares
        return actions.update_opportunity(
            signed_in_user(request), found, form.data_for_action(), form.cleaned_data["areas"],
            form.cleaned_data["themes"],
        )

    return form_page(
        request, form, update, success=_("Opportunity saved."), then=found.get_absolute_url(),
        template=FORM, title=_("Edit the opportunity"), caption=str(found.title),
        back=found.get_absolute_url(), submit=_("Save"),
    )  # fmt: skip


@login_required
def checklist(request: HttpRequest, slug: str) -> HttpResponse:
    found = _opportunity(request, slug, "commissioning.change_opportunity")
    form = forms.ChecklistForm(
        request.POST or None,
        initial={
            "principles": found.principles_done,
            "note_en": found.principles_note_en,
            "note_cy": found.principles_note_cy,
        },
    )
    return form_page(
        request, form,
        lambda: actions.update_checklist(
            signed_in_user(request), found, form.cleaned_data["principles"],
            form.cleaned_data["note_en"], form.cleaned_data["note_cy"],
        ),
        success=_("Checklist saved."), then=found.get_absolute_url(), template=FORM,
        title=_("The eight principles of good commissioning"), caption=str(found.title),
        back=found.get_absolute_url(), submit=_("Save checklist"),
    )  # fmt: skip


@login_required
def stage(request: HttpRequest, slug: str) -> HttpResponse:
    found = _opportunity(request, slug, "commissioning.change_opportunity")
    form = forms.StageForm(request.POST or None)
    form.fields["stage"].choices = [  # type: ignore[attr-defined]
        (s, Opportunity.Stage(s).label) for s in actions.NEXT_STAGES.get(found.stage, [])
    ]
    return form_page(
        request, form,
        lambda: actions.change_stage(signed_in_user(request), found, form.cleaned_data["stage"]),
        success=_("Stage changed."), then=found.get_absolute_url(), template=FORM,
        title=_("Change the stage"), caption=str(found.title), back=found.get_absolute_url(),
        submit=_("Change stage"),
    )  # fmt: skip


@login_required
def lot_create(request: HttpRequest, slug: str) -> HttpResponse:
    found = _opportunity(request, slug, "commissioning.change_opportunity")
    form = forms.LotForm(request.POST or None)
    return form_page(
        request, form,
        lambda: actions.add_lot(signed_in_user(request), found, form.data_for_action()),
        success=_("Lot added."), then=found.get_absolute_url(), template=FORM,
        title=_("Add a lot"), caption=str(found.title), back=found.get_absolute_url(),
        submit=_("Add lot"),
    )  # fmt: skip


# Partner finder and consortia


def _as_admin(request: HttpRequest, slug: str) -> tuple[Opportunity, QuerySet[Organisation]]:
    """The opportunity, and the organisations this user may speak for on it (403 if none)."""
    found = get_object_or_404(Opportunity, slug=slug)
    organisations = _admin_of(request.user)
    if not organisations.exists():
        raise PermissionDenied
    return found, organisations


@login_required
def partner_search_create(request: HttpRequest, slug: str) -> HttpResponse:
    found, organisations = _as_admin(request, slug)
    form = forms.PartnerSearchForm(request.POST or None, organisations=organisations, lots=found.lots.all())

    def post() -> PartnerSearch:
        data = form.cleaned_data
        return actions.post_partner_search(
            signed_in_user(request), found, data["organisation"], data["offers"], data["needs"], data["lot"]
        )

    return form_page(
        request, form, post,
        success=_("Your search for partners is now shown on the opportunity."),
        then=found.get_absolute_url(), template=FORM, title=_("Look for partners"),
        caption=str(found.title), back=found.get_absolute_url(), submit=_("Post"),
    )  # fmt: skip


@login_required
def consortium_create(request: HttpRequest, slug: str) -> HttpResponse:
    found, leads = _as_admin(request, slug)
    partners = Organisation.objects.filter(
        partner_searches__opportunity=found, partner_searches__is_open=True
    ).distinct().order_by("name_en")
    search = PartnerSearch.objects.filter(pk=request.GET.get("search") or 0, opportunity=found).first()
    form = forms.ConsortiumForm(
        request.POST or None, leads=leads, partners=partners,
        initial={"partners": [search.organisation_id] if search else []},
    )

    def propose() -> Consortium:
        data = form.cleaned_data
        return actions.propose_consortium(
            signed_in_user(request), found, data["lead"], data["name"], list(data["partners"]),
            search.lot if search else None,
        )

    return form_page(
        request, form, propose, success=_("Consortium proposed."), then=consortium_url,
        template=FORM, title=_("Propose a consortium"), caption=str(found.title),
        back=found.get_absolute_url(), submit=_("Propose consortium"),
    )  # fmt: skip


def consortium_detail(request: HttpRequest, consortium_id: int) -> HttpResponse:
    consortium = get_object_or_404(
        Consortium.objects.select_related("opportunity", "lead", "lot"), pk=consortium_id
    )
    can_manage = request.user.has_perm("commissioning.manage_consortium", consortium)
    members = list(consortium.members.select_related("organisation"))
    waiting = [m for m in members if m.answer == m.Answer.INVITED]
    member_form = agreement_form = None
    if can_manage and not consortium.is_signed:
        member_form = forms.MemberForm(organisations=_member_choices())
        if not waiting:  # the rule sign_agreement enforces, said on the page instead
            agreement_form = forms.AgreementForm(initial={"signed_on": timezone.localdate()})
    return render(
        request,
        "commissioning/consortium.html",
        {
            "consortium": consortium,
            "members": members,
            "waiting": waiting,
            "mine": [m for m in waiting if request.user.has_perm("commissioning.answer_invitation", m)],
            "can_manage": can_manage,
            "member_form": member_form,
            "agreement_form": agreement_form,
        },
    )


def _member_choices() -> QuerySet[Organisation]:
    return Organisation.objects.exclude(kind=Organisation.Kind.PUBLIC_BODY).order_by("name_en")


def _consortium(request: HttpRequest, consortium_id: int) -> Consortium:
    consortium = get_object_or_404(Consortium, pk=consortium_id)
    if not request.user.has_perm("commissioning.manage_consortium", consortium):
        raise PermissionDenied
    return consortium


@login_required
def member_set(request: HttpRequest, consortium_id: int) -> HttpResponse:
    consortium = _consortium(request, consortium_id)
    form = forms.MemberForm(request.POST or None, organisations=_member_choices())

    def save() -> ConsortiumMember:
        data = form.cleaned_data
        return actions.set_member(
            signed_in_user(request), consortium, data["organisation"], data["role"], data["share_percent"]
        )

    return form_page(
        request, form, save, success=_("Member saved."), then=consortium_url(consortium),
        template=FORM, title=_("Add or change a member"), caption=consortium.name,
        back=consortium_url(consortium), submit=_("Save member"),
    )  # fmt: skip


@login_required
def agreement_sign(request: HttpRequest, consortium_id: int) -> HttpResponse:
    consortium = _consortium(request, consortium_id)
    form = forms.AgreementForm(request.POST or None, request.FILES or None)

    def sign() -> Consortium:
        data = form.cleaned_data
        return actions.sign_agreement(
            signed_in_user(request), consortium, data["signed_on"], data["statement"], data["document"]
        )

    return form_page(
        request, form, sign, success=_("Collaborative agreement recorded."),
        then=consortium_url(consortium), template=FORM,
        title=_("Record the collaborative agreement"), caption=consortium.name,
        back=consortium_url(consortium), submit=_("Record agreement"),
    )  # fmt: skip


def consortium_url(consortium: Consortium) -> str:
    return reverse("commissioning:consortium", args=[consortium.pk])


# Subscriptions


@login_required
@require_POST
def subscription_toggle(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=area_slug)
    if request.POST.get("subscribe") == "1":
        actions.subscribe(signed_in_user(request), area)
        messages.success(request, _("New opportunities in this area will be in your digest."))
    else:
        actions.unsubscribe(signed_in_user(request), area)
        messages.success(request, _("You will no longer hear of new opportunities here."))
    return redirect("commissioning:pipeline", area_slug=area.slug)


# OCDS import and suppliers (staff)


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def ocds_upload(request: HttpRequest) -> HttpResponse:
    _require(request, "commissioning.import_ocds")
    form = forms.OcdsUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = actions.import_ocds(signed_in_user(request), [(upload.name, upload.read())])
        except actions.OcdsImportFailed as exc:
            problems = [describe(p) for _name, p in exc.problems]
            form.add_error("file", _("Nothing was imported: the file has %(count)d problems.") % {"count": len(problems)})
        else:
            messages.success(
                request,
                _("%(new)d new releases imported (%(old)d already stored); %(records)d records and %(opps)d opportunities updated.")
                % {"new": summary.releases_new, "old": summary.releases_duplicate, "records": len(summary.ocids), "opps": summary.opportunities},
            )
            return redirect("commissioning:ocds-upload")
    return render(request, FORM, {
        "form": form, "title": _("Import tender notices (OCDS)"), "back": reverse("commissioning:index"), "submit": _("Import"),
        "caption": _("Commissioning"), "problems": problems,
        "intro": _("Upload an OCDS release package as published by Find a Tender, Contracts Finder or Sell2Wales. If any release has a problem, nothing is imported."),
    })  # fmt: skip


@login_required
def suppliers(request: HttpRequest) -> HttpResponse:
    _require(request, "commissioning.link_supplier")
    return render(
        request,
        "commissioning/staff/suppliers.html",
        {"suppliers": list(queries.unmatched_suppliers()[:500])},
    )


@login_required
def supplier_link(request: HttpRequest, supplier_id: int) -> HttpResponse:
    _require(request, "commissioning.link_supplier")
    supplier = get_object_or_404(UnmatchedSupplier, pk=supplier_id, organisation=None)
    form = forms.LinkSupplierForm(request.POST or None)
    return form_page(
        request, form,
        lambda: actions.link_supplier(signed_in_user(request), supplier, form.cleaned_data["organisation"]),
        success=_("Supplier linked."), then=reverse("commissioning:suppliers"), template=FORM,
        title=_("Link a supplier to the directory"), caption=supplier.name, back="../",
        submit=_("Link"),
    )  # fmt: skip


# Bid support (staff)


def _staff_area(request: HttpRequest, area_slug: str) -> Area:
    area = get_object_or_404(Area, slug=area_slug)
    _require(request, "commissioning.record_bid_support", area)
    return area


@login_required
def bids(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = _staff_area(request, area_slug)
    today = timezone.localdate()
    since = date(today.year - 1, today.month, 1)
    steps, others = queries.funnel(area, since, today)
    top = max((s.count for s in steps), default=0) or 1
    return render(
        request,
        "commissioning/staff/bids.html",
        {
            "area": area,
            "since": since,
            "until": today,
            "steps": [(s, round(100 * s.count / top)) for s in steps],
            "others": others,
            "records": list(
                BidSupport.objects.filter(area=area).select_related("organisation", "opportunity")[:200]
            ),
        },
    )


@login_required
def bid_create(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = _staff_area(request, area_slug)
    form = forms.BidSupportForm(request.POST or None, area=area, initial={"requested_on": timezone.localdate()})
    return form_page(
        request, form,
        lambda: actions.record_bid_support(
            signed_in_user(request), area,
            {name: form.cleaned_data[name] for name in forms.BidSupportForm.Meta.fields},
        ),
        success=_("Bid support recorded."), then=_bids_url(area), template=FORM,
        title=_("Record bid support"), caption=str(area.name), back="../", submit=_("Record"),
    )  # fmt: skip


@login_required
def bid_outcome(request: HttpRequest, area_slug: str, record_id: int) -> HttpResponse:
    area = _staff_area(request, area_slug)
    record = get_object_or_404(BidSupport, pk=record_id, area=area)
    form = forms.OutcomeForm(request.POST or None, initial={"outcome": record.outcome})
    return form_page(
        request, form,
        lambda: actions.record_bid_outcome(signed_in_user(request), record, form.cleaned_data["outcome"]),
        success=_("Outcome recorded."), then=_bids_url(area), template=FORM,
        title=_("Record the bid's outcome"), caption=str(record.organisation.name),
        back="../../", submit=_("Save outcome"),
    )  # fmt: skip


def _bids_url(area: Area) -> str:
    return reverse("commissioning:bids", kwargs={"area_slug": area.slug})
