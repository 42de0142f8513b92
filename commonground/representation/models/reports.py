from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, either_char


class ReportBack(models.Model):
    """A representative's short, plain-language report to the sector after a meeting."""

    holding = models.ForeignKey(
        "partnerships.SeatHolding", on_delete=models.PROTECT, related_name="report_backs"
    )
    meeting = models.ForeignKey(
        "partnerships.Meeting", on_delete=models.PROTECT, related_name="report_backs"
    )
    title_en, title_cy = either_char(_("Title (English)"), _("Title (Welsh)"), 150)
    title = Localised("title")
    decided_en = models.TextField(_("What was decided (English)"), max_length=1500, blank=True)
    decided_cy = models.TextField(_("What was decided (Welsh)"), max_length=1500, blank=True)
    decided = Localised("decided")
    meaning_en = models.TextField(
        _("What it means for the sector (English)"), max_length=1500, blank=True
    )
    meaning_cy = models.TextField(
        _("What it means for the sector (Welsh)"), max_length=1500, blank=True
    )
    meaning = Localised("meaning")
    ask_en = models.TextField(_("What the sector is asked (English)"), max_length=1000, blank=True)
    ask_cy = models.TextField(_("What the sector is asked (Welsh)"), max_length=1000, blank=True)
    ask = Localised("ask")
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("report-back")
        verbose_name_plural = _("report-backs")
        constraints = [
            models.UniqueConstraint(
                fields=["holding", "meeting"], name="one_report_back_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("representation:report-back", args=[self.pk])


class ReportBackComment(models.Model):
    """An organisation's comment on a report-back, or its answer to the ask."""

    report_back = models.ForeignKey(ReportBack, on_delete=models.CASCADE, related_name="comments")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"), max_length=2000)
    answers_ask = models.BooleanField(_("answers the ask"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class TermReminder(models.Model):
    """That a reminder for a term's end was sent, so it is sent once."""

    holding = models.OneToOneField(
        "partnerships.SeatHolding", on_delete=models.CASCADE, related_name="reminder"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"reminder for {self.holding}"
