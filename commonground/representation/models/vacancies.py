from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised


class Vacancy(models.Model):
    """A sector seat to fill, advertised for nominations within a window."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for nominations")
        ELECTION = "election", _("Election")
        FILLED = "filled", _("Filled")
        NO_NOMINEES = "no_nominees", _("Closed with no valid nominee")
        CANCELLED = "cancelled", _("Cancelled")

    seat = models.ForeignKey(
        "partnerships.Seat", on_delete=models.PROTECT, related_name="vacancies"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    opens_on = models.DateField(_("nominations open"))
    closes_on = models.DateField(_("nominations close"))
    term_starts_on = models.DateField(_("term starts"))
    role_description_en = models.TextField(_("Role description (English)"))
    role_description_cy = models.TextField(_("Role description (Welsh)"), blank=True)
    role_description = Localised("role_description")
    word_limit = models.PositiveSmallIntegerField(_("statement word limit"))
    advertised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    advertised_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")

    def __str__(self) -> str:
        return f"{self.seat} ({self.opens_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("representation:vacancy", args=[self.pk])


class Nomination(models.Model):
    """A person standing, on behalf of an organisation, with a short statement."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting validation")
        VALID = "valid", _("Valid")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="nominations")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="nominations"
    )
    nominee = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="nominations")
    statement = models.TextField(_("statement"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "organisation"], name="one_nomination_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} ({self.organisation})"


class Endorsement(models.Model):
    """A registered organisation backing a nomination."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="endorsements"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    endorsed_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "organisation"], name="one_endorsement_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} endorses {self.nomination}"
