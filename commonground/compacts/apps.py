from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompactsConfig(AppConfig):
    name = "commonground.compacts"
    label = "compacts"
    verbose_name = _("Compacts")

    def ready(self) -> None:
        from commonground.compacts import event_types, listeners, permissions  # noqa: F401
        from commonground.compacts.parameters import install

        install()
