from django.contrib.auth import views as auth_views
from django.urls import path

from commonground.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("account/", views.account, name="account"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path(
        "organisations/<slug:slug>/history/",
        views.organisation_history,
        name="organisation-history",
    ),
    path(
        "organisations/<slug:slug>/history/<int:history_id>/restore/",
        views.organisation_restore,
        name="organisation-restore",
    ),
    path("history/<str:label>/<str:pk>/", views.record_history, name="record-history"),
    path(
        "history/<str:label>/<str:pk>/<int:history_id>/restore/",
        views.record_restore,
        name="record-restore",
    ),
]
