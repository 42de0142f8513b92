from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissioningConfig(AppConfig):
    name = "commonground.commissioning"
    label = "commissioning"
    verbose_name = _("Commissioning")

    def ready(self) -> None:
        from commonground.commissioning import event_types, permissions  # noqa: F401
