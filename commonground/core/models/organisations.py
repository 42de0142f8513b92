from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core import identifiers
from commonground.core.bilingual import Localised, bilingual_char


class Theme(models.Model):
    """A subject an organisation works on and people subscribe to (e.g. older people)."""

    slug = models.SlugField(unique=True)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 100)
    name = Localised("name")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.name)


class BeneficiaryGroup(models.Model):
    """A group of people an organisation serves (e.g. carers, young people)."""

    slug = models.SlugField(unique=True)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 100)
    name = Localised("name")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("beneficiary group")
        verbose_name_plural = _("beneficiary groups")

    def __str__(self) -> str:
        return str(self.name)


def validate_identifier(value: str) -> None:
    try:
        identifiers.validate(value)
    except identifiers.InvalidIdentifier as exc:
        raise ValidationError(str(exc), code="invalid_identifier") from exc


class Organisation(models.Model):
    """A third sector organisation, public body, infrastructure body or private company."""

    class Kind(models.TextChoices):
        THIRD_SECTOR = "third_sector", _("Third sector organisation")
        PUBLIC_BODY = "public_body", _("Public body")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure body")
        PRIVATE = "private", _("Private company")

    class LegalForm(models.TextChoices):
        CIO = "cio", _("Charitable incorporated organisation")
        CHARITABLE_COMPANY = "charitable_company", _("Charitable company")
        UNINCORPORATED = "unincorporated", _("Unincorporated association")
        TRUST = "trust", _("Charitable trust")
        CIC = "cic", _("Community interest company")
        COMPANY = "company", _("Company limited by guarantee")
        SOCIETY = "society", _("Community benefit society or co-operative")
        STATUTORY = "statutory", _("Statutory body")
        OTHER = "other", _("Other")

    class IncomeBand(models.TextChoices):
        MICRO = "micro", _("Under £10,000")
        SMALL = "small", _("£10,000 to £100,000")
        MEDIUM = "medium", _("£100,000 to £1 million")
        LARGE = "large", _("£1 million to £10 million")
        MAJOR = "major", _("Over £10 million")

        @classmethod
        def for_income(cls, pounds: Decimal | int | None) -> str:
            """The band of a yearly income (blank when the income is not known)."""
            if pounds is None:
                return ""
            for band, upper in INCOME_BAND_UPPER_LIMITS.items():
                if pounds < upper:
                    return band
            return cls.MAJOR

    class WelshLanguage(models.TextChoices):
        NONE = "none", _("English only")
        SOME = "some", _("Some services in Welsh")
        FULL = "full", _("All services in Welsh and English")

    slug = models.SlugField(max_length=120, unique=True)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    name = Localised("name")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    identifier = models.CharField(
        _("identifier"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_identifier],
        help_text=_("An org-id.guide identifier, for example GB-CHC-1234567 for a charity."),
    )
    description_en = models.TextField(_("Description (English)"), max_length=2000, blank=True)
    description_cy = models.TextField(_("Description (Welsh)"), max_length=2000, blank=True)
    description = Localised("description")
    income_band = models.CharField(
        _("income band"), max_length=10, choices=IncomeBand.choices, blank=True
    )
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    beneficiary_groups = models.ManyToManyField(
        BeneficiaryGroup, blank=True, verbose_name=_("beneficiary groups")
    )
    area = models.ForeignKey(
        "core.Area",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("home area"),
    )
    areas_served = models.ManyToManyField(
        "core.Area",
        blank=True,
        related_name="organisations_serving",
        verbose_name=_("areas served"),
    )
    welsh_language = models.CharField(
        _("Welsh language"),
        max_length=10,
        choices=WelshLanguage.choices,
        default=WelshLanguage.NONE,
    )
    constituted = models.BooleanField(
        _("constituted"),
        default=False,
        help_text=_("Has a written constitution or governing document."),
    )
    founded_on = models.DateField(_("date founded"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    public_listing = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("The organisation consents to its entry being shown to the public."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[themes, beneficiary_groups, areas_served])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind", "area"])]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("web:organisation", args=[self.slug])


class Membership(models.Model):
    """An organisation's membership of its area's infrastructure body (CVC or CVS)."""

    class EngagementLevel(models.TextChoices):
        INFORMATION = "information", _("Information only")
        CONSULTATION = "consultation", _("Consultation")
        REPRESENT = "represent", _("Eligible to represent")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    infrastructure_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": Organisation.Kind.INFRASTRUCTURE},
        verbose_name=_("infrastructure body"),
    )
    engagement_level = models.CharField(
        _("engagement level"), max_length=20, choices=EngagementLevel.choices
    )
    joined_on = models.DateField(_("joined on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "infrastructure_body"], name="one_membership_per_body"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.infrastructure_body}"


# Each band's income is under this many pounds (the labels above say the same); major is over.
INCOME_BAND_UPPER_LIMITS = {
    Organisation.IncomeBand.MICRO: 10_000,
    Organisation.IncomeBand.SMALL: 100_000,
    Organisation.IncomeBand.MEDIUM: 1_000_000,
    Organisation.IncomeBand.LARGE: 10_000_000,
}
