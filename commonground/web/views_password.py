"""Password reset by email: Django's views, with our forms, templates and language."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from commonground.web.forms import NewPasswordForm, ResetPasswordForm


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "web/password_reset/form.html"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("web:password-reset-sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "web/password_reset/sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/password_reset/confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("web:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/password_reset/complete.html"
