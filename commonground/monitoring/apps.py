from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "commonground.monitoring"
    label = "monitoring"
    verbose_name = _("Programme monitoring")

    def ready(self) -> None:
        from commonground.monitoring import capture, event_types, permissions  # noqa: F401
