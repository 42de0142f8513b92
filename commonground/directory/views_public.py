"""Directory pages anyone may read: the search, a service's page, an organisation's services.

Thin: reads go through ``search`` and ``queries``.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from commonground.core.models import Organisation
from commonground.directory import queries
from commonground.directory.forms import (
    RADIUS_CHOICES,
    SearchForm,
)
from commonground.directory.models import Attribute, Service
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


def visible_service(request: HttpRequest, pk: Any) -> Service:
    service = queries.service_detail(pk)
    if service is None or not request.user.has_perm("directory.view_service", service):
        raise Http404
    return service


def service_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    service = visible_service(request, pk)
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


