from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, active_language, bilingual_char
from commonground.core.reference import WELSH_IN_AREA


class Region(models.Model):
    """A regional footprint grouping local authority areas (e.g. Mid and West Wales)."""

    slug = models.SlugField(unique=True)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 100)
    name = Localised("name")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return str(self.name)


class AreaQuerySet(models.QuerySet["Area"]):
    def in_wales(self) -> "AreaQuerySet":
        """The 22 Welsh authorities: the lists of pages that serve Wales only."""
        return self.filter(country=Area.Country.WALES)


class Area(models.Model):
    """A local authority area: the unit that has its own infrastructure body and partnerships."""

    class Country(models.TextChoices):
        WALES = "wales", _("Wales")
        ENGLAND = "england", _("England")

    code = models.CharField(
        _("ONS code"), max_length=9, unique=True, help_text=_("For example W06000008.")
    )
    slug = models.SlugField(unique=True)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 100)
    name = Localised("name")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="areas", verbose_name=_("region")
    )
    country = models.CharField(_("country"), max_length=10, choices=Country.choices)
    infrastructure_body = models.ForeignKey(
        "core.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="infrastructure_for",
        verbose_name=_("infrastructure body"),
        help_text=_("The County Voluntary Council or Council for Voluntary Service."),
    )
    history = HistoricalRecords()

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def in_name(self) -> str:
        """The area as a sentence says "in" it: "in Ceredigion", "yng Ngheredigion"."""
        if active_language() == "cy":
            return WELSH_IN_AREA.get(self.code, f"yn {self.name}")
        return f"in {self.name_en}"
