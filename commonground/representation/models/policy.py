from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AreaPolicy(models.Model):
    """How an area runs representation. Every number here is a setting, not a constant."""

    class Electorate(models.TextChoices):
        ORGANISATION = "organisation", _("One vote per eligible member organisation")
        INDIVIDUAL = "individual", _("One vote per individual")

    area = models.OneToOneField(
        "core.Area", on_delete=models.CASCADE, related_name="representation_policy"
    )
    vacancy_window_days = models.PositiveSmallIntegerField(
        _("nomination window in days"), default=21
    )
    voting_window_days = models.PositiveSmallIntegerField(_("voting window in days"), default=14)
    statement_word_limit = models.PositiveSmallIntegerField(_("statement word limit"), default=100)
    electorate = models.CharField(
        _("electorate"), max_length=20, choices=Electorate.choices, default=Electorate.ORGANISATION
    )
    report_back_due_days = models.PositiveSmallIntegerField(
        _("days after a meeting a report-back is due"), default=14
    )
    term_reminder_days = models.PositiveSmallIntegerField(
        _("days before a term ends to send reminders"), default=60
    )
    expiring_within_days = models.PositiveSmallIntegerField(
        _("days ahead coverage counts a term as expiring"), default=90
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("representation policy")
        verbose_name_plural = _("representation policies")

    def __str__(self) -> str:
        return f"{self.area}"


class EligibilityRules(models.Model):
    """Who may stand for a seat. One row per area (the default) and optionally per seat."""

    area = models.ForeignKey(
        "core.Area", on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    seat = models.OneToOneField(
        "partnerships.Seat",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="eligibility_rules",
        help_text=_("Empty for the area's default rules."),
    )
    constituted = models.BooleanField(_("must be constituted"), default=True)
    operates_in_area = models.BooleanField(_("must operate in the area"), default=True)
    min_active_months = models.PositiveSmallIntegerField(_("minimum months active"), default=12)
    eligible_to_represent = models.BooleanField(
        _("must be a member at the “eligible to represent” level"), default=True
    )
    one_holder_per_body = models.BooleanField(
        _("at most one seat-holder per organisation on the same body"), default=True
    )
    min_endorsements = models.PositiveSmallIntegerField(_("endorsements needed"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility rules")
        verbose_name_plural = _("eligibility rules")
        constraints = [
            models.UniqueConstraint(
                fields=["area"],
                condition=models.Q(seat__isnull=True),
                name="one_default_rules_per_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.seat or self.area}"
