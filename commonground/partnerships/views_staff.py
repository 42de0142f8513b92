"""Staff pages: keep the register of bodies, seats and holders; run meetings and the issues log.

Each view checks the permission, validates with a form, and calls one action. An action's
``ValidationError`` is shown in the GOV.UK error summary; nothing is half-written.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.core.form_views import form_page
from commonground.core.models import Area, Organisation, Person, RoleAssignment
from commonground.core.requests import signed_in_user
from commonground.partnerships import actions, forms, queries
from commonground.partnerships.models import (
    LiaisonIssue,
    Meeting,
    MeetingAction,
    PartnershipBody,
    Seat,
    SeatHolding,
)

T = TypeVar("T")


def _body(request: HttpRequest, slug: str, perm: str) -> PartnershipBody:
    body = get_object_or_404(PartnershipBody, slug=slug)
    if not request.user.has_perm(perm, body):
        raise PermissionDenied
    return body


def _managed_areas(request: HttpRequest) -> QuerySet[Area]:
    user: Any = request.user
    if user.is_superuser:
        return Area.objects.order_by("name_en")
    ids = RoleAssignment.objects.filter(
        user_id=user.pk,
        role__in=[RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN],
    ).values("area_id")
    return Area.objects.filter(pk__in=ids).order_by("name_en")


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    change: Callable[[], T],
    *,
    success: str,
    then: str | Callable[[T], str],
    title: str,
    caption: str,
    back: str,
    submit: str,
    intro: str = "",
    template: str = "partnerships/staff/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A staff form page: core's ``form_page`` with this app's form template."""
    return form_page(
        request, form, change, success=success, then=then, template=template, title=title,
        caption=caption, back=back, submit=submit, intro=intro, context=extra,
    )  # fmt: skip


def _refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A change that cannot be made, explained on an error page; nothing was changed."""
    return render(
        request,
        "web/error.html",
        {"title": _("That change cannot be made"), "message": " ".join(exc.messages)},
        status=400,
    )


# Bodies


@login_required
def body_create(request: HttpRequest) -> HttpResponse:
    areas = _managed_areas(request)
    if not areas.exists():
        raise PermissionDenied
    initial: dict[str, Any] = {}
    area_slug = request.GET.get("area")
    if area_slug:
        initial["areas"] = list(areas.filter(slug=area_slug))
    form = forms.BodyForm(request.POST or None, areas=areas, initial=initial)
    return _form_page(
        request,
        form,
        lambda: actions.create_body(
            signed_in_user(request), form.body_data(), form.cleaned_data["areas"]
        ),
        success=_("The body has been added to the register."),
        then=lambda body: body.get_absolute_url(),
        title=_("Add a partnership body"),
        caption=_("Partnerships"),
        back=request.META.get("HTTP_REFERER") or reverse("partnerships:index"),
        submit=_("Add body"),
    )


@login_required
def body_edit(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, "partnerships.change_body")
    areas = (_managed_areas(request) | body.areas.all()).distinct()
    form = forms.BodyForm(request.POST or None, instance=body, areas=areas)
    return _form_page(
        request,
        form,
        lambda: actions.update_body(
            signed_in_user(request), body, form.body_data(), form.cleaned_data["areas"]
        ),
        success=_("Your changes have been saved."),
        then=body.get_absolute_url(),
        title=_("Edit the body’s details"),
        caption=str(body.name),
        back=body.get_absolute_url(),
        submit=_("Save changes"),
    )


# Seats and holders


@login_required
def seat_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, "partnerships.manage_seats")
    form = forms.SeatForm(request.POST or None, initial={"kind": Seat.Kind.SECTOR})
    return _form_page(
        request,
        form,
        lambda: actions.add_seat(signed_in_user(request), body, form.seat_data()),
        success=_("The seat has been added."),
        then=body.get_absolute_url(),
        title=_("Add a seat"),
        caption=str(body.name),
        back=body.get_absolute_url(),
        submit=_("Add seat"),
    )


@login_required
def seat_edit(request: HttpRequest, slug: str, seat_id: int) -> HttpResponse:
    body = _body(request, slug, "partnerships.manage_seats")
    seat = get_object_or_404(Seat, pk=seat_id, body=body)
    form = forms.SeatForm(request.POST or None, instance=seat)
    return _form_page(
        request,
        form,
        lambda: actions.update_seat(signed_in_user(request), seat, form.seat_data()),
        success=_("Your changes have been saved."),
        then=seat_url(seat),
        title=_("Edit the seat"),
        caption=str(body.name),
        back=body.get_absolute_url(),
        submit=_("Save changes"),
    )


@login_required
def seat_appoint(request: HttpRequest, slug: str, seat_id: int) -> HttpResponse:
    body = _body(request, slug, "partnerships.manage_seats")
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=seat_id, body=body)
    form = forms.AppointForm(request.POST or None, seat=seat)

    def appoint() -> SeatHolding:
        data = form.cleaned_data
        return actions.appoint_holder(
            signed_in_user(request),
            seat,
            person=data["person"],
            organisation=data["organisation"],
            role=data["role"],
            route=data["route"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            end_current=data["end_current"],
        )

    note = queries.handover_note_for(seat)
    return _form_page(
        request,
        form,
        appoint,
        success=_("The appointment has been recorded."),
        then=seat_url(seat),
        title=_("Record who holds this seat"),
        caption=f"{body.name}: {seat.name}",
        back=seat_url(seat),
        submit=_("Record appointment"),
        intro=_("Handover note from the last holder: %(note)s") % {"note": note} if note else "",
    )


def seat_url(seat: Seat) -> str:
    return reverse("partnerships:seat", args=[seat.body.slug, seat.pk])


@login_required
def holding_end(request: HttpRequest, slug: str, seat_id: int, holding_id: int) -> HttpResponse:
    body = _body(request, slug, "partnerships.manage_seats")
    holding = get_object_or_404(
        SeatHolding.objects.select_related("seat", "person"),
        pk=holding_id,
        seat_id=seat_id,
        seat__body=body,
    )
    form = forms.EndHoldingForm(
        request.POST or None, initial={"handover_note": holding.handover_note}
    )
    return _form_page(
        request,
        form,
        lambda: actions.end_holding(
            signed_in_user(request),
            holding,
            form.cleaned_data["ended_on"],
            form.cleaned_data["handover_note"],
        ),
        success=_("The end of the term has been recorded."),
        then=seat_url(holding.seat),
        title=_("End %(person)s’s term") % {"person": holding.person},
        caption=f"{body.name}: {holding.seat.name}",
        back=seat_url(holding.seat),
        submit=_("Record the end of the term"),
    )


# Meetings


@login_required
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, "partnerships.manage_meetings")
    form = forms.MeetingForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: actions.schedule_meeting(signed_in_user(request), body, form.meeting_data()),
        success=_("The meeting has been scheduled."),
        then=lambda meeting: meeting.get_absolute_url(),
        title=_("Schedule a meeting"),
        caption=str(body.name),
        back=body.get_absolute_url(),
        submit=_("Schedule meeting"),
    )


def _meeting(request: HttpRequest, slug: str, meeting_id: int) -> tuple[PartnershipBody, Meeting]:
    body = _body(request, slug, "partnerships.manage_meetings")
    return body, get_object_or_404(Meeting, pk=meeting_id, body=body)


@login_required
def meeting_edit(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    body, meeting = _meeting(request, slug, meeting_id)
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    return _form_page(
        request,
        form,
        lambda: actions.update_meeting(signed_in_user(request), meeting, form.meeting_data()),
        success=_("Your changes have been saved."),
        then=meeting.get_absolute_url(),
        title=_("Edit the meeting"),
        caption=str(body.name),
        back=meeting.get_absolute_url(),
        submit=_("Save changes"),
    )


@require_POST
@login_required
def meeting_cancel(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, slug, meeting_id)[1]
    try:
        actions.cancel_meeting(signed_in_user(request), meeting)
    except ValidationError as exc:
        return _refused(request, exc)
    messages.success(request, _("The meeting has been cancelled."))
    return redirect(meeting.get_absolute_url())


@login_required
def paper_upload(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, slug, meeting_id)[1]
    form = forms.PaperForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form,
        lambda: actions.upload_paper(
            signed_in_user(request), meeting, form.cleaned_data["title"], form.cleaned_data["file"]
        ),
        success=_("The paper has been uploaded."),
        then=meeting.get_absolute_url(),
        title=_("Upload a paper"),
        caption=str(meeting),
        back=meeting.get_absolute_url(),
        submit=_("Upload paper"),
    )


def _people_for(meeting: Meeting) -> list[tuple[Person, Organisation | None]]:
    """Who is expected at the meeting: the seat holders and substitutes on the day."""
    day = meeting.starts_at.date()
    holdings = (
        SeatHolding.objects.filter(seat__body=meeting.body, starts_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .select_related("person", "organisation")
        .order_by("seat_id", "role")
    )
    people: dict[int, tuple[Person, Organisation | None]] = {}
    for holding in holdings:
        people.setdefault(holding.person_id, (holding.person, holding.organisation))
    for attendance in meeting.attendance.select_related("person", "organisation"):
        people.setdefault(attendance.person_id, (attendance.person, attendance.organisation))
    return list(people.values())


@login_required
def meeting_record(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    body, meeting = _meeting(request, slug, meeting_id)
    people = _people_for(meeting)
    form = forms.RecordMeetingForm(
        request.POST or None,
        meeting=meeting,
        people=people,
        initial={"minutes_en": meeting.minutes_en, "minutes_cy": meeting.minutes_cy},
    )

    def record() -> None:
        data = form.cleaned_data
        attendance = [
            actions.AttendanceEntry(person=p, organisation=o, status=data[f"attendance_{p.pk}"])
            for p, o in people
        ]
        rows = [
            actions.ActionEntry(description_en=d, description_cy=c, owner=o, due_on=due)
            for d, c, o, due in data["action_rows"]
        ]
        actions.record_meeting(
            signed_in_user(request),
            meeting,
            minutes_en=data["minutes_en"],
            minutes_cy=data["minutes_cy"],
            attendance=attendance,
            decisions=data["decision_pairs"],
            actions=rows,
        )

    return _form_page(
        request,
        form,
        record,
        success=_("The meeting’s record has been saved."),
        then=meeting.get_absolute_url(),
        title=_("Record the meeting"),
        caption=str(meeting),
        back=meeting.get_absolute_url(),
        submit=_("Save the record"),
        template="partnerships/staff/record.html",
        extra={"meeting": meeting, "body": body},
    )


@require_POST
@login_required
def action_status(request: HttpRequest, slug: str, action_id: int) -> HttpResponse:
    body = _body(request, slug, "partnerships.manage_meetings")
    action = get_object_or_404(
        MeetingAction.objects.select_related("meeting"), pk=action_id, meeting__body=body
    )
    form = forms.ActionStatusForm(request.POST)
    if form.is_valid():
        actions.set_action_status(signed_in_user(request), action, form.cleaned_data["status"])
        messages.success(request, _("The action’s status has been updated."))
        return redirect(action.meeting.get_absolute_url())
    return _refused(request, ValidationError(_("Select a valid status.")))


# Liaison issues log


@login_required
def issue_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, "partnerships.manage_liaison")
    form = forms.LiaisonIssueForm(request.POST or None, body=body)
    return _form_page(
        request,
        form,
        lambda: actions.raise_liaison_issue(
            signed_in_user(request),
            form.cleaned_data["raised_at"],
            raised_by=form.cleaned_data["raised_by"],
            text=form.cleaned_data,
        ),
        success=_("The issue has been added to the log."),
        then=_issues_url(body),
        title=_("Log an issue raised by the sector"),
        caption=str(body.name),
        back=_issues_url(body),
        submit=_("Add to the log"),
    )


def _issues_url(body: PartnershipBody) -> str:
    return reverse("partnerships:issues", args=[body.slug])


def _issue(
    request: HttpRequest, slug: str, issue_id: int, perm: str
) -> tuple[PartnershipBody, LiaisonIssue]:
    body = _body(request, slug, perm)
    return body, get_object_or_404(LiaisonIssue, pk=issue_id, body=body)


@login_required
def issue_answer(request: HttpRequest, slug: str, issue_id: int) -> HttpResponse:
    body, issue = _issue(request, slug, issue_id, "partnerships.answer_liaison")
    form = forms.AnswerForm(request.POST or None, initial={"responded_on": timezone.localdate()})
    return _form_page(
        request,
        form,
        lambda: actions.answer_liaison_issue(
            signed_in_user(request),
            issue,
            form.cleaned_data["response_en"],
            form.cleaned_data["response_cy"],
            form.cleaned_data["responded_on"],
        ),
        success=_("The written response has been recorded."),
        then=_issues_url(body),
        title=_("Record the written response"),
        caption=issue.title,
        back=_issues_url(body),
        submit=_("Record response"),
        intro=issue.description,
    )


@login_required
def issue_officer(request: HttpRequest, slug: str, issue_id: int) -> HttpResponse:
    body, issue = _issue(request, slug, issue_id, "partnerships.answer_liaison")
    form = forms.OfficerForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: actions.arrange_officer_attendance(
            signed_in_user(request), issue, form.cleaned_data["officer_attending"]
        ),
        success=_("The officer’s attendance has been recorded."),
        then=_issues_url(body),
        title=_("An officer will attend the next meeting"),
        caption=issue.title,
        back=_issues_url(body),
        submit=_("Record attendance"),
        intro=issue.description,
    )


@require_POST
@login_required
def issue_close(request: HttpRequest, slug: str, issue_id: int) -> HttpResponse:
    body, issue = _issue(request, slug, issue_id, "partnerships.manage_liaison")
    try:
        actions.close_liaison_issue(signed_in_user(request), issue)
    except ValidationError as exc:
        return _refused(request, exc)
    messages.success(request, _("The issue has been closed."))
    return redirect("partnerships:issues", body.slug)
