from django.urls import path

from commonground.partnerships import views_public as public
from commonground.partnerships import views_staff as staff

app_name = "partnerships"
urlpatterns = [
    path("", public.index, name="index"),
    path("new/", staff.body_create, name="body-create"),
    path("area/<slug:area_slug>/", public.area_detail, name="area"),
    path("area/<slug:area_slug>/meetings.ics", public.area_calendar, name="area-calendar"),
    path("<slug:slug>/", public.body_detail, name="body"),
    path("<slug:slug>/edit/", staff.body_edit, name="body-edit"),
    path("<slug:slug>/meetings.ics", public.body_calendar, name="body-calendar"),
    path("<slug:slug>/seats/new/", staff.seat_create, name="seat-create"),
    path("<slug:slug>/seats/<int:seat_id>/", public.seat_detail, name="seat"),
    path("<slug:slug>/seats/<int:seat_id>/edit/", staff.seat_edit, name="seat-edit"),
    path("<slug:slug>/seats/<int:seat_id>/appoint/", staff.seat_appoint, name="seat-appoint"),
    path(
        "<slug:slug>/seats/<int:seat_id>/holdings/<int:holding_id>/end/",
        staff.holding_end,
        name="holding-end",
    ),
    path("<slug:slug>/meetings/", public.meeting_list, name="meetings"),
    path("<slug:slug>/meetings/new/", staff.meeting_create, name="meeting-create"),
    path("<slug:slug>/meetings/<int:meeting_id>/", public.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:meeting_id>/edit/", staff.meeting_edit, name="meeting-edit"),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/cancel/", staff.meeting_cancel, name="meeting-cancel"
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/record/", staff.meeting_record, name="meeting-record"
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/papers/new/", staff.paper_upload, name="paper-upload"
    ),
    path(
        "<slug:slug>/meetings/<int:meeting_id>/papers/<int:paper_id>/",
        public.paper_download,
        name="paper",
    ),
    path("<slug:slug>/actions/<int:action_id>/status/", staff.action_status, name="action-status"),
    path("<slug:slug>/issues/", public.liaison_log, name="issues"),
    path("<slug:slug>/issues/new/", staff.issue_create, name="issue-create"),
    path("<slug:slug>/issues/<int:issue_id>/answer/", staff.issue_answer, name="issue-answer"),
    path("<slug:slug>/issues/<int:issue_id>/officer/", staff.issue_officer, name="issue-officer"),
    path("<slug:slug>/issues/<int:issue_id>/close/", staff.issue_close, name="issue-close"),
]
