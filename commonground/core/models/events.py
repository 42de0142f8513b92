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


class ActorKind(models.TextChoices):
    """Whether a signed-in person made the change or the platform did (a task, an import)."""

    PERSON = "person", _("person")
    SYSTEM = "system", _("system")


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
    # What the event is about ("app_label.model" and its key) and who did it, so that
    # monitoring can count, say, every seat holding that started in an area by any route.
    subject_type = models.CharField(_("subject type"), max_length=80, blank=True, default="")
    subject_id = models.CharField(_("subject id"), max_length=40, blank=True, default="")
    actor_kind = models.CharField(
        _("actor kind"), max_length=10, choices=ActorKind.choices, default=ActorKind.SYSTEM
    )

    objects = DomainEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("domain event")
        verbose_name_plural = _("domain events")
        indexes = [
            models.Index(fields=["type", "occurred_at"]),
            models.Index(fields=["area", "type", "occurred_at"]),
            models.Index(fields=["organisation", "type", "occurred_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.type} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Domain events cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Domain events cannot be deleted.")
