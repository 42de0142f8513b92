from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised


class Meeting(models.Model):
    """A meeting of a partnership body, with its agenda, papers, minutes and outcomes."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(
        "partnerships.PartnershipBody", on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    agenda_en = models.TextField(_("Agenda (English)"), blank=True)
    agenda_cy = models.TextField(_("Agenda (Welsh)"), blank=True)
    agenda = Localised("agenda")
    minutes_en = models.TextField(_("Minutes (English)"), blank=True)
    minutes_cy = models.TextField(_("Minutes (Welsh)"), blank=True)
    minutes = Localised("minutes")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.body} – {timezone.localtime(self.starts_at):%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The calendar feeds tell clients when a meeting last changed.
        self.updated_at = timezone.now()
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:meeting", args=[self.body.slug, self.pk])

    @property
    def has_taken_place(self) -> bool:
        return self.status != self.Status.CANCELLED and self.starts_at <= timezone.now()


class Paper(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="meeting-papers/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Sent apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text_en = models.TextField(_("Decision (English)"))
    text_cy = models.TextField(_("Decision (Welsh)"), blank=True)
    text = Localised("text")

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return str(self.text)[:60]


class MeetingAction(models.Model):
    """Something a meeting agreed someone would do, by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description_en = models.TextField(_("Action (English)"))
    description_cy = models.TextField(_("Action (Welsh)"), blank=True)
    description = Localised("description")
    owner = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return str(self.description)[:60]
