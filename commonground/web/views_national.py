"""The national view for national viewers: every area side by side, and each area's page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core.models import Area
from commonground.engagement import queries as engagement
from commonground.partnerships import queries as partnerships
from commonground.web import national

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _national_viewer(request: HttpRequest) -> None:
    if not request.user.has_perm("core.view_national"):
        raise PermissionDenied


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _national_viewer(request)
    return render(request, "web/national/index.html", {"rows": national.all_areas()})


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    _national_viewer(request)
    rows = national.table(national.all_areas())
    name = f"national-{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse(national.as_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(national.as_xlsx(rows, _("Areas")), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def area(request: HttpRequest, area_slug: str) -> HttpResponse:
    _national_viewer(request)
    found = get_object_or_404(Area.objects.select_related("region"), slug=area_slug)
    today = timezone.localdate()
    return render(
        request,
        "web/national/area.html",
        {
            "area": found,
            "figures": national.figures(found),
            "bodies": partnerships.bodies_in(found).order_by("name_en"),
            "consultations": engagement.open_consultations(today).filter(area=found),
        },
    )
