from django.urls import path

from commonground.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("services/<uuid:pk>/", views.service_detail, name="service"),
    path("services/<uuid:pk>/edit/", views.service_edit, name="service-edit"),
    path("services/<uuid:pk>/suggest/", views.service_suggest, name="service-suggest"),
    path("organisations/<slug:slug>/", views.organisation_services, name="organisation"),
    path("organisations/<slug:slug>/services/new/", views.service_new, name="service-new"),
    path("review/", views.review_queue, name="review-queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("import/", views.import_upload, name="import"),
]
