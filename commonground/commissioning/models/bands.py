from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, bilingual_char


class AreaCommissioningSettings(models.Model):
    """An area's own renewal horizon; areas without a row use the default of 12 months."""

    area = models.OneToOneField(
        "core.Area", on_delete=models.CASCADE, related_name="commissioning_settings"
    )
    renewal_horizon_months = models.PositiveSmallIntegerField(
        _("renewal horizon in months"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How long before a contract ends it shows as due for renewal."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commissioning settings")
        verbose_name_plural = _("commissioning settings")

    def __str__(self) -> str:
        return str(self.area)


class ValueBand(models.Model):
    """One of an area's value bands and the proportionate process it asks for.

    An area with no bands uses the defaults in ``bands.DEFAULT_BANDS`` (002 L572).
    """

    area = models.ForeignKey("core.Area", on_delete=models.CASCADE, related_name="value_bands")
    upper_limit_pence = models.BigIntegerField(
        _("upper limit in pence"),
        null=True,
        blank=True,
        help_text=_("Values below this fall in the band. Empty for the top band."),
    )
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 100)
    name = Localised("name")
    process_en = models.TextField(_("Process (English)"))
    process_cy = models.TextField(_("Process (Welsh)"), blank=True)
    process = Localised("process")
    documents_en = models.TextField(_("Documents expected (English)"))
    documents_cy = models.TextField(_("Documents expected (Welsh)"), blank=True)
    documents = Localised("documents")
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", models.F("upper_limit_pence").asc(nulls_last=True)]
        verbose_name = _("value band")
        verbose_name_plural = _("value bands")

    def __str__(self) -> str:
        return str(self.name)
