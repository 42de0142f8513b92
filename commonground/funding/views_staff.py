"""Staff pages: record an agreement with its schedule, sign, vary, give notice, end; and the
360Giving page with its data-quality warnings and downloads.

Each view checks the permission, validates with a form and calls one action; an action's
``ValidationError`` appears in the error summary and nothing is half-written.
"""

from collections.abc import Callable
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commonground.core.form_views import form_page
from commonground.core.requests import signed_in_user
from commonground.funding import actions, forms, queries
from commonground.funding.models import Agreement
from commonground.funding.opportunities import agreement_initial, deliverable_opportunities
from commonground.funding.threesixty import (
    agreement_to_grant,
    published_agreements,
    quality_warnings,
)
from commonground.interop.threesixty import write_workbook

FORM = "funding/form.html"


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    funders = queries.managed_funders(signed_in_user(request))
    if not funders:
        raise PermissionDenied
    opportunity = deliverable_opportunities(funders).filter(slug=request.GET.get("opportunity")).first()
    form = forms.AgreementForm(
        request.POST or None,
        funders=funders,
        initial=agreement_initial(opportunity) if opportunity else None,
    )
    return form_page(
        request,
        form,
        lambda: actions.offer_agreement(
            signed_in_user(request), form.agreement_data(), form.payments()
        ),
        success=_("The agreement has been recorded as offered."),
        then=lambda agreement: agreement.get_absolute_url(),
        template=FORM,
        title=_("Record a funding agreement"),
        back=reverse("funding:agreements"),
        submit=_("Record agreement"),
    )


def _managed(request: HttpRequest, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement, pk=pk)
    if not request.user.has_perm("funding.manage_agreement", agreement):
        raise PermissionDenied
    return agreement


def _step(
    request: HttpRequest,
    pk: int,
    form_class: type[BaseForm],
    title: str,
    submit: str,
    change: Callable[[Agreement, dict[str, Any], BaseForm], Any],
    done: str,
) -> HttpResponse:
    agreement = _managed(request, pk)
    form = form_class(request.POST or None)
    return form_page(
        request,
        form,
        lambda: change(agreement, form.cleaned_data, form),
        success=done,
        then=agreement.get_absolute_url(),
        template=FORM,
        title=f"{title}: {agreement.title}",
        back=agreement.get_absolute_url(),
        submit=submit,
    )


@login_required
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, forms.SignForm, _("Record signature"), _("Record signature"),
        lambda a, d, f: actions.sign_agreement(signed_in_user(request), a, d["signed_on"]),
        _("The agreement is signed."),
    )  # fmt: skip


@login_required
def agreement_vary(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, forms.VaryForm, _("Vary the agreement"), _("Record variation"),
        lambda a, d, f: actions.vary_agreement(
            signed_in_user(request), a, cast(forms.VaryForm, f).changes(), reason=d["reason"], varied_on=d["varied_on"]
        ),
        _("The variation has been recorded."),
    )  # fmt: skip


@login_required
def agreement_notice(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, forms.NoticeForm, _("Give notice"), _("Record notice"),
        lambda a, d, f: actions.give_notice(
            signed_in_user(request), a, given_on=d["given_on"], ends_on=d["ends_on"], reason=d["reason"]
        ),
        _("The notice has been recorded."),
    )  # fmt: skip


@login_required
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, forms.EndForm, _("Record the end"), _("Record the end"),
        lambda a, d, f: actions.end_agreement(signed_in_user(request), a, d["ended_on"]),
        _("The agreement has ended."),
    )  # fmt: skip


@login_required
def threesixty(request: HttpRequest) -> HttpResponse:
    """Data-quality warnings on what would be published, and the downloads."""
    if not request.user.has_perm("funding.view_staff_pages"):
        raise PermissionDenied
    agreements = published_agreements()
    if request.GET.get("download") == "xlsx" and agreements.exists():
        response = HttpResponse(
            write_workbook([agreement_to_grant(a) for a in agreements]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="360giving-grants.xlsx"'
        return response
    warnings = quality_warnings(agreements)
    return render(
        request,
        "funding/threesixty.html",
        {
            "count": agreements.count(),
            "fixable": [w for w in warnings if w.fixable],
            "lacking": [w for w in warnings if not w.fixable],
        },
    )
