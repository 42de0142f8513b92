from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "commonground.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from commonground.partnerships import panels
        from commonground.planning import event_types, permissions  # noqa: F401
        from commonground.planning.queries import body_panel

        panels.register("planning", body_panel)
