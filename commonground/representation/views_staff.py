"""Infrastructure staff: advertise, validate, close, run elections, review coverage."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from commonground.core.exports import append_row, write_csv
from commonground.core.forms import add_errors
from commonground.core.models import Area
from commonground.core.requests import signed_in_user
from commonground.partnerships.models import Seat
from commonground.representation import actions, queries
from commonground.representation.forms import (
    AdvertiseForm,
    CloseNominationsForm,
    ExtendNominationsForm,
    ExtendVotingForm,
    ReasonForm,
    ReviewForm,
)
from commonground.representation.models import Election, Nomination, Vacancy


def _staff(request: HttpRequest, obj: Model) -> None:
    if not request.user.has_perm("representation.manage", obj):
        raise PermissionDenied


@login_required
def advertise(request: HttpRequest, seat_id: int) -> HttpResponse:
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=seat_id)
    _staff(request, seat)
    policy = queries.policy_for(queries.area_of(seat))
    form = AdvertiseForm(
        request.POST or None,
        initial={
            "window_days": policy.vacancy_window_days,
            "word_limit": policy.statement_word_limit,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = actions.advertise_vacancy(signed_in_user(request), seat, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The vacancy is advertised and eligible organisations are being told.")
            )
            return redirect(vacancy.get_absolute_url())
    return render(request, "representation/advertise.html", {"form": form, "seat": seat})


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject one nomination. The vacancy page posts here; this page is where an
    error is shown with the form, and where the language switch lands (a GET, not a 405)."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("vacancy__seat__body", "nominee", "organisation"), pk=pk
    )
    _staff(request, nomination.vacancy.seat)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.validate_nomination(
                signed_in_user(request),
                nomination,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The nomination has been reviewed."))
            return redirect(nomination.vacancy.get_absolute_url())
    return render(
        request,
        "representation/review.html",
        {"form": form, "nomination": nomination},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def close_nominations(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy, pk=pk)
    _staff(request, vacancy.seat)
    form = CloseNominationsForm(request.POST)
    if form.is_valid():
        try:
            actions.close_nominations(
                signed_in_user(request),
                vacancy,
                method=form.cleaned_data["method"],
                early_reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Nominations are closed."))
    return redirect(vacancy.get_absolute_url())


@require_POST
@login_required
def election_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Open voting, close voting, retry the count, or void the election."""
    election = get_object_or_404(Election.objects.select_related("vacancy__seat"), pk=pk)
    _staff(request, election.vacancy.seat)
    try:
        if step == "open":
            actions.open_voting(signed_in_user(request), election)
            messages.success(request, _("Voting is open. The electorate is frozen."))
        elif step == "close":
            actions.close_voting(
                signed_in_user(request), election, early_reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Voting is closed. The count runs in the background."))
        elif step == "recount":
            actions.recount_election(signed_in_user(request), election)
            messages.success(request, _("The count is running again in the background."))
        elif step == "void":
            form = ReasonForm(request.POST)
            actions.void_election(signed_in_user(request), election, form.data.get("reason", ""))
            messages.success(request, _("The election has been voided."))
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(election.get_absolute_url())


@login_required
def extend_nominations(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy.objects.select_related("seat__body"), pk=pk)
    _staff(request, vacancy.seat)
    form = ExtendNominationsForm(request.POST or None, initial={"closes_on": vacancy.closes_on})
    if request.method == "POST" and form.is_valid():
        try:
            actions.extend_nominations(signed_in_user(request), vacancy, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The closing date has been changed."))
            return redirect(vacancy.get_absolute_url())
    return render(
        request,
        "representation/extend.html",
        {
            "form": form,
            "field": form["closes_on"],
            "title": _("Change the closing date for nominations"),
            "caption": f"{vacancy.seat.name}, {vacancy.seat.body.name}",
            "back": vacancy.get_absolute_url(),
        },
    )


@login_required
def extend_voting(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("vacancy__seat__body"), pk=pk)
    _staff(request, election.vacancy.seat)
    form = ExtendVotingForm(request.POST or None, initial={"closes_at": election.closes_at})
    if request.method == "POST" and form.is_valid():
        try:
            actions.extend_voting(signed_in_user(request), election, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The close of voting has been changed."))
            return redirect(election.get_absolute_url())
    seat = election.vacancy.seat
    return render(
        request,
        "representation/extend.html",
        {
            "form": form,
            "field": form["closes_at"],
            "title": _("Change when voting closes"),
            "caption": f"{seat.name}, {seat.body.name}",
            "back": election.get_absolute_url(),
        },
    )


def _coverage_rows(area: Area) -> list[list[str]]:
    header = [
        _("Body"),
        _("Seat"),
        _("Status"),
        _("Held by"),
        _("On behalf of"),
        _("Term ends"),
        _("Report-backs overdue"),
    ]
    rows = [header]
    for row in queries.coverage(area):
        holding = row.holding
        rows.append(
            [
                str(row.body),
                str(row.seat.name) if row.seat else "",
                str(row.label),
                str(holding.person) if holding else "",
                str(holding.organisation or "") if holding else "",
                holding.ends_on.isoformat() if holding else "",
                str(len(row.overdue)),
            ]
        )
    return rows


def coverage(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=area_slug)
    rows = queries.coverage(area)
    summary = queries.summary(rows)
    biggest = max([n for _, _, n in summary] + [1])
    return render(
        request,
        "representation/coverage.html",
        {
            "area": area,
            "rows": rows,
            "is_staff": request.user.has_perm("representation.manage", area),
            "can_export": request.user.has_perm("representation.export_coverage", area),
            "summary": [(s, label, n, round(100 * n / biggest)) for s, label, n in summary],
            "summary_head": [_("Status"), {"text": _("Seats"), "format": "numeric"}],
            "summary_rows": [[label, {"text": n, "format": "numeric"}] for _s, label, n in summary],
        },
    )


@login_required
def coverage_export(request: HttpRequest, area_slug: str, fmt: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=area_slug)
    if not request.user.has_perm("representation.export_coverage", area):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = _coverage_rows(area)
    filename = f"coverage-{area.slug}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        write_csv(response, rows)
        return response
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Coverage")[:31]
    for row in rows:
        append_row(sheet, row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
