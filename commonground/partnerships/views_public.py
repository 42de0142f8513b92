"""Public pages of the partnerships register: anyone may read them, without an account."""

import mimetypes
from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commonground.core.bilingual import localised_order
from commonground.core.models import Area
from commonground.interop.ical import CalendarEvent, build_calendar
from commonground.partnerships import panels, queries
from commonground.partnerships.models import Meeting, Paper, PartnershipBody, Seat


def _body(slug: str) -> PartnershipBody:
    return get_object_or_404(
        PartnershipBody.objects.select_related("convenor", "parent"), slug=slug
    )


def index(request: HttpRequest) -> HttpResponse:
    areas = (
        Area.objects.filter(partnership_bodies__isnull=False)
        .distinct()
        .order_by(localised_order("name"))
    )
    return render(
        request,
        "partnerships/index.html",
        # Adding a body needs a staff role in an area, as the form does; board support
        # staff see staff pages but cannot add bodies.
        {"areas": areas, "can_add": request.user.has_perm("core.view_staff_pages")},
    )


def area_detail(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=area_slug)
    return render(
        request,
        "partnerships/area.html",
        {
            "area": area,
            "tree": queries.hierarchy(area),
            "overdue_count": queries.overdue_liaison_issues(area).count(),
            "can_add": request.user.has_perm("partnerships.add_body", area),
        },
    )


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)
    user = request.user
    return render(
        request,
        "partnerships/body.html",
        {
            "body": body,
            "area": queries.body_area(body),
            "ancestors": body.ancestors(),
            "children": body.children.order_by(localised_order("name"), "pk"),
            "seats": queries.seats_with_holders(body),
            "next_meeting": queries.next_meeting(body),
            "upcoming": list(queries.upcoming_meetings(body)[:5]),
            "past": list(queries.past_meetings(body)[:5]),
            "has_issues": body.liaison_issues.exists() or body.kind == PartnershipBody.Kind.LIAISON,
            "can_change": user.has_perm("partnerships.change_body", body),
            # A convenor may change their body without being able to add others.
            "can_add_body": user.has_perm("partnerships.add_body", queries.body_area(body)),
            "can_manage_meetings": user.has_perm("partnerships.manage_meetings", body),
            **panels.for_body(body),
        },
    )


def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)
    return render(
        request,
        "partnerships/meetings.html",
        {
            "body": body,
            "upcoming": queries.upcoming_meetings(body),
            "past": queries.past_meetings(body),
            "can_manage_meetings": request.user.has_perm("partnerships.manage_meetings", body),
        },
    )


def seat_detail(request: HttpRequest, slug: str, seat_id: int) -> HttpResponse:
    body = _body(slug)
    seat = get_object_or_404(Seat, pk=seat_id, body=body)
    return render(
        request,
        "partnerships/seat.html",
        {
            "body": body,
            "seat": seat,
            "current": seat.current_holding(),
            "open_vacancy": queries.open_vacancy_by_seat(body).get(seat.pk),
            "history": queries.holder_history(seat),
            "can_manage": request.user.has_perm("partnerships.manage_seats", body),
        },
    )


def meeting_detail(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    body = _body(slug)
    meeting = get_object_or_404(Meeting, pk=meeting_id, body=body)
    return render(
        request,
        "partnerships/meeting.html",
        {
            "body": body,
            "meeting": meeting,
            "papers": meeting.papers.all(),
            "attendance": meeting.attendance.select_related("person", "organisation").order_by(
                "status", "person__family_name"
            ),
            "decisions": meeting.decisions.all(),
            "actions": meeting.actions.select_related("owner"),
            "issues": meeting.issues_raised.select_related("raised_by"),
            "can_manage_meetings": request.user.has_perm("partnerships.manage_meetings", body),
        },
    )


def paper_download(request: HttpRequest, slug: str, meeting_id: int, paper_id: int) -> FileResponse:
    paper = get_object_or_404(
        Paper.objects.select_related("meeting__body"),
        pk=paper_id,
        meeting_id=meeting_id,
        meeting__body__slug=slug,
    )
    try:
        handle = paper.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    name = PurePath(paper.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def liaison_log(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)
    issues = queries.liaison_log(body)
    return render(
        request,
        "partnerships/issues.html",
        {
            "body": body,
            "issues": issues,
            "overdue": [i for i in issues if i.is_overdue],  # type: ignore[attr-defined]
            "can_manage": request.user.has_perm("partnerships.manage_liaison", body),
            "can_answer": request.user.has_perm("partnerships.answer_liaison", body),
        },
    )


def _events(request: HttpRequest, meetings: list[Meeting]) -> list[CalendarEvent]:
    host = request.get_host().split(":")[0] or "commonground"
    events = []
    for meeting in meetings:
        summary = _("Meeting of %(body)s") % {"body": meeting.body.name}
        if meeting.status == Meeting.Status.CANCELLED:
            summary = _("Cancelled: %(summary)s") % {"summary": summary}
        description = str(meeting.agenda or "")
        if meeting.online_link:
            description = f"{description}\n\n{meeting.online_link}".strip()
        events.append(
            CalendarEvent(
                uid=f"meeting-{meeting.pk}@{host}",
                summary=summary,
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                last_modified=meeting.updated_at,
                description=description,
                location=meeting.venue or meeting.online_link,
                url=request.build_absolute_uri(meeting.get_absolute_url()),
                cancelled=meeting.status == Meeting.Status.CANCELLED,
            )
        )
    return events


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def body_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)
    meetings = list(body.meetings.select_related("body").order_by("starts_at", "pk"))
    content = build_calendar(
        str(body.name),
        _events(request, meetings),
        description=request.build_absolute_uri(body.get_absolute_url()),
    )
    return _calendar_response(content, f"{body.slug}.ics")


def area_calendar(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=area_slug)
    meetings = list(queries.area_meetings(area))
    name = _("Partnership meetings %(in_area)s") % {"in_area": area.in_name}
    content = build_calendar(
        name,
        _events(request, meetings),
        description=request.build_absolute_uri(reverse("partnerships:area", args=[area.slug])),
    )
    return _calendar_response(content, f"{area.slug}-partnerships.ics")
