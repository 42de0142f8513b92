"""Engagement pages, mounted under a language prefix at /engagement/."""

from django.urls import path

from commonground.engagement import views_public as public
from commonground.engagement import views_staff as staff

app_name = "engagement"
urlpatterns = [
    path("bulletins/", public.bulletin_list, name="bulletins"),
    path("bulletins/new/", staff.bulletin_new, name="bulletin-new"),
    path("bulletins/<int:pk>/", public.bulletin_detail, name="bulletin"),
    path("subscription/", public.subscription, name="subscription"),
    path("digests/<uuid:public_id>/", public.digest_detail, name="digest"),
    path("unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("consultations/", public.consultation_list, name="consultations"),
    path("consultations/new/", staff.consultation_new, name="consultation-new"),
    path("consultations/<int:pk>/", public.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/respond/", public.consultation_respond, name="consultation-respond"
    ),
    path(
        "consultations/<int:pk>/receipt/", public.consultation_receipt, name="consultation-receipt"
    ),
    path("consultations/<int:pk>/edit/", staff.consultation_edit, name="consultation-edit"),
    path("consultations/<int:pk>/manage/", staff.consultation_manage, name="consultation-manage"),
    path(
        "consultations/<int:pk>/questions/<int:question_pk>/edit/",
        staff.question_edit,
        name="question-edit",
    ),
    path(
        "consultations/<int:pk>/questions/<int:question_pk>/move/",
        staff.question_move,
        name="question-move",
    ),
    path(
        "consultations/<int:pk>/questions/<int:question_pk>/delete/",
        staff.question_delete,
        name="question-delete",
    ),
    path(
        "consultations/<int:pk>/principles/",
        staff.consultation_principles,
        name="consultation-principles",
    ),
    path(
        "consultations/<int:pk>/publish/", staff.consultation_publish, name="consultation-publish"
    ),
    path(
        "consultations/<int:pk>/results/", staff.consultation_results, name="consultation-results"
    ),
    path(
        "consultations/<int:pk>/responses.<str:fmt>",
        staff.consultation_export,
        name="consultation-export",
    ),
    path(
        "consultations/<int:pk>/feedback/",
        staff.consultation_feedback,
        name="consultation-feedback",
    ),
    path("events/", public.event_list, name="events"),
    path("events/new/", staff.event_new, name="event-new"),
    path("events/<int:pk>/", public.event_detail, name="event"),
    path("events/<int:pk>/register/", public.event_register, name="event-register"),
    path("events/<int:pk>/cancel/", public.event_cancel, name="event-cancel"),
    path("events/<int:pk>/attendance/", staff.event_attendance, name="event-attendance"),
    path("events/<int:pk>/event.ics", public.event_ics, name="event-ics"),
]
