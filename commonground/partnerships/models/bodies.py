from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, active_language, bilingual_char
from commonground.core.welsh import soft_mutation


class PartnershipBody(models.Model):
    """A board, sub-group, forum or network where public bodies and the sector meet."""

    class Kind(models.TextChoices):
        PSB = "psb", _("Public Services Board")
        LSB = "lsb", _("Local Service Board")
        SUB_GROUP = "sub_group", _("Sub-group")
        IMPLEMENTATION_GROUP = "implementation_group", _("Implementation group")
        THEMATIC = "thematic", _("Thematic partnership")
        FORUM = "forum", _("Forum")
        LIAISON = "liaison", _("Liaison committee")
        TASK_AND_FINISH = "task_and_finish", _("Task and finish group")
        NETWORK = "network", _("Network")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        BIMONTHLY = "bimonthly", _("Every two months")
        QUARTERLY = "quarterly", _("Quarterly")
        TWICE_YEARLY = "twice_yearly", _("Twice a year")
        ANNUALLY = "annually", _("Once a year")
        AS_NEEDED = "as_needed", _("As needed")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RESTING = "resting", _("Resting")
        ENDED = "ended", _("Ended")

    slug = models.SlugField(max_length=120, unique=True)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    name = Localised("name")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("reports to"),
    )
    convenor = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="convened_bodies",
        verbose_name=_("convening organisation"),
    )
    areas = models.ManyToManyField(
        "core.Area", related_name="partnership_bodies", verbose_name=_("areas")
    )
    terms_of_reference_en = models.TextField(_("Terms of reference (English)"), blank=True)
    terms_of_reference_cy = models.TextField(_("Terms of reference (Welsh)"), blank=True)
    terms_of_reference = Localised("terms_of_reference")
    meeting_frequency = models.CharField(
        _("meeting frequency"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("partnership body")
        verbose_name_plural = _("partnership bodies")

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:body", args=[self.slug])

    @property
    def on_name(self) -> str:
        """The name as it follows "on" in a sentence: in Welsh "ar", which softens a Welsh
        name ("ar Fwrdd Gwasanaethau Cyhoeddus Ceredigion"); an English one is left as it is."""
        if active_language() == "cy" and self.name_cy:
            return soft_mutation(self.name_cy)
        return str(self.name)

    def ancestors(self) -> list["PartnershipBody"]:
        """From the top of the hierarchy down to this body's parent."""
        chain: list[PartnershipBody] = []
        body = self.parent
        while body is not None and body not in chain:
            chain.insert(0, body)
            body = body.parent
        return chain
