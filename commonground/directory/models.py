"""Services in the Open Referral UK model, owned by the foundation's organisations.

Every ORUK record keeps its ORUK id as its primary key (a UUID), so imports update rather
than duplicate, and the API needs no second identifier. ``OrganisationProfile`` gives a core
organisation its ORUK id and the few ORUK fields the core model does not have.
"""

import uuid
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commonground.core import dates
from commonground.core.bilingual import Localised, bilingual_char

# History tables are read by record id alone, and every import writes thousands of rows
# to them, so their copies of foreign keys go unindexed (``no_db_index``).


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("web address"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    name = Localised("name")
    description = models.TextField(_("description"), blank=True)
    # ORUK terms may name parents and taxonomies that are not in this directory.
    parent_id_ref = models.UUIDField(_("parent term"), null=True, blank=True)
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.SET_NULL, null=True, blank=True, related_name="terms"
    )
    taxonomy_name = models.CharField(_("taxonomy name"), max_length=200, blank=True)
    term_uri = models.URLField(_("term web address"), max_length=500, blank=True)
    code = models.CharField(_("term code"), max_length=200, blank=True)
    history = HistoricalRecords(no_db_index=["taxonomy"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self) -> str:
        return str(self.name)


class OrganisationProfile(models.Model):
    """An organisation's ORUK identity: its UUID and ORUK-only fields."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="directory_profile"
    )
    logo = models.CharField(_("logo"), max_length=500, blank=True)
    uri = models.URLField(_("ORUK web address"), max_length=500, blank=True)
    parent_organization_id = models.UUIDField(null=True, blank=True)
    history = HistoricalRecords(no_db_index=["organisation"])

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class OrganisationIdentifier(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    profile = models.ForeignKey(
        OrganisationProfile, on_delete=models.CASCADE, related_name="identifiers"
    )
    identifier_scheme = models.CharField(max_length=50, blank=True)
    identifier_type = models.CharField(max_length=100)
    identifier = models.CharField(max_length=100)

    history = HistoricalRecords(no_db_index=["profile"])

    def __str__(self) -> str:
        return f"{self.identifier_scheme}-{self.identifier}"


# The fields of a service that its editors change (and others suggest changes to).
SERVICE_FIELDS = [
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "url",
    "email",
    "status",
    "fees",
    "minimum_age",
    "maximum_age",
]


class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    # Not indexed alone: the (organisation, status) index serves it.
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("organisation"),
        db_index=False,
    )
    name_en, name_cy = bilingual_char(_("Name (English)"), _("Name (Welsh)"), 200)
    name = Localised("name")
    description_en = models.TextField(_("Description (English)"), blank=True)
    description_cy = models.TextField(_("Description (Welsh)"), blank=True)
    description = Localised("description")
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    fees = models.TextField(_("fees"), blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    assured_date = models.DateField(_("assured on"), null=True, blank=True)
    assurer_email = models.EmailField(_("assurer email address"), blank=True)
    alert = models.TextField(_("alert"), blank=True)
    last_modified = models.DateTimeField(_("last modified"), default=timezone.now)
    themes = models.ManyToManyField("core.Theme", blank=True, verbose_name=_("themes"))
    # The organisation's consent to public listing, copied here so that public searches of
    # half a million services need no join (kept in step by save() and a post_save signal
    # on Organisation, see signals.py).
    listed = models.BooleanField(default=False, editable=False)
    # Kept up to date by search.reindex from the service's names and descriptions, its
    # organisation's names and its terms. PostgreSQL only (NULL on SQLite, which uses an
    # FTS5 table instead).
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["search_vector", "listed"],
        no_db_index=["organisation"],
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            # With ``listed``, counting an organisation's public services reads this alone.
            models.Index(fields=["organisation", "status", "listed"]),
            models.Index(fields=["last_modified"]),
            models.Index(fields=["name_en"]),
            # Public lists in name order read their page's ids from this index alone.
            models.Index(
                fields=["name_en", "id"],
                condition=models.Q(listed=True),
                name="directory_service_listed_idx",
            ),
            # A distance search probes each service near the point for whether it is public,
            # and for its name: this answers the probe without reading the service's row.
            models.Index(
                fields=["id"],
                include=["listed", "status", "name_en"],
                name="directory_service_probe_idx",
            ),
            # Counts of public services, whole or by status and age, read this index alone:
            # its few distinct keys deduplicate to a few MB for half a million services, so
            # counting it is several times quicker than counting the name index.
            models.Index(
                fields=["status", "maximum_age", "minimum_age"],
                condition=models.Q(listed=True),
                name="directory_service_counts_idx",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.listed = self.organisation.public_listing
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:service", args=[self.pk])


class Location(models.Model):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location_type = models.CharField(max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name or str(self.pk)


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(_("address"), max_length=200)
    city = models.CharField(_("town or city"), max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(_("county"), max_length=100)
    postal_code = models.CharField(_("postcode"), max_length=20)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=20, default="physical")
    history = HistoricalRecords(no_db_index=["location"])

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city} {self.postal_code}"


class Accessibility(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    accessibility = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["location"])

    def __str__(self) -> str:
        return self.description[:50] or str(self.pk)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    history = HistoricalRecords(no_db_index=["service", "location"])

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Schedule(models.Model):
    """When a service is open: the RFC 5545 subset ORUK uses (weekly or monthly rules)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=50, blank=True)
    bymonthday = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["service", "service_at_location"])

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at}-{self.closes_at}"

    def in_words(self) -> str:
        """ "Monday, Wednesday and Friday, 10am to 2pm", in the reader's language."""
        return dates.opening_times(self.byday, self.opens_at, self.closes_at)


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    history = HistoricalRecords(no_db_index=["service"])

    def __str__(self) -> str:
        return self.name or str(self.pk)


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("phone number"), max_length=50)
    description = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["contact", "service"])

    def __str__(self) -> str:
        return self.number


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["service", "phone"])

    def __str__(self) -> str:
        return self.name or self.code or str(self.pk)


class Funding(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    source = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["service"])

    def __str__(self) -> str:
        return self.source[:50] or str(self.pk)


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    amount_description = models.TextField(blank=True)
    history = HistoricalRecords(no_db_index=["service"])

    def __str__(self) -> str:
        return self.option[:50] or str(self.pk)


class ServiceArea(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="service_areas"
    )
    name = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.CharField(max_length=500, blank=True)
    service_area = models.TextField(blank=True)
    # The local authority area this entry names, when it names one: the "area" filter.
    area = models.ForeignKey("core.Area", on_delete=models.SET_NULL, null=True, blank=True)
    history = HistoricalRecords(no_db_index=["service", "area"])

    def __str__(self) -> str:
        return self.name[:50] or str(self.pk)


class Attribute(models.Model):
    """Links a taxonomy term to a record (a service, organisation, location...)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    link_id = models.UUIDField(db_index=True)
    link_type = models.CharField(max_length=50, blank=True)
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    history = HistoricalRecords(no_db_index=["taxonomy_term", "link_id"])

    def __str__(self) -> str:
        return f"{self.taxonomy_term_id} → {self.link_id}"


class Postcode(models.Model):
    """A postcode and its centre, loaded from CSV (see docs/directory.md)."""

    postcode = models.CharField(max_length=8, primary_key=True)  # normalised: no space
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return self.postcode


class Suggestion(models.Model):
    """A change to a service proposed by someone who may not edit it, awaiting review."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="suggestions")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changes = models.JSONField(_("proposed changes"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(no_db_index=["service", "proposed_by", "reviewed_by"])

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("suggested change")
        verbose_name_plural = _("suggested changes")

    def __str__(self) -> str:
        return f"Suggestion {self.pk} for {self.service_id}"

    def labelled_changes(self) -> list[tuple[str, Any]]:
        """Each proposed change under the field's name as people read it ("Fees", not "fees")."""
        labels = {
            f.name: capfirst(str(getattr(f, "verbose_name", f.name)))
            for f in Service._meta.get_fields()
        }
        return [(labels.get(name, name), value) for name, value in self.changes.items()]


class SearchWord(models.Model):
    """Every word in the search index: the vocabulary that misspelt words are matched to
    on PostgreSQL (SQLite uses its FTS5 vocabulary table)."""

    word = models.CharField(max_length=100, primary_key=True)

    def __str__(self) -> str:
        return self.word
