"""Programmes, their logic models, targets and the evidence recorded against them (C9).

A programme's logic model runs inputs, then strands; each strand has activities, outputs
(indicators of kind output), results (indicators of kind result, and result statements)
and impacts. Evidence records are the raw material of every report: each is one thing that
happened (an organisation trained, a digest sent), eligible, in the pipeline or not
eligible. Reports count them; they never store totals.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, active_language, bilingual_char
from commonground.core.models import Area, DomainEvent, Organisation


def localised_items(items: list[dict[str, str]]) -> list[str]:
    """A logic-model list (``[{"en": ..., "cy": ...}]``) in the reader's language."""
    lang = active_language()
    other = "en" if lang == "cy" else "cy"
    return [item.get(lang) or item.get(other) or "" for item in items]


class Programme(models.Model):
    slug = models.SlugField(unique=True)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    funders = models.ManyToManyField(
        Organisation, blank=True, related_name="funded_programmes", verbose_name=_("funders")
    )
    delivery_partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="delivered_programmes",
        verbose_name=_("delivery partners"),
    )
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("areas"))
    inputs = models.JSONField(_("inputs"), default=list, blank=True)
    history = HistoricalRecords(m2m_fields=[funders, delivery_partners, areas])

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("monitoring:programme", args=[self.slug])

    @property
    def inputs_text(self) -> list[str]:
        return localised_items(self.inputs)


class Strand(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="strands")
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveIntegerField(default=0)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    activities = models.JSONField(_("activities"), default=list, blank=True)
    results = models.JSONField(_("results"), default=list, blank=True)
    impacts = models.JSONField(_("impacts"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position", "pk"]
        verbose_name = _("strand")
        verbose_name_plural = _("strands")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="one_strand_code")
        ]

    def __str__(self) -> str:
        return str(self.title)

    def items(self, name: str) -> list[str]:
        return localised_items(getattr(self, name))


class Indicator(models.Model):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("Output")
        RESULT = "result", _("Result")

    class Unit(models.TextChoices):
        COUNT = "count", _("Count (sum of quantities)")
        ORGANISATIONS = "organisations", _("Distinct organisations")
        PARTICIPANTS = "participants", _("Distinct people")
        PERCENTAGE = "percentage", _("Percentage of a base")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    strand = models.ForeignKey(Strand, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveIntegerField(default=0)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 300)
    title = Localised("title")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=15, choices=Unit.choices)
    numerator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "strand__position", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="one_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivery_partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.value} ({self.period_start}–{self.period_end})"


class CaptureRule(models.Model):
    """Turns each domain event of one type into an evidence record for one indicator.

    ``conditions`` maps a name to the value it must have: a name is looked up in the event's
    payload first, then on the record the event is about (``{"kind": "training"}`` holds for
    attendance recorded at a training event). ``quantity_field`` names the payload number
    that becomes the quantity (empty: 1).
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rules")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rules")
    event_type = models.CharField(_("event type"), max_length=80, db_index=True)
    conditions = models.JSONField(_("conditions"), default=dict, blank=True)
    quantity_field = models.CharField(_("quantity from"), max_length=60, blank=True)
    status = models.CharField(_("status given"), max_length=12, default="eligible")
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "event_type", "pk"]
        verbose_name = _("capture rule")
        verbose_name_plural = _("capture rules")

    def __str__(self) -> str:
        return f"{self.event_type} → {self.indicator.code}"


class Evidence(models.Model):
    class Status(models.TextChoices):
        ELIGIBLE = "eligible", _("Eligible")
        PIPELINE = "pipeline", _("In the pipeline")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="evidence")
    date = models.DateField(_("date"))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivery_partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The org id as given (a slug here, or an org-id.guide identifier of an organisation the
    # directory does not list): distinct organisations are counted by it.
    organisation_ref = models.CharField(_("organisation id"), max_length=80, blank=True)
    person_ref = models.CharField(_("person reference"), max_length=80, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    # Where it came from: a platform event (through a rule), a person, or an import.
    source_event = models.ForeignKey(
        DomainEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rule = models.ForeignKey(
        CaptureRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    source_url = models.CharField(_("source link"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported = models.BooleanField(_("imported"), default=False)
    source_ref = models.CharField(_("source reference"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("evidence record")
        verbose_name_plural = _("evidence records")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="one_evidence_per_source_ref",
            ),
            models.UniqueConstraint(
                fields=["indicator", "source_event"],
                condition=models.Q(source_event__isnull=False),
                name="one_evidence_per_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.date}"

    @property
    def source(self) -> str:
        if self.source_event_id:
            return str(_("Captured from the platform"))
        if self.imported:
            return str(_("Imported"))
        return str(_("Entered by %(name)s") % {"name": self.entered_by or _("staff")})

    def status_label(self) -> Any:
        return self.get_status_display()
