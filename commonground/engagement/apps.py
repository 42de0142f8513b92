from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "commonground.engagement"
    label = "engagement"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the event types, the listeners (report-backs become bulletins) and the
        # release of a crashed digest run's claims.
        from commonground.core.recovery import on_recovery
        from commonground.engagement import event_types, listeners, permissions  # noqa: F401
        from commonground.engagement.sending import release_claims

        on_recovery(release_claims)
