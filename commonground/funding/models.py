"""Funding agreements between a funder and a recipient, their payment schedule and variations.

Money is integer pence. Planned dates are kept as text, because 360Giving allows ``2026`` and
``2026-01`` and an import must give them back exactly; ``starts_on`` and ``ends_on`` are the
full dates they stand for (first and last day), for queries.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Agreement(models.Model):
    """One grant, investment or purchase from a funder to an organisation (or a person)."""

    class Mode(models.TextChoices):
        GRANT = "grant", _("Grant (giving)")
        INVESTMENT = "investment", _("Investment")
        PURCHASE = "purchase", _("Purchase (contract or service level agreement)")

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        SIGNED = "signed", _("Signed")
        RUNNING = "running", _("Running")
        VARIED = "varied", _("Varied")
        ENDED_EARLY = "ended_early", _("Ended early")
        ENDED = "ended", _("Ended")

    class Frequency(models.TextChoices):
        NONE = "none", _("No monitoring")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        SIX_MONTHLY = "six_monthly", _("Every six months")
        ANNUAL = "annual", _("Once a year")
        END = "end", _("At the end only")

    identifier = models.CharField(
        _("360Giving identifier"),
        max_length=200,
        unique=True,
        help_text=_("360G-<prefix>-<reference>, unique across all published grants."),
    )
    reference = models.CharField(_("funder's reference"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    funder = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="agreements_funded",
        verbose_name=_("funder"),
    )
    # Identifiers as 360Giving data gave them when they are not org-id.guide identifiers
    # (which live on the organisation), so an export gives them back.
    funder_ref = models.CharField(max_length=200, blank=True)
    recipient_ref = models.CharField(max_length=200, blank=True)
    directorate = models.CharField(_("directorate or department"), max_length=200, blank=True)
    recipient = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="agreements_received",
        null=True,
        blank=True,
        verbose_name=_("recipient organisation"),
    )
    # A grant to a person (360Giving recipientIndividual): an anonymised id and a label.
    individual_id = models.CharField(
        _("recipient individual's identifier"), max_length=200, blank=True
    )
    individual_name = models.CharField(
        _("recipient individual's label"), max_length=200, blank=True
    )
    to_individuals = models.JSONField(default=dict, blank=True)
    programme_code = models.CharField(_("programme reference"), max_length=100, blank=True)
    programme_title = models.CharField(_("programme"), max_length=300, blank=True)
    opportunity = models.ForeignKey(
        "commissioning.Opportunity",
        on_delete=models.SET_NULL,
        related_name="agreements",
        null=True,
        blank=True,
        verbose_name=_("commissioning opportunity"),
        help_text=_("The awarded opportunity this agreement delivers, if it came from one."),
    )
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.GRANT)
    amount_pence = models.BigIntegerField(_("amount in pence"))
    currency = models.CharField(_("currency"), max_length=3, default="GBP")
    award_date = models.DateField(_("award date"))
    planned_start = models.CharField(_("planned start"), max_length=10, blank=True)
    planned_end = models.CharField(_("planned end"), max_length=10, blank=True)
    planned_duration = models.DecimalField(
        _("duration in months"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField(null=True, blank=True, editable=False)
    ends_on = models.DateField(null=True, blank=True, editable=False)
    notice_days = models.PositiveIntegerField(
        _("notice period in days"),
        null=True,
        blank=True,
        help_text=_("The notice the funder must give before ending or reducing the agreement."),
    )
    fcr_allowed = models.BooleanField(_("full cost recovery allowed"), null=True, blank=True)
    overhead_percent = models.DecimalField(
        _("overhead share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    monitoring_frequency = models.CharField(
        _("monitoring frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    monitoring_requirements = models.TextField(_("monitoring requirements"), blank=True)
    area = models.ForeignKey(
        "core.Area",
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
        verbose_name=_("area"),
        help_text=_("The area whose funding flows count this agreement."),
    )
    theme = models.ForeignKey(
        "core.Theme",
        on_delete=models.SET_NULL,
        related_name="agreements",
        null=True,
        blank=True,
        verbose_name=_("theme"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFERED
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown to the public and in 360Giving data.")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    notice_ends_on = models.DateField(_("ends on, by the notice"), null=True, blank=True)
    notice_reason = models.TextField(_("reason for ending"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-award_date", "identifier"]
        verbose_name = _("funding agreement")
        verbose_name_plural = _("funding agreements")
        indexes = [
            models.Index(fields=["funder", "award_date"]),
            models.Index(fields=["area", "award_date"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["funder", "reference"], name="one_reference_per_funder")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:agreement", args=[self.pk])


class BeneficiaryLocation(models.Model):
    """Where the people the agreement benefits are, with the ONS code when there is one."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="locations")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200, blank=True)
    geo_code = models.CharField(_("ONS code"), max_length=20, blank=True)
    geo_code_type = models.CharField(_("code type"), max_length=20, blank=True)
    country_code = models.CharField(_("country code"), max_length=2, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "position"]

    def __str__(self) -> str:
        return self.name or self.geo_code


class Classification(models.Model):
    """A 360Giving classification of the grant (vocabulary and code), kept as given."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="classifications"
    )
    position = models.PositiveSmallIntegerField(default=0)
    vocabulary = models.CharField(max_length=200)
    code = models.CharField(max_length=200)
    title = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "position"]

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code}"


class Instalment(models.Model):
    """One payment in the schedule, paid before the period it funds or after it."""

    class Timing(models.TextChoices):
        ADVANCE = "advance", _("In advance")
        ARREARS = "arrears", _("In arrears")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("due on"))
    amount_pence = models.BigIntegerField(_("amount in pence"))
    timing = models.CharField(_("paid"), max_length=10, choices=Timing.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "due_on", "pk"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")

    def __str__(self) -> str:
        return f"{self.due_on}: {self.amount_pence}"


class Variation(models.Model):
    """A change to a signed agreement, with its reason and date; history keeps the fields."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="variations")
    varied_on = models.DateField(_("varied on"))
    reason = models.TextField(_("reason"))
    changes = models.JSONField(default=dict)
    recorded_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "varied_on", "pk"]
        verbose_name = _("variation")
        verbose_name_plural = _("variations")

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.varied_on}"
