from django.urls import path

from commonground.representation import views_public, views_staff

app_name = "representation"
urlpatterns = [
    path("vacancies/", views_public.vacancy_list, name="vacancies"),
    path("vacancies/<int:pk>/", views_public.vacancy_detail, name="vacancy"),
    path("vacancies/<int:pk>/close/", views_staff.close_nominations, name="close-nominations"),
    path("vacancies/<int:pk>/extend/", views_staff.extend_nominations, name="extend-nominations"),
    path("elections/<int:pk>/extend/", views_staff.extend_voting, name="extend-voting"),
    path("seats/<int:seat_id>/advertise/", views_staff.advertise, name="advertise"),
    path("nominations/<int:pk>/review/", views_staff.review, name="review"),
    path("elections/<int:pk>/", views_public.election_detail, name="election"),
    path("elections/<int:pk>/ballots.blt", views_public.election_blt, name="election-blt"),
    path(
        "elections/<int:pk>/count-sheet.txt",
        views_public.election_count_sheet,
        name="election-count-sheet",
    ),
    path("elections/<int:pk>/<str:step>/", views_staff.election_step, name="election-step"),
    path("report-backs/<int:pk>/", views_public.report_back_detail, name="report-back"),
    path(
        "seats/holding/<int:holding_id>/report-back/",
        views_public.report_back_new,
        name="report-back-new",
    ),
    path("seats/holding/<int:holding_id>/handover/", views_public.handover, name="handover"),
    path("your-seats/", views_public.my_seats, name="my-seats"),
    path("coverage/<slug:area_slug>/", views_staff.coverage, name="coverage"),
    path(
        "coverage/<slug:area_slug>/export.<str:fmt>",
        views_staff.coverage_export,
        name="coverage-export",
    ),
]
