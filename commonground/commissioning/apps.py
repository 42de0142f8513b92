from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissioningConfig(AppConfig):
    name = "commonground.commissioning"
    label = "commissioning"
    verbose_name = _("Commissioning")

    def ready(self) -> None:
        from commonground.commissioning import checks, event_types, permissions  # noqa: F401
        from commonground.commissioning.digest import NEW_OPPORTUNITIES
        from commonground.core import digest_sections

        # Engagement may not import commissioning: new opportunities join its digests here.
        digest_sections.register("new_opportunities", NEW_OPPORTUNITIES)
