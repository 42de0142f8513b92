from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class BidSupport(models.Model):
    """Help an infrastructure body gave one organisation with one bid, and how the bid went."""

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice and signposting")
        TAILORED = "tailored", _("Tailored support over time")

    class Outcome(models.TextChoices):
        NOT_YET = "not_yet", _("Not submitted yet")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")
        AWAITING = "awaiting", _("Submitted, awaiting the outcome")
        APPEAL = "appeal", _("Appeal (process challenge)")
        PQQ = "pqq", _("Pre-qualification only")
        NOT_SUBMITTED = "not_submitted", _("Prepared but not submitted")
        WITHOUT_SUPPORT = "without_support", _("Submitted without support")

    area = models.ForeignKey("core.Area", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="bid_support"
    )
    opportunity = models.ForeignKey(
        "commissioning.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bid_support",
        verbose_name=_("opportunity"),
    )
    requested_on = models.DateField(_("date of request"))
    request = models.TextField(_("what was asked for"), max_length=2000)
    kind = models.CharField(_("kind of support"), max_length=10, choices=Kind.choices)
    hours = models.DecimalField(_("hours of support"), max_digits=6, decimal_places=1, default=0)
    support_given = models.TextField(_("support given"), max_length=2000, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NOT_YET
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("bid support")
        verbose_name_plural = _("bid support")

    def __str__(self) -> str:
        return f"{self.organisation} {self.requested_on}"
