"""Public pages: funding flows for Wales and for each area, the calculator, agreements.

Flows count published agreements; staff of the area (and national viewers) also see the
unpublished ones. Downloads are the same tables as the page, as CSV or XLSX.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from commonground.core.models import Area, RoleAssignment
from commonground.core.requests import signed_in_user
from commonground.funding import export, queries
from commonground.funding.actions import LIVE
from commonground.funding.fcr import InvalidCosts, calculate
from commonground.funding.forms import BASIS_CHOICES, CalculatorForm
from commonground.funding.models import Agreement

DOWNLOADS = ("csv", "xlsx")
PAGE_SIZE = 50


def _sees_unpublished(request: HttpRequest, area: Area | None) -> bool:
    user: Any = request.user
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = RoleAssignment.objects.filter(user_id=user.pk)
    if roles.filter(role=RoleAssignment.Role.NATIONAL_VIEWER).exists():
        return True
    return (
        area is not None
        and roles.filter(
            role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN],
            area=area,
        ).exists()
    )


def _titles() -> dict[str, str]:
    return {
        "year": _("By financial year"),
        "funder": _("By funder"),
        "directorate": _("By directorate or department"),
        "mode": _("By mode"),
        "area": _("By area"),
        "theme": _("By theme"),
    }


def _bars(rows: list[queries.Row]) -> list[dict[str, Any]]:
    """Bar lengths for the SVG chart, out of 100, beside the rows they draw."""
    top = max((r.pence for r in rows), default=0)
    return [
        {"row": r, "width": round(100 * r.pence / top, 1) if top else 0, "y": 28 * n}
        for n, r in enumerate(rows)
    ]


def _flows_page(request: HttpRequest, area: Area | None) -> HttpResponse:
    unpublished = _sees_unpublished(request, area)
    flows = queries.funding_flows(area, include_unpublished=unpublished)
    download = request.GET.get("download", "")
    name = f"funding-flows-{area.slug if area else 'wales'}"
    if download in DOWNLOADS:
        tables = export.flow_tables(flows, _titles())
        return export.as_csv(tables, name) if download == "csv" else export.as_xlsx(tables, name)
    if download:
        raise Http404
    titles = _titles()
    groupings = [(titles[k], rows, k) for k, rows in flows.groupings.items()]
    return render(
        request,
        "funding/flows.html",
        {
            "area": area,
            "flows": flows,
            "years": _bars(flows.years),
            "chart_height": 28 * len(flows.years) + 4,
            "groupings": groupings,
            "unpublished": unpublished,
            "areas": Area.objects.filter(agreements__isnull=False).distinct().order_by("name_en")
            if area is None
            else None,
        },
    )


def national_flows(request: HttpRequest) -> HttpResponse:
    return _flows_page(request, None)


def area_flows(request: HttpRequest, area_slug: str) -> HttpResponse:
    return _flows_page(request, get_object_or_404(Area, slug=area_slug))


def calculator(request: HttpRequest) -> HttpResponse:
    """The full cost recovery calculator: a GET form, so a breakdown has its own address."""
    bound = any(k.startswith(("direct_", "overhead_")) for k in request.GET)
    form = CalculatorForm(request.GET if bound else None)
    breakdown = None
    if bound and form.is_valid():
        try:
            breakdown = calculate(*form.costs())
        except InvalidCosts:  # the form checks the same things; this is the last guard
            form.add_error(None, _("Check the quantities: each share must be between 0 and 1."))
    download = request.GET.get("download", "")
    if breakdown is not None and download in DOWNLOADS:
        tables = export.breakdown_tables(breakdown)
        if download == "csv":
            return export.as_csv(tables, "full-cost-recovery")
        return export.as_xlsx(tables, "full-cost-recovery")
    query = request.GET.copy()
    query.pop("download", None)
    return render(
        request,
        "funding/calculator.html",
        {
            "form": form,
            "breakdown": breakdown,
            "basis": dict(BASIS_CHOICES),
            "query": query.urlencode(),
            "rows": _calculator_rows(form),
        },
        status=400 if bound and form.errors else 200,
    )


def _calculator_rows(form: Any) -> dict[str, list[list[Any]]]:
    """The calculator's fields grouped by row, for a table-like layout."""
    direct = [[form[f"direct_{n}_name"], form[f"direct_{n}_amount"]] for n in range(1, 6)]
    overheads = [
        [form[f"overhead_{n}_{p}"] for p in ("name", "amount", "basis", "project", "total")]
        for n in range(1, 7)
    ]
    return {"direct": direct, "overheads": overheads}


def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = queries.visible_agreements(request.user).order_by("-award_date", "identifier")
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/agreements.html",
        {
            "agreements": page.object_list,
            "page": page,
            # only people who manage a funder may record one (a national viewer may not)
            "can_record": request.user.is_authenticated
            and bool(queries.managed_funders(signed_in_user(request))),
        },
    )


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related("funder", "recipient", "area", "theme", "opportunity"),
        pk=pk,
    )
    if not request.user.has_perm("funding.view_agreement", agreement):
        if request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return render(
        request,
        "funding/agreement.html",
        {
            "agreement": agreement,
            "instalments": agreement.instalments.all(),
            "variations": agreement.variations.all(),
            "can_manage": request.user.has_perm("funding.manage_agreement", agreement),
            "live": agreement.status in LIVE,
        },
    )
