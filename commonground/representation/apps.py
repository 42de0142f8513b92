from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentationConfig(AppConfig):
    name = "commonground.representation"
    label = "representation"
    verbose_name = _("Representation")

    def ready(self) -> None:
        from commonground.representation import event_types, permissions  # noqa: F401
