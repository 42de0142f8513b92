from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.core.models.events import AppendOnlyError


class BulkJSONField(models.JSONField):
    """A JSON field that bulk inserts as rows of values, not as arrays.

    Django's PostgreSQL backend bulk inserts through ``UNNEST(arrays)`` unless a field has
    ``get_placeholder``; for large JSON documents psycopg's escaping of the text arrays
    in Python then costs more than the whole merge (measured in bench/ocds_import.py).
    """

    def get_placeholder(self, value: Any, compiler: Any, connection: Any) -> str:
        return "%s"


class OcdsRelease(models.Model):
    """A release exactly as received. Append-only: a correction is a new release."""

    ocid = models.CharField(max_length=200, db_index=True)
    release_id = models.CharField(max_length=200)
    date = models.CharField(max_length=40)
    digest = models.CharField(
        max_length=64, unique=True, help_text=_("SHA-256 of the release's canonical JSON.")
    )
    data = BulkJSONField()
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ocid", "date", "release_id"]
        verbose_name = _("OCDS release")
        verbose_name_plural = _("OCDS releases")

    def __str__(self) -> str:
        return f"{self.ocid} {self.release_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("OCDS releases are never changed once stored.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("OCDS releases are never deleted.")


class OcdsRecord(models.Model):
    """The compiled and versioned release of one ocid, rebuilt from all its releases."""

    ocid = models.CharField(max_length=200, unique=True)
    compiled = BulkJSONField()
    versioned = BulkJSONField()
    release_count = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ocid"]
        verbose_name = _("OCDS record")
        verbose_name_plural = _("OCDS records")

    def __str__(self) -> str:
        return self.ocid


class UnmatchedSupplier(models.Model):
    """A supplier in an OCDS award that is not (yet) linked to an organisation in the directory."""

    ocid = models.CharField(max_length=200)
    party_id = models.CharField(max_length=200)
    name = models.CharField(_("name"), max_length=300)
    identifier = models.CharField(_("identifier"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ocid", "party_id"], name="unique_unmatched_supplier")
        ]
        verbose_name = _("unmatched supplier")
        verbose_name_plural = _("unmatched suppliers")

    def __str__(self) -> str:
        return self.name
