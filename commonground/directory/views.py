"""Directory pages: public search and service pages, editing, suggestions, review, import.

Thin: reads go through ``search`` and ``queries``, changes through ``actions``.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from commonground.core.forms import add_errors
from commonground.core.models import Organisation
from commonground.core.requests import signed_in_user
from commonground.directory import actions, imports, queries
from commonground.directory import problems as problems_module
from commonground.directory.forms import (
    RADIUS_CHOICES,
    ImportForm,
    SearchForm,
    ServiceForm,
    SuggestionForm,
)
from commonground.directory.models import Attribute, Service, Suggestion
from commonground.directory.search import ServiceQuery, distance_km, search_page

PAGE_SIZE = 20


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = None
    if not request.GET or form.is_valid():
        data: dict[str, Any] = form.cleaned_data if request.GET else {}
        radius = data.get("radius")
        day = data.get("day")
        query = ServiceQuery(
            text=data.get("q") or "",
            theme=data.get("theme"),
            term_ids=[data["term"].pk] if data.get("term") else [],
            area=data.get("area"),
            near=form.point if request.GET else None,
            radius_km=float(radius) if radius else None,
            age=data.get("age"),
            open_day=int(day) if day not in (None, "") else None,
            open_time=data.get("time"),
            sort=data.get("sort") or ("distance" if request.GET and form.point else "relevance"),
        )
        page = search_page(query, request.GET.get("page"), PAGE_SIZE)
        for service in page.object_list:
            service.distance = distance_km(service)
    context = {
        "form": form,
        "page": page,
        "broaden": _broaden(form, request.GET) if page is not None else [],
    }
    return render(request, "directory/search.html", context)


def _broaden(form: SearchForm, params: QueryDict) -> list[tuple[str, str]]:
    """Links that widen a search, for when it finds nothing: drop one filter, or go further."""
    if not form.is_bound or not form.is_valid():
        return []
    query = params.copy()
    query.pop("page", None)
    links = []
    for name in ("term", "theme", "area", "age", "day", "time"):
        if form.cleaned_data.get(name) not in (None, ""):
            without = query.copy()
            without.pop(name, None)
            label = str(form.fields[name].label)
            links.append((_("Remove the filter ‘%(filter)s’") % {"filter": label}, without))
    radius = form.cleaned_data.get("radius")
    if radius:
        choices = [value for value, _label in RADIUS_CHOICES if value]
        wider = query.copy()
        larger = [value for value in choices if int(value) > int(radius)]
        wider["radius"] = larger[0] if larger else ""
        links.append(
            (
                _("Search within %(km)s km") % {"km": larger[0]}
                if larger
                else _("Search at any distance"),
                wider,
            )
        )
    return [(text, "?" + params.urlencode()) for text, params in links]


def _visible_service(request: HttpRequest, pk: Any) -> Service:
    service = queries.service_detail(pk)
    if service is None or not request.user.has_perm("directory.view_service", service):
        raise Http404
    return service


def service_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    service = _visible_service(request, pk)
    terms = Attribute.objects.filter(link_id=service.pk).select_related("taxonomy_term")
    return render(
        request,
        "directory/service.html",
        {
            "service": service,
            "terms": [a.taxonomy_term for a in terms],
            "can_change": request.user.has_perm("directory.change_service", service),
        },
    )


def organisation_services(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("area"), slug=slug)
    if not request.user.has_perm("core.view_organisation", organisation):
        raise Http404
    services = Service.objects.filter(organisation=organisation).order_by("name_en")
    return render(
        request,
        "directory/organisation.html",
        {
            "organisation": organisation,
            "services": services,
            "can_add": request.user.has_perm("directory.add_service", organisation),
        },
    )


@login_required
def service_new(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's admins (or area staff) add a service to its entry."""
    organisation = get_object_or_404(Organisation.objects.select_related("area"), slug=slug)
    if not request.user.has_perm("directory.add_service", organisation):
        raise PermissionDenied
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = actions.create_service(signed_in_user(request), organisation, form.changes())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The service has been added."))
            return redirect(service.get_absolute_url())
    return render(request, "directory/new.html", {"form": form, "organisation": organisation})


def _initial(service: Service) -> dict[str, Any]:
    return {
        "terms": list(
            Attribute.objects.filter(link_id=service.pk).values_list("taxonomy_term_id", flat=True)
        )
    }


@login_required
def service_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    service = _visible_service(request, pk)
    if not request.user.has_perm("directory.change_service", service):
        return redirect("directory:service-suggest", pk=service.pk)
    form = ServiceForm(request.POST or None, instance=service, initial=_initial(service))
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_service(signed_in_user(request), service, form.changes())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if changed:
                messages.success(request, _("Your changes have been saved."))
            return redirect(service.get_absolute_url())
    return render(
        request, "directory/edit.html", {"form": form, "service": service, "suggest": False}
    )


@login_required
def service_suggest(request: HttpRequest, pk: Any) -> HttpResponse:
    service = _visible_service(request, pk)
    form = SuggestionForm(request.POST or None, instance=service, initial=_initial(service))
    if request.method == "POST" and form.is_valid():
        try:
            actions.suggest_change(signed_in_user(request), service, form.changes(), form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(
                None,
                exc.messages[0] if exc.code != "no_change" else _("You have not changed anything."),
            )
        else:
            messages.success(request, _("Thank you. Your suggestion has been sent for review."))
            return redirect(service.get_absolute_url())
    return render(
        request, "directory/edit.html", {"form": form, "service": service, "suggest": True}
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    suggestions = queries.pending_suggestions_for(request.user)
    return render(request, "directory/review.html", {"suggestions": suggestions})


@require_POST
@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("service__organisation"), pk=pk
    )
    if not request.user.has_perm("directory.review_suggestion", suggestion):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    try:
        actions.review_suggestion(signed_in_user(request), suggestion, accept)
    except ValidationError:
        messages.success(request, _("This suggestion had already been reviewed."))
    else:
        messages.success(
            request,
            _("The change has been made.") if accept else _("The suggestion has been rejected."),
        )
    return redirect("directory:review-queue")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("directory.import"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            counts = imports.run_import(
                request.user,
                form.cleaned_data["format"],
                upload.read(),
                form.cleaned_data["area"],
                upload.name,
            )
        except actions.ImportFailed as exc:
            problems = problems_module.as_rows(exc.problems[:500])
            form.add_error(
                "file",
                ngettext(
                    "The file has %(count)d problem. Nothing has been imported.",
                    "The file has %(count)d problems. Nothing has been imported.",
                    len(exc.problems),
                )
                % {"count": len(exc.problems)},
            )
        else:
            total = sum(counts.values())
            messages.success(request, _("Import complete: %(count)d records.") % {"count": total})
            return redirect("directory:import")
    return render(request, "directory/import.html", {"form": form, "problems": problems})
