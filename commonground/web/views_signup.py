"""An organisation signs itself up and its infrastructure body's staff decide; a person asks
to join an organisation and its admins decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.core import actions, queries
from commonground.core.forms import DeclineForm, JoinRequestForm, SignUpForm, add_errors
from commonground.core.models import JoinRequest, MembershipApplication, Organisation, User
from commonground.core.requests import signed_in_user


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.sign_up_organisation(
                form.organisation_data(), form.contact(), form.cleaned_data["engagement_level"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            request.session["signed_up"] = application.pk
            return redirect("web:sign-up-sent")
    return render(request, "web/sign_up/form.html", {"form": form})


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    signed_up: int = request.session.get("signed_up", 0)
    application = MembershipApplication.objects.filter(pk=signed_up).first()
    return render(request, "web/sign_up/sent.html", {"application": application})


def _staff_user(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not user.has_perm("core.view_staff_pages"):
        raise PermissionDenied
    return user


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    user = _staff_user(request)
    return render(
        request,
        "web/sign_up/applications.html",
        {"applications": queries.pending_applications(user)},
    )


def _application(request: HttpRequest, pk: int) -> MembershipApplication:
    user = _staff_user(request)
    application = get_object_or_404(
        MembershipApplication.objects.select_related(
            "organisation__area", "infrastructure_body", "applicant__person"
        ),
        pk=pk,
    )
    if not user.has_perm("core.change_organisation", application.infrastructure_body):
        raise PermissionDenied
    return application


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.decline_membership_application(
                signed_in_user(request),
                application,
                form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The application has been declined."))
            return redirect("web:applications")
    return render(
        request,
        "web/sign_up/application.html",
        {"application": application, "organisation": application.organisation, "form": form},
    )


@require_POST
@login_required
def application_approve(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    try:
        actions.approve_membership_application(signed_in_user(request), application)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("web:application", pk=pk)
    messages.success(
        request,
        _("%(organisation)s is now a member. Its admin has been told by email.")
        % {"organisation": application.organisation.name},
    )
    return redirect("web:applications")


@require_POST
@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask to join an organisation; the form sits on the organisation's page."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("core.ask_to_join", organisation):
        raise PermissionDenied
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            actions.ask_to_join(
                signed_in_user(request),
                organisation,
                form.cleaned_data["role"],
                form.cleaned_data["message"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your request has been sent to the organisation's admins."))
        return redirect(organisation.get_absolute_url())
    return render(
        request, "web/organisations/join.html", {"form": form, "organisation": organisation}
    )


@login_required
def join_requests(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("core.change_organisation", organisation):
        raise PermissionDenied
    if request.method == "POST":
        join_request = get_object_or_404(
            JoinRequest, pk=request.POST.get("request", 0), organisation=organisation
        )
        approve = request.POST.get("decision") == "approve"
        try:
            actions.decide_join_request(signed_in_user(request), join_request, approve=approve)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(person)s has been added.") % {"person": join_request.user}
                if approve
                else _("The request has been declined."),
            )
        return redirect("web:join-requests", slug=organisation.slug)
    pending = JoinRequest.objects.filter(
        organisation=organisation, status=JoinRequest.Status.PENDING
    ).select_related("user__person")
    return render(
        request,
        "web/organisations/join_requests.html",
        {"organisation": organisation, "requests": pending},
    )
