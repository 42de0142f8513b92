import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, bilingual_char


class Event(models.Model):
    """A forum, training session or briefing, with a capacity and a register."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        TRAINING = "training", _("Training")
        BRIEFING = "briefing", _("Briefing")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organiser = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    kind = models.CharField(_("kind of event"), max_length=10, choices=Kind.choices)
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    description_en = models.TextField(_("Description (English)"), blank=True)
    description_cy = models.TextField(_("Description (Welsh)"), blank=True)
    description = Localised("description")
    location = models.CharField(_("location"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"))
    themes = models.ManyToManyField("core.Theme", blank=True, verbose_name=_("themes"))
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("engagement:event", args=[self.pk])


class EventMaterial(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title_en, title_cy = bilingual_char(_("Title (English)"), _("Title (Welsh)"), 200)
    title = Localised("title")
    url = models.URLField(_("web address"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")

    def __str__(self) -> str:
        return str(self.title)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    attended = models.BooleanField(null=True, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event}"
