"""Addresses that mail clients call, outside the language prefix (RFC 8058 one-click)."""

from django.urls import path

from commonground.engagement import views_public

urlpatterns = [
    path(
        "engagement/one-click-unsubscribe/<str:token>/",
        views_public.unsubscribe_one_click,
        name="engagement-unsubscribe-one-click",
    ),
]
