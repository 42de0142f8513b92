from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Domain events are facts: once written they are never changed or deleted."""


class DomainEventQuerySet(models.QuerySet["DomainEvent"]):
    def of_type(self, *types: str) -> "DomainEventQuerySet":
        return self.filter(type__in=types)

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Domain events cannot be updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Domain events cannot be deleted.")


class DomainEvent(models.Model):
    """One thing that happened, as written by ``commonground.core.events.emit``.

    Indexed by type, area, organisation and time so that programme monitoring can count
    evidence straight from this log.
    """

    type = models.CharField(_("type"), max_length=80, db_index=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    payload = models.JSONField(_("payload"), default=dict)

    objects = DomainEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("domain event")
        verbose_name_plural = _("domain events")
        indexes = [
            models.Index(fields=["type", "occurred_at"]),
            models.Index(fields=["area", "type", "occurred_at"]),
            models.Index(fields=["organisation", "type", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.type} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Domain events cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Domain events cannot be deleted.")
