from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AreaEngagementSettings(models.Model):
    """An area's engagement parameters, starting with its compact's consultation minimum.

    Interim home: the compacts capability (C7) will own these parameters as part of the
    area's adopted rule pack; until then this row is the setting, and an area without a row
    uses the field default below.
    """

    area = models.OneToOneField(
        "core.Area",
        on_delete=models.CASCADE,
        related_name="engagement_settings",
        verbose_name=_("area"),
    )
    minimum_consultation_weeks = models.PositiveSmallIntegerField(
        _("minimum consultation period in weeks"),
        default=12,
        help_text=_("From the area's compact. A shorter consultation needs a recorded reason."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area engagement settings")
        verbose_name_plural = _("area engagement settings")

    def __str__(self) -> str:
        return str(self.area)
