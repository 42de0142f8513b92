"""Keeping what services copy from their organisation in step with it: ``Service.listed``
(its consent to public listing) and the organisation's themes in the search index.

Signals rather than domain events: the copies must change in the same transaction as the
organisation, whichever path saved it (actions, restore from history, the admin).
"""

from typing import Any

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from commonground.core.models import Organisation
from commonground.directory import search
from commonground.directory.models import Service


@receiver(post_save, sender=Organisation, dispatch_uid="directory.sync_listed")
def sync_listed(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    Service.objects.filter(organisation=instance).exclude(listed=instance.public_listing).update(
        listed=instance.public_listing
    )


@receiver(m2m_changed, sender=Organisation.themes.through, dispatch_uid="directory.reindex_themes")
def reindex_themes(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[Any] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    organisations = [instance.pk] if not reverse else list(pk_set or [])
    search.reindex(
        Service.objects.filter(organisation_id__in=organisations).values_list("pk", flat=True)
    )
