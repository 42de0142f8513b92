from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core.bilingual import Localised, bilingual_char


class Seat(models.Model):
    """A place on a partnership body."""

    class Kind(models.TextChoices):
        RESERVED = "reserved", _("Reserved for a named role")
        SECTOR = "sector", _("Sector seat, filled by election")
        EX_OFFICIO = "ex_officio", _("Ex officio")

    body = models.ForeignKey(
        "partnerships.PartnershipBody", on_delete=models.CASCADE, related_name="seats"
    )
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    name = Localised("name")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reserved_for = models.CharField(
        _("reserved for"),
        max_length=200,
        blank=True,
        help_text=_("The named role, e.g. the CVC chief officer."),
    )
    term_months = models.PositiveSmallIntegerField(_("term length in months"), default=36)
    max_consecutive_terms = models.PositiveSmallIntegerField(
        _("maximum consecutive terms"), default=2
    )
    has_substitute = models.BooleanField(_("has a substitute"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "pk"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return f"{self.body}: {self.name}"

    def current_holding(self, on: date | None = None) -> "SeatHolding | None":
        on = on or date.today()
        return (
            self.holdings.filter(role=SeatHolding.Role.HOLDER, starts_on__lte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
            .select_related("person", "organisation")
            .first()
        )


class SeatHolding(models.Model):
    """One person's term in a seat, as holder or substitute: the seat's holder history."""

    class Role(models.TextChoices):
        HOLDER = "holder", _("Holder")
        SUBSTITUTE = "substitute", _("Substitute")

    class Route(models.TextChoices):
        ELECTED = "elected", _("Elected")
        UNOPPOSED = "unopposed", _("Appointed unopposed")
        APPOINTED = "appointed", _("Appointed")
        EX_OFFICIO = "ex_officio", _("Ex officio")

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="holdings")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.HOLDER)
    person = models.ForeignKey(
        "core.Person", on_delete=models.PROTECT, related_name="seat_holdings"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seat_holdings",
        verbose_name=_("on behalf of"),
    )
    route = models.CharField(_("how they got the seat"), max_length=20, choices=Route.choices)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    ended_on = models.DateField(_("left the seat on"), null=True, blank=True)
    handover_note = models.TextField(
        _("handover note"), blank=True, help_text=_("What the next holder needs to know.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["seat", "-starts_on"]
        verbose_name = _("seat holding")
        verbose_name_plural = _("seat holdings")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.seat})"

    @property
    def is_current(self) -> bool:
        today = date.today()
        return self.starts_on <= today and (self.ended_on is None or self.ended_on > today)
