"""Pages for everyone and for organisations: adverts, nominating, voting, results, report-backs."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.core.forms import add_errors
from commonground.core.models import Organisation, Person
from commonground.core.requests import signed_in_user
from commonground.partnerships.models import Meeting, SeatHolding
from commonground.representation import actions, count_sheets, queries
from commonground.representation.forms import (
    BallotForm,
    CommentForm,
    HandoverForm,
    NominationForm,
    ReportBackForm,
    ReviewForm,
)
from commonground.representation.models import Election, Elector, Nomination, ReportBack, Vacancy


def admin_organisations(user: Any) -> QuerySet[Organisation]:
    if not user.is_authenticated or user.person_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        affiliations__person_id=user.person_id, affiliations__is_admin=True
    ).distinct()


def vacancy_list(request: HttpRequest) -> HttpResponse:
    vacancies = queries.open_vacancies().order_by("closes_on")
    return render(request, "representation/vacancy_list.html", {"vacancies": vacancies})


def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy.objects.select_related("seat__body"), pk=pk)
    organisations = admin_organisations(request.user)
    # One that has nominated (or been rejected) cannot nominate again: it is not offered.
    yet_to_nominate = organisations.exclude(nominations__vacancy=vacancy)
    form = NominationForm(
        request.POST or None,
        organisations=yet_to_nominate if request.method == "GET" else organisations,
        word_limit=vacancy.word_limit,
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        user = signed_in_user(request)
        if user.person is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.submit_nomination(
                    user,
                    vacancy,
                    form.cleaned_data["organisation"],
                    user.person,
                    form.cleaned_data["statement"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Your nomination has been received. Staff will check it against the rules."),
                )
                return redirect(vacancy.get_absolute_url())
    body = vacancy.seat.body
    is_staff = request.user.has_perm("representation.manage", vacancy.seat)
    nominations = vacancy.nominations.select_related("nominee", "organisation")
    own = nominations.filter(organisation__in=organisations)
    context = {
        "vacancy": vacancy,
        "body": body,
        "form": form,
        "can_nominate": yet_to_nominate.exists() and vacancy.status == Vacancy.Status.OPEN,
        "is_staff": is_staff,
        "decision_choices": ReviewForm.base_fields["decision"].choices,  # type: ignore[attr-defined]
        "nominations": nominations
        if is_staff
        else nominations.filter(status=Nomination.Status.VALID),
        "own_nominations": own,
        "recent_minutes": Meeting.objects.filter(body=body, status=Meeting.Status.HELD)
        .exclude(minutes_en="")
        .order_by("-starts_at")[:3],
        "election": getattr(vacancy, "election", None)
        if vacancy.status != Vacancy.Status.OPEN
        else None,
        "methods": Election.Method.choices,
        "deadline_passed": timezone.localdate() > vacancy.closes_on,
        "open": vacancy.status == Vacancy.Status.OPEN
        and vacancy.opens_on <= timezone.localdate() <= vacancy.closes_on,
    }
    return render(request, "representation/vacancy_detail.html", context)


def _voter_choices(request: HttpRequest, election: Election) -> list[Elector]:
    """The electors this user may vote for: their organisations on the roll, or themselves."""
    if not request.user.is_authenticated:
        return []
    user = signed_in_user(request)
    if user.person_id is None:
        return []
    orgs = admin_organisations(user)
    electors = Elector.objects.filter(election=election, organisation__in=orgs).select_related(
        "organisation"
    )
    own = Elector.objects.filter(election=election, person_id=user.person_id).select_related(
        "person"
    )
    return [*electors, *own]


def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("vacancy__seat__body"), pk=pk)
    candidates = list(
        election.candidates.select_related(
            "nomination__nominee", "nomination__organisation"
        ).order_by("position")
    )
    electors = _voter_choices(request, election)
    pending = [e for e in electors if not e.has_voted]
    form = BallotForm(request.POST or None, election=election, candidates=candidates)
    if request.method == "POST":
        voter_key = request.POST.get("voter", "")
        elector = next((e for e in pending if str(e.pk) == voter_key), None)
        if elector is None:
            form.add_error(
                None, _("Choose who you are voting for. Each organisation can vote only once.")
            )
        elif form.is_valid():
            try:
                voter: Organisation | Person | None = elector.organisation or elector.person
                assert voter is not None
                actions.cast_ballot(signed_in_user(request), election, voter, form.preferences())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your vote has been recorded. Thank you."))
                return redirect(election.get_absolute_url())
    context = {
        "election": election,
        "vacancy": election.vacancy,
        "candidates": candidates,
        "form": form,
        "pending_electors": pending,
        "voted_electors": [e for e in electors if e.has_voted],
        "is_staff": request.user.has_perm("representation.manage", election.vacancy.seat),
        "voting_ended": timezone.now() >= election.closes_at,
        "everyone_voted": election.status == Election.Status.OPEN
        and not election.electors.filter(has_voted=False).exists(),
        "open_now": election.status == Election.Status.OPEN
        and election.opens_at <= timezone.now() < election.closes_at,
        "quota": (election.result or {}).get("quota"),
        "count_sheet": count_sheets.html(election)
        if election.status == Election.Status.COUNTED
        else "",
        "ranked": election.method not in (Election.Method.FPTP, Election.Method.APPROVAL),
    }
    return render(request, "representation/election_detail.html", context)


def election_count_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The count sheet as text, in the reader's language."""
    election = get_object_or_404(Election, pk=pk, status=Election.Status.COUNTED)
    response = HttpResponse(count_sheets.text(election), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="election-{election.pk}-count.txt"'
    return response


def election_blt(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(
        Election, pk=pk, status__in=[Election.Status.COUNTED, Election.Status.VOID]
    )
    if not election.blt:
        raise Http404
    response = HttpResponse(election.blt, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="election-{election.pk}.blt"'
    return response


def report_back_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report_back = get_object_or_404(
        ReportBack.objects.select_related(
            "holding__person", "holding__organisation", "meeting__body"
        ),
        pk=pk,
    )
    organisations = admin_organisations(request.user)
    form = CommentForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            actions.comment_on_report_back(
                signed_in_user(request),
                report_back,
                form.cleaned_data["organisation"],
                form.cleaned_data["text"],
                form.cleaned_data["answers_ask"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your comment has been posted."))
            return redirect(report_back.get_absolute_url())
    return render(
        request,
        "representation/report_back_detail.html",
        {
            "report_back": report_back,
            "comments": report_back.comments.select_related("organisation"),
            "form": form,
            "can_comment": organisations.exists(),
        },
    )


@login_required
def my_seats(request: HttpRequest) -> HttpResponse:
    person = signed_in_user(request).person
    holdings = list(queries.holdings_of(person)) if person else []
    rows = [
        {
            "holding": holding,
            "due": queries.overdue_meetings(
                holding,
                queries.policy_for(queries.area_of(holding.seat)).report_back_due_days,
                timezone.localdate(),
            ),
        }
        for holding in holdings
    ]
    return render(request, "representation/my_seats.html", {"rows": rows})


@login_required
def report_back_new(request: HttpRequest, holding_id: int) -> HttpResponse:
    holding = get_object_or_404(SeatHolding.objects.select_related("seat__body"), pk=holding_id)
    if not request.user.has_perm("representation.post_report_back", holding):
        raise PermissionDenied
    form = ReportBackForm(request.POST or None, holding=holding)
    if request.method == "POST" and form.is_valid():
        try:
            report_back = actions.post_report_back(
                signed_in_user(request),
                holding,
                form.cleaned_data["meeting"],
                form.fields_for_action(),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your report-back has been published."))
            return redirect(report_back.get_absolute_url())
    return render(
        request, "representation/report_back_form.html", {"form": form, "holding": holding}
    )


@require_POST
@login_required
def handover(request: HttpRequest, holding_id: int) -> HttpResponse:
    holding = get_object_or_404(SeatHolding, pk=holding_id)
    form = HandoverForm(request.POST)
    if form.is_valid():
        actions.save_handover_note(signed_in_user(request), holding, form.cleaned_data["note"])
        messages.success(request, _("Your handover note has been saved."))
    return redirect("representation:my-seats")
