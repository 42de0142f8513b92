from django.urls import path

from commonground.planning import views_public as public
from commonground.planning import views_staff as staff

app_name = "planning"
urlpatterns = [
    path("", public.index, name="index"),
    path("bodies/<slug:slug>/", public.body_scorecard, name="body"),
    path("bodies/<slug:slug>/plans/new/", staff.plan_create, name="plan-create"),
    path("bodies/<slug:slug>/report-cards/new/", staff.card_create, name="card-create"),
    path("bodies/<slug:slug>/exceptions/", staff.exception_report, name="exceptions"),
    path("bodies/<slug:slug>/exceptions/attach/", staff.exception_attach, name="exceptions-attach"),
    path("bodies/<slug:slug>/requests/", staff.request_log, name="requests"),
    path("bodies/<slug:slug>/requests/new/", staff.request_add, name="request-add"),
    path("requests/<int:pk>/answer/", staff.request_answer, name="request-answer"),
    path("plans/<int:pk>/", public.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", staff.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/publish/", staff.plan_publish, name="plan-publish"),
    path("plans/<int:pk>/candidates/new/", staff.candidate_add, name="candidate-add"),
    path("candidates/<int:pk>/decide/", staff.candidate_decide, name="candidate-decide"),
    path("plans/<int:pk>/priorities/new/", staff.priority_add, name="priority-add"),
    path("priorities/<int:pk>/actions/new/", staff.action_add, name="action-add"),
    path("actions/<int:pk>/", public.action_detail, name="action"),
    path("actions/<int:pk>/edit/", staff.action_edit, name="action-edit"),
    path("actions/<int:pk>/progress/", staff.action_progress, name="action-progress"),
    path("report-cards/<int:pk>/", public.card_detail, name="card"),
    path("report-cards/<int:pk>/edit/", staff.card_edit, name="card-edit"),
    path("report-cards/<int:pk>/measures/new/", staff.measure_add, name="measure-add"),
    path("report-cards/<int:pk>/import/", staff.card_import, name="card-import"),
    path("measures/<int:pk>/", public.measure_detail, name="measure"),
    path("measures/<int:pk>/edit/", staff.measure_edit, name="measure-edit"),
    path("measures/<int:pk>/values/", staff.value_enter, name="value-enter"),
]
