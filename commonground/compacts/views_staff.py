"""Staff pages: run the rules, override a parameter, move and resolve disputes, publish the
annual report and send it to the national partnership council."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.compacts import actions, queries
from commonground.compacts.findings import run_compact
from commonground.compacts.forms import MoveForm, OverrideForm, ResolveForm
from commonground.compacts.models import AnnualReport, Compact, Dispute
from commonground.compacts.parameters import compact_rules
from commonground.core.form_views import form_page
from commonground.core.requests import signed_in_user

FORM = "compacts/form.html"


def _managed(request: HttpRequest, pk: int) -> Compact:
    compact = get_object_or_404(Compact.objects.select_related("area"), pk=pk)
    if not request.user.has_perm("compacts.manage_compact", compact):
        raise PermissionDenied
    return compact


@login_required
@require_POST
def run_rules(request: HttpRequest, pk: int) -> HttpResponse:
    compact = _managed(request, pk)
    found = run_compact(compact)
    messages.success(request, _("The rules have run: %(n)s open findings.") % {"n": len(found)})
    return redirect(compact.get_absolute_url())


@login_required
def override(request: HttpRequest, pk: int, rule: str) -> HttpResponse:
    compact = _managed(request, pk)
    current = next((r for r in compact_rules(compact) if r.rule == rule), None)
    if current is None:
        raise Http404
    form = OverrideForm(request.POST or None, choices=[(p, p) for p in current.params])
    return form_page(
        request,
        form,
        lambda: actions.override_parameter(
            signed_in_user(request),
            compact,
            rule,
            form.cleaned_data["parameter"],
            form.cleaned_data["value"],
            form.cleaned_data["reason"],
        ),
        success=_("The area's value has been recorded."),
        then=compact.get_absolute_url(),
        template=FORM,
        title=_("Set the area's value for %(rule)s") % {"rule": rule},
        back=compact.get_absolute_url(),
        submit=_("Save"),
    )


def _handled(request: HttpRequest, reference: str) -> Dispute:
    dispute = get_object_or_404(Dispute.objects.select_related("compact"), reference=reference)
    if not request.user.has_perm("compacts.handle_dispute", dispute):
        raise PermissionDenied
    return dispute


@login_required
def dispute_move(request: HttpRequest, reference: str) -> HttpResponse:
    dispute = _handled(request, reference)
    form = MoveForm(request.POST or None, dispute=dispute)
    return form_page(
        request,
        form,
        lambda: actions.move_dispute(
            signed_in_user(request), dispute, form.cleaned_data["stage"], form.cleaned_data["note"]
        ),
        success=_("The concern has moved to its next stage."),
        then=dispute.get_absolute_url(),
        template=FORM,
        title=_("Move concern %(reference)s") % {"reference": dispute.reference},
        back=dispute.get_absolute_url(),
        submit=_("Move"),
    )


@login_required
def dispute_resolve(request: HttpRequest, reference: str) -> HttpResponse:
    dispute = _handled(request, reference)
    form = ResolveForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.resolve_dispute(
            signed_in_user(request),
            dispute,
            form.cleaned_data["outcome_en"],
            form.cleaned_data["outcome_cy"],
        ),
        success=_("The outcome has been recorded and published in summary."),
        then=dispute.get_absolute_url(),
        template=FORM,
        title=_("Record the outcome of %(reference)s") % {"reference": dispute.reference},
        back=dispute.get_absolute_url(),
        submit=_("Record outcome"),
    )


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    compact = _managed(request, pk)
    actions.publish_report(
        signed_in_user(request), compact, year, queries.report_content(compact, year)
    )
    messages.success(request, _("The annual report has been published."))
    return redirect(reverse("compacts:report", args=[pk, year]))


@login_required
@require_POST
def report_send(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    _managed(request, pk)
    report = get_object_or_404(AnnualReport, compact_id=pk, year=year, published_at__isnull=False)
    actions.send_report_to_council(signed_in_user(request), report)
    messages.success(
        request, _("The report is recorded as sent to the national partnership council.")
    )
    return redirect(reverse("compacts:report", args=[pk, year]))
