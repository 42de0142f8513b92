"""Staff pages of programme monitoring: programmes and their logic models, evidence (with
the CSV upload and confirming or setting aside), capture rules, reports and the seeds'
tables. Every page is for staff and national viewers; each view checks, validates with a
form and calls one verb.
"""

import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commonground.core.exports import append_row, write_csv
from commonground.core.form_views import form_page
from commonground.core.requests import signed_in_user
from commonground.monitoring import actions, forms, importer, layouts, logic_model, queries
from commonground.monitoring.models import CaptureRule, Evidence, Programme

FORM = "monitoring/form.html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _allowed(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        checked.__name__ = view.__name__
        checked.__doc__ = view.__doc__
        return checked

    return wrap


def _programme(slug: str) -> Programme:
    return get_object_or_404(Programme, slug=slug)


@_allowed("monitoring.view_programmes")
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "monitoring/programmes.html", {"programmes": queries.programmes()})


@_allowed("monitoring.view_programmes")
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    strands = list(programme.strands.prefetch_related("indicators__targets__area"))
    return render(
        request,
        "monitoring/programme.html",
        {
            "programme": programme,
            "strands": strands,
            "layouts": layouts.layouts_for(programme),
            "pipeline": programme.evidence.filter(status=Evidence.Status.PIPELINE).count(),
        },
    )


@_allowed("monitoring.view_programmes")
def logic_model_json(request: HttpRequest, slug: str) -> HttpResponse:
    body = json.dumps(logic_model.export(_programme(slug)), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-logic-model.json"'
    return response


@_allowed("monitoring.manage_programmes")
def logic_model_load(request: HttpRequest) -> HttpResponse:
    form = forms.LogicModelForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        lambda: actions.load_logic_model(signed_in_user(request), form.cleaned_data["file"]),
        success=_("The logic model has been loaded."),
        then=lambda programme: programme.get_absolute_url(),
        template=FORM,
        title=_("Load a logic model"),
        back=reverse("monitoring:index"),
        submit=_("Load logic model"),
        context={"multipart": True},
    )


@_allowed("monitoring.view_programmes")
def evidence_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    status = request.GET.get("status", "")
    if status not in ("", *Evidence.Status.values):
        status = ""
    page = Paginator(queries.evidence(programme, status), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/evidence_list.html",
        {
            "programme": programme,
            "page": page,
            "status": status,
            "statuses": Evidence.Status.choices,
        },
    )


@_allowed("monitoring.view_programmes")
def evidence_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(slug)
    evidence = get_object_or_404(queries.evidence(programme), pk=pk)
    form = forms.StatusForm(request.POST or None, initial={"status": evidence.status})
    back = reverse("monitoring:evidence", args=[slug])
    context = {
        "programme": programme,
        "evidence": evidence,
        "history": evidence.history.order_by("-history_date")[:20],
        "may_judge": request.user.has_perm("monitoring.judge_evidence"),
    }
    if request.method == "POST" and not context["may_judge"]:
        raise PermissionDenied
    return form_page(
        request,
        form,
        lambda: actions.change_status(
            signed_in_user(request),
            evidence,
            form.cleaned_data["status"],
            form.cleaned_data["reason"],
        ),
        success=_("The evidence record's status has been changed."),
        then=back,
        template="monitoring/evidence.html",
        title=_("Evidence record"),
        back=back,
        submit=_("Save status"),
        context=context,
    )


@_allowed("monitoring.manage_programmes")
def evidence_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    form = forms.EvidenceForm(request.POST or None, programme=programme)
    return form_page(
        request,
        form,
        lambda: actions.record_evidence(signed_in_user(request), programme, form.data_for()),
        success=_("The evidence record has been added."),
        then=reverse("monitoring:evidence", args=[slug]),
        template=FORM,
        title=_("Add an evidence record"),
        back=reverse("monitoring:evidence", args=[slug]),
        submit=_("Add record"),
    )


def _import_file(request: HttpRequest, content: bytes) -> importer.ImportResult:
    """The import, with every problem of a refused file on the form, by row and column."""
    try:
        return importer.import_evidence(signed_in_user(request), content)
    except importer.EvidenceFileError as exc:
        problems = [str(p) for p in exc.problems]
        raise ValidationError(
            {"file": [_("The file has problems; nothing was imported."), *problems]}
        ) from None


@_allowed("monitoring.manage_programmes")
def evidence_upload(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    form = forms.EvidenceUploadForm(request.POST or None, request.FILES or None)
    back = reverse("monitoring:evidence", args=[slug])
    return form_page(
        request,
        form,
        lambda: _import_file(request, form.cleaned_data["file"]),
        success=_("The file has been imported. Rows recorded before were left alone."),
        then=back,
        template="monitoring/upload.html",
        title=_("Import evidence records"),
        back=back,
        submit=_("Import"),
        context={"programme": programme, "columns": importer.COLUMNS},
    )


@_allowed("monitoring.view_programmes")
def rule_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    return render(
        request,
        "monitoring/rules.html",
        {
            "programme": programme,
            "rules": programme.rules.select_related("indicator"),
            "may_edit": request.user.has_perm("monitoring.judge_evidence"),
        },
    )


@_allowed("monitoring.judge_evidence")
def rule_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = _programme(slug)
    rule = get_object_or_404(CaptureRule, programme=programme, pk=pk) if pk else None
    form = forms.RuleForm(request.POST or None, instance=rule, programme=programme)
    back = reverse("monitoring:rules", args=[slug])
    return form_page(
        request,
        form,
        lambda: actions.save_rule(signed_in_user(request), form.save(commit=False)),
        success=_("The capture rule has been saved."),
        then=back,
        template=FORM,
        title=_("Capture rule"),
        back=back,
        submit=_("Save rule"),
    )


def _period(programme: Programme, form: forms.ReportForm) -> tuple[str, date, date]:
    data = form.cleaned_data if form.is_valid() else {}
    return (
        data.get("by") or "",
        data.get("start") or programme.period_start,
        data.get("end") or programme.period_end,
    )


def _download(rows: list[list[Any]], name: str, kind: str, title: str) -> HttpResponse:
    if kind == "csv":
        text = io.StringIO()
        write_csv(text, rows)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook
        from openpyxl.chart import BarChart, Reference

        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = title[:31]
        for row in rows:
            append_row(sheet, row)
        if len(rows) > 1 and _("Eligible") in rows[0]:
            column = rows[0].index(_("Eligible")) + 1
            chart = BarChart()
            chart.type = "bar"
            chart.title = title
            chart.add_data(
                Reference(sheet, min_col=column, min_row=1, max_row=len(rows)),
                titles_from_data=True,
            )
            chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows)))
            sheet.add_chart(chart, f"{chr(ord('A') + len(rows[0]) + 1)}2")
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@_allowed("monitoring.view_programmes")
def report(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    form = forms.ReportForm(request.GET or None)
    by, start, end = _period(programme, form)
    result = queries.report(programme, by, start, end)
    table = result.table()
    download = request.GET.get("download", "")
    if download in ("csv", "xlsx") and (not form.is_bound or form.is_valid()):
        return _download(table, f"{slug}-report", download, _("Report"))
    widest = max([r.eligible + r.pipeline + r.not_eligible for r in result.rows] + [1])
    labels = 1 + len(queries.GROUPINGS[by])
    bars = [
        {
            "label": " · ".join(str(c) for c in line[:labels]),
            "eligible": round(90 * r.eligible / widest),
            "pipeline": round(90 * r.pipeline / widest),
        }
        for r, line in zip(result.rows, table[1:], strict=True)
        if r.base is None
    ]
    query = request.GET.copy()
    query.pop("download", None)
    return render(
        request,
        "monitoring/report.html",
        {
            "programme": programme,
            "form": form,
            "table": table,
            "bars": bars,
            "rows": table[1:],
            "start": start,
            "end": end,
            "query": query.urlencode(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@_allowed("monitoring.view_programmes")
def layout(request: HttpRequest, slug: str, layout_slug: str) -> HttpResponse:
    programme = _programme(slug)
    found = layouts.find(programme, layout_slug)
    if found is None:
        raise Http404
    rows = layouts.fill(programme, found)
    download = request.GET.get("download", "")
    if download in ("csv", "xlsx"):
        return _download(
            [
                [str(c) for c in found.columns],
                *[
                    [("" if v is None else v if isinstance(v, int) else str(v)) for v in row]
                    for row in rows
                ],
            ],
            f"{slug}-{layout_slug}",
            download,
            str(found.title),
        )
    return render(
        request,
        "monitoring/layout.html",
        {"programme": programme, "layout": found, "rows": rows, "has_total": bool(found.total)},
    )
