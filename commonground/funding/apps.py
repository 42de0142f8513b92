from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "commonground.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from commonground.funding import event_types, permissions  # noqa: F401
