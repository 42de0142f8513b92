from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised


class LiaisonIssue(models.Model):
    """A matter the sector raises at a liaison meeting (seed 004 L352).

    It must get a written response, or an officer must attend the next meeting; it is
    overdue once the next meeting has passed without either.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting response")
        ANSWERED = "answered", _("Answered in writing")
        OFFICER_ATTENDING = "officer_attending", _("Officer attending next meeting")
        CLOSED = "closed", _("Closed")

    body = models.ForeignKey(
        "partnerships.PartnershipBody", on_delete=models.CASCADE, related_name="liaison_issues"
    )
    raised_at = models.ForeignKey(
        "partnerships.Meeting",
        on_delete=models.PROTECT,
        related_name="issues_raised",
        verbose_name=_("raised at"),
    )
    raised_by = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("raised by")
    )
    # Each text in English, Welsh or both: whoever raises or answers writes in their language.
    title_en = models.CharField(_("Title (English)"), max_length=200, blank=True)
    title_cy = models.CharField(_("Title (Welsh)"), max_length=200, blank=True)
    title = Localised("title")
    description_en = models.TextField(_("What the sector raised (English)"), blank=True)
    description_cy = models.TextField(_("What the sector raised (Welsh)"), blank=True)
    description = Localised("description")
    response_en = models.TextField(_("Written response (English)"), blank=True)
    response_cy = models.TextField(_("Written response (Welsh)"), blank=True)
    response = Localised("response")
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    officer_attending = models.CharField(_("officer attending"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("liaison issue")
        verbose_name_plural = _("liaison issues")

    def __str__(self) -> str:
        return str(self.title)
