"""Public and account pages. Thin: reads go through queries, changes through actions."""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.core import actions, permissions, queries
from commonground.core.bilingual import localised_order
from commonground.core.forms import JoinRequestForm, OrganisationForm, PreferredLanguageForm
from commonground.core.models import Area, Organisation, RoleAssignment
from commonground.core.requests import signed_in_user
from commonground.web.forms import OrganisationFilterForm, SignInForm
from commonground.web.home import panels_for as home_panels

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return render(request, "web/home_signed_in.html", {"panels": home_panels(request.user)})
    return render(
        request,
        "web/home.html",
        {
            "listed_count": Organisation.objects.filter(public_listing=True).count(),
            "area_count": Area.objects.count(),
        },
    )


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        """Continue in the language the person chose for their account."""
        url = super().get_success_url()
        return translate_url(url, self.request.user.preferred_language)  # type: ignore[union-attr]


def sign_in_locked_out(request: HttpRequest, *args: object) -> HttpResponse:
    """What django-axes shows while sign-in is paused (AXES_LOCKOUT_CALLABLE): the same page,
    whether or not the account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "web/sign_in_locked.html", {"minutes": minutes}, status=429)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = PreferredLanguageForm(
        request.POST or None,
        initial={"preferred_language": user.preferred_language},  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        actions.set_preferred_language(user, language)  # type: ignore[arg-type]
        with translation.override(language):
            messages.success(request, _("Your preferred language has been saved."))
        return redirect(translate_url(request.path, language))
    affiliations = []
    if user.person_id:  # type: ignore[union-attr]
        affiliations = list(
            user.person.affiliations.select_related("organisation")  # type: ignore[union-attr]
        )
    staff_roles = [RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN]
    staff_areas = Area.objects.filter(
        pk__in=RoleAssignment.objects.filter(user=request.user.pk, role__in=staff_roles).values(
            "area_id"
        )
    )
    return render(
        request,
        "web/account.html",
        {"form": form, "organisations": affiliations, "staff_areas": staff_areas},
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    organisations = queries.visible_organisations(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            organisations = organisations.filter(
                name_en__icontains=data["q"]
            ) | organisations.filter(name_cy__icontains=data["q"])
        if data["area"]:
            organisations = organisations.filter(area=data["area"])
        if data["kind"]:
            organisations = organisations.filter(kind=data["kind"])
        if data["theme"]:
            organisations = organisations.filter(themes=data["theme"])
    page = Paginator(organisations.order_by(localised_order("name"), "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "web/organisations/list.html", {"form": form, "page": page})


def _organisation_for(request: HttpRequest, slug: str, perm: str) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), slug=slug)
    if not request.user.has_perm("core.view_organisation", organisation):
        raise Http404
    if perm != "core.view_organisation" and not request.user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_for(request, slug, "core.view_organisation")
    return render(
        request,
        "web/organisations/detail.html",
        {
            "organisation": organisation,
            "memberships": organisation.memberships.select_related("infrastructure_body"),
            "can_change": request.user.has_perm("core.change_organisation", organisation),
            "can_view_history": request.user.has_perm(
                "core.view_organisation_history", organisation
            ),
            "join_form": JoinRequestForm()
            if request.user.has_perm("core.ask_to_join", organisation)
            else None,
        },
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_for(request, slug, "core.change_organisation")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_organisation(signed_in_user(request), organisation, form.changes())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if changed:
                messages.success(request, _("Your changes have been saved."))
            return redirect(organisation.get_absolute_url())
    return render(
        request, "web/organisations/edit.html", {"form": form, "organisation": organisation}
    )


@login_required
def organisation_history(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_for(request, slug, "core.view_organisation_history")
    return render(
        request,
        "web/organisations/history.html",
        {"organisation": organisation, "versions": queries.organisation_versions(organisation)},
    )


@require_POST
@login_required
def organisation_restore(request: HttpRequest, slug: str, history_id: int) -> HttpResponse:
    organisation = _organisation_for(request, slug, "core.restore_organisation")
    if not organisation.history.filter(history_id=history_id).exists():
        raise Http404
    actions.restore_organisation(signed_in_user(request), organisation, history_id)
    messages.success(request, _("The earlier version has been restored."))
    return redirect("web:organisation-history", slug=organisation.slug)


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "web/error.html", {"title": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(
        request,
        400,
        _("Sorry, there is a problem with that request"),
        _("Check the address or the form you sent and try again."),
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(
        request,
        403,
        _("You cannot do that"),
        _(
            "Your account does not have permission for this page. Ask your organisation or your infrastructure body if you think it should."
        ),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: usually an old page or blocked cookies."""
    return _error(
        request,
        403,
        _("Sorry, that form has expired"),
        _(
            "Go back, reload the page and send the form again. If this keeps happening, check that your browser accepts cookies from this site."
        ),
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(
        request,
        404,
        _("Page not found"),
        _(
            "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return _error(
            request,
            500,
            _("Sorry, there is a problem with the service"),
            _("Try again later. Nothing you entered has been saved."),
        )
    except Exception:  # the page itself failed: answer plainly rather than not at all
        return HttpResponse(
            _("Sorry, there is a problem with the service."), status=500, content_type="text/plain"
        )


def _record_for(request: HttpRequest, label: str, pk: str) -> Any:
    """The record behind a generic history URL; 404 for anything without history."""
    try:
        model = apps.get_model(label)
        if not hasattr(model, "history"):
            raise LookupError(label)
        record = model._default_manager.get(pk=pk)
    except (LookupError, ValueError, ValidationError, ObjectDoesNotExist):
        raise Http404 from None
    if not permissions.may_restore(signed_in_user(request), model):
        raise PermissionDenied
    return record


@login_required
def record_history(request: HttpRequest, label: str, pk: str) -> HttpResponse:
    record = _record_for(request, label, pk)
    return render(
        request,
        "web/record_history.html",
        {
            "record": record,
            "label": label,
            "kind": record._meta.verbose_name,
            "versions": queries.record_versions(record),
        },
    )


@require_POST
@login_required
def record_restore(request: HttpRequest, label: str, pk: str, history_id: int) -> HttpResponse:
    record = _record_for(request, label, pk)
    if not record.history.filter(history_id=history_id).exists():
        raise Http404
    try:
        actions.restore_record(signed_in_user(request), record, history_id)
    except ValidationError:
        messages.error(
            request, _("That version cannot be restored: it conflicts with another record.")
        )
    else:
        messages.success(request, _("The earlier version has been restored."))
    return redirect("web:record-history", label=label, pk=pk)
