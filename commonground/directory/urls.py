from django.urls import path

from commonground.directory import views_public as public
from commonground.directory import views_staff as staff

app_name = "directory"
urlpatterns = [
    path("", public.search, name="search"),
    path("services/<uuid:pk>/", public.service_detail, name="service"),
    path("services/<uuid:pk>/edit/", staff.service_edit, name="service-edit"),
    path("services/<uuid:pk>/suggest/", staff.service_suggest, name="service-suggest"),
    path("organisations/<slug:slug>/", public.organisation_services, name="organisation"),
    path("organisations/<slug:slug>/services/new/", staff.service_new, name="service-new"),
    path("review/", staff.review_queue, name="review-queue"),
    path("review/<int:pk>/", staff.review, name="review"),
    path("import/", staff.import_upload, name="import"),
]
