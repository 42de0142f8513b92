from django.contrib.auth import views as auth_views
from django.urls import path

from commonground.web import views, views_confirm, views_national, views_password, views_signup

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("account/", views.account, name="account"),
    path("account/confirm-email/", views_confirm.resend_confirmation, name="resend-confirmation"),
    path("confirm-email/<str:token>/", views_confirm.confirm_email, name="confirm-email"),
    path("password-reset/", views_password.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        views_password.PasswordResetSentView.as_view(),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views_password.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        views_password.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("sign-up/", views_signup.sign_up, name="sign-up"),
    path("sign-up/sent/", views_signup.sign_up_sent, name="sign-up-sent"),
    path("applications/", views_signup.application_list, name="applications"),
    path("applications/<int:pk>/", views_signup.application_detail, name="application"),
    path(
        "applications/<int:pk>/approve/",
        views_signup.application_approve,
        name="application-approve",
    ),
    path("national/", views_national.index, name="national"),
    path("national/export.<str:fmt>", views_national.export, name="national-export"),
    path("national/<slug:area_slug>/", views_national.area, name="national-area"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<slug:slug>/join/", views_signup.join, name="join"),
    path(
        "organisations/<slug:slug>/join-requests/", views_signup.join_requests, name="join-requests"
    ),
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
