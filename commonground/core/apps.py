from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "commonground.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Register the core events and permission rules.
        from commonground.core import checks, event_types, permissions  # noqa: F401
