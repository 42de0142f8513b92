from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, bilingual_char


class Opportunity(models.Model):
    """A chance for the sector to deliver a service: planned, open, awarded or running.

    ``stage`` is what the commissioner (or the OCDS feed) last said. "Due for renewal" is not
    stored: it follows from the contract's end date and the area's renewal horizon, so it
    arrives on the right day without anyone changing the record (``stages.current_stage``).
    """

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        AWARDED = "awarded", _("Awarded")
        RUNNING = "running", _("Contract running")
        DUE_FOR_RENEWAL = "due_for_renewal", _("Due for renewal")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    class Route(models.TextChoices):
        GRANT = "grant", _("Grant")
        CONTRACT = "contract", _("Contract")
        SLA = "sla", _("Service level agreement")
        SPOT = "spot", _("Spot purchase")
        CALL_OFF = "call_off", _("Framework call-off")

    class Source(models.TextChoices):
        ENTERED = "entered", _("Entered by the commissioner")
        OCDS = "ocds", _("Published tender notices (OCDS)")

    slug = models.SlugField(max_length=120, unique=True)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    description_en = models.TextField(_("Description (English)"), blank=True)
    description_cy = models.TextField(_("Description (Welsh)"), blank=True)
    description = Localised("description")
    buyer = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="commissioned_opportunities",
        verbose_name=_("buyer"),
    )
    areas = models.ManyToManyField("core.Area", related_name="opportunities", verbose_name=_("areas"))
    themes = models.ManyToManyField("core.Theme", blank=True, verbose_name=_("themes"))
    suppliers = models.ManyToManyField(
        "core.Organisation",
        blank=True,
        related_name="supplied_opportunities",
        verbose_name=_("suppliers"),
    )
    route = models.CharField(_("route"), max_length=10, choices=Route.choices)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PLANNED)
    estimated_value_pence = models.BigIntegerField(_("estimated value in pence"), null=True, blank=True)
    planned_publication = models.DateField(_("planned publication"), null=True, blank=True)
    tender_deadline = models.DateField(_("tender deadline"), null=True, blank=True)
    award_date = models.DateField(_("award date"), null=True, blank=True)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(
        _("options to extend, in months"), null=True, blank=True
    )
    principles_done = models.JSONField(
        _("principles met"), default=list, blank=True,
        help_text=_("The numbers (1 to 8) of the principles of good commissioning met."),
    )
    principles_note_en = models.TextField(_("How the principles were met (English)"), blank=True)
    principles_note_cy = models.TextField(_("How the principles were met (Welsh)"), blank=True)
    principles_note = Localised("principles_note")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    ocid = models.CharField(_("OCDS ocid"), max_length=200, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[areas, themes])

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("commissioning:opportunity", args=[self.slug])


class Lot(models.Model):
    """A part of an opportunity that can be bid for on its own."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lots")
    reference = models.CharField(_("lot number"), max_length=50)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    description_en = models.TextField(_("Description (English)"), blank=True)
    description_cy = models.TextField(_("Description (Welsh)"), blank=True)
    description = Localised("description")
    value_pence = models.BigIntegerField(_("value in pence"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["opportunity", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "reference"], name="unique_lot_reference")
        ]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class Subscription(models.Model):
    """Someone who wants to hear of new opportunities in an area (in their digest)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_subscriptions"
    )
    area = models.ForeignKey("core.Area", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="unique_opportunity_subscription")
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.area}"
