from django.urls import path

from commonground.compacts import views_public as public
from commonground.compacts import views_staff as staff

app_name = "compacts"
urlpatterns = [
    path("", public.register, name="index"),
    path("health/", public.national, name="national"),
    path("packs/", public.pack_list, name="packs"),
    path("packs/<slug:pack_id>/", public.pack_detail, name="pack"),
    path("follow/", public.follow, name="follow"),
    path("concerns/<str:reference>/", public.dispute_detail, name="dispute"),
    path("concerns/<str:reference>/move/", staff.dispute_move, name="dispute-move"),
    path("concerns/<str:reference>/resolve/", staff.dispute_resolve, name="dispute-resolve"),
    path("<int:pk>/", public.compact_detail, name="compact"),
    path("<int:pk>/health/", public.compact_health, name="health"),
    path("<int:pk>/concern/", public.raise_concern, name="raise"),
    path("<int:pk>/run/", staff.run_rules, name="run"),
    path("<int:pk>/override/<str:rule>/", staff.override, name="override"),
    path("<int:pk>/reports/<int:year>/", public.report, name="report"),
    path("<int:pk>/reports/<int:year>/report.pdf", public.report_pdf, name="report-pdf"),
    path("<int:pk>/reports/<int:year>/publish/", staff.report_publish, name="report-publish"),
    path("<int:pk>/reports/<int:year>/send/", staff.report_send, name="report-send"),
]
