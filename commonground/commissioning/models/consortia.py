from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PartnerSearch(models.Model):
    """An organisation looking for partners to bid for an opportunity (or one of its lots)."""

    opportunity = models.ForeignKey(
        "commissioning.Opportunity", on_delete=models.CASCADE, related_name="partner_searches"
    )
    lot = models.ForeignKey(
        "commissioning.Lot", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="partner_searches"
    )
    offers = models.TextField(_("What we bring"), max_length=2000)
    needs = models.TextField(_("What we need from partners"), max_length=2000)
    is_open = models.BooleanField(_("still looking"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner search")
        verbose_name_plural = _("partner searches")

    def __str__(self) -> str:
        return f"{self.organisation} / {self.opportunity}"


class Consortium(models.Model):
    """Organisations bidding together, led by one, with a collaborative agreement once signed."""

    class Source(models.TextChoices):
        PROPOSED = "proposed", _("Proposed here")
        OCDS = "ocds", _("Awarded to a consortium (OCDS)")

    class AgreementKind(models.TextChoices):
        DOCUMENT = "document", _("A signed document")
        STATEMENT = "statement", _("A dated statement")

    opportunity = models.ForeignKey(
        "commissioning.Opportunity", on_delete=models.CASCADE, related_name="consortia"
    )
    lot = models.ForeignKey(
        "commissioning.Lot", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    lead = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_consortia",
        verbose_name=_("lead organisation"),
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PROPOSED)
    award_id = models.CharField(max_length=200, blank=True)
    agreement_kind = models.CharField(
        _("kind of agreement"), max_length=10, choices=AgreementKind.choices, blank=True
    )
    agreement_document = models.FileField(
        _("agreement document"), upload_to="commissioning/agreements/", blank=True
    )
    agreement_statement = models.TextField(_("agreement statement"), blank=True)
    agreement_signed_on = models.DateField(_("date signed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")

    def __str__(self) -> str:
        return self.name

    @property
    def is_signed(self) -> bool:
        return self.agreement_signed_on is not None


class ConsortiumMember(models.Model):
    """A member of a consortium: a directory organisation, or a named supplier from OCDS.

    A directory organisation the lead invites answers for itself (its admins accept or
    decline); the lead, and members of a consortium awarded in OCDS, count as accepted.
    """

    class Answer(models.TextChoices):
        INVITED = "invited", _("Invited, no answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consortium_memberships",
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    share_percent = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.INVITED
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consortium", "pk"]
        verbose_name = _("consortium member")
        verbose_name_plural = _("consortium members")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return str(self.organisation.name) if self.organisation else self.name
