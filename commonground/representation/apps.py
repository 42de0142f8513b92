from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentationConfig(AppConfig):
    name = "commonground.representation"
    label = "representation"
    verbose_name = _("Representation")

    def ready(self) -> None:
        # Registers the event types, the rules and the listeners (which queue the count).
        from commonground.partnerships import panels
        from commonground.representation import event_types, listeners, permissions, queries  # noqa: F401

        panels.register("latest_report_back", queries.latest_report_back)
        panels.register("open_vacancy_by_seat", queries.open_vacancy_by_seat)
