from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "commonground.engagement"
    label = "engagement"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the event types and the listeners (report-backs become bulletins).
        from commonground.engagement import event_types, listeners, permissions  # noqa: F401
