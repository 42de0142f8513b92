from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.models.organisations import Membership
from commonground.core.models.people import Affiliation


class MembershipApplication(models.Model):
    """An organisation that signed itself up, asking its area's infrastructure body to take it
    on as a member at an engagement level. Staff of that body approve or decline it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="application"
    )
    infrastructure_body = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("infrastructure body"),
    )
    engagement_level = models.CharField(
        _("engagement level"), max_length=20, choices=Membership.EngagementLevel.choices
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=1000)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.infrastructure_body}"


class JoinRequest(models.Model):
    """A person with an account asking to be recorded at an organisation; its admins decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    role = models.CharField(_("role"), max_length=20, choices=Affiliation.Role.choices)
    message = models.TextField(_("message to the organisation"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
