from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Person(models.Model):
    """Someone connected to organisations, whether or not they have an account."""

    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    organisations = models.ManyToManyField(
        "core.Organisation", through="core.Affiliation", related_name="people"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Affiliation(models.Model):
    """A person's role at an organisation. ``is_admin`` lets them manage its entry."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Staff")
        TRUSTEE = "trustee", _("Trustee")
        VOLUNTEER = "volunteer", _("Volunteer")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    is_admin = models.BooleanField(
        _("organisation admin"),
        default=False,
        help_text=_("Can edit the organisation's entry and act for it."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="one_affiliation_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.organisation})"
