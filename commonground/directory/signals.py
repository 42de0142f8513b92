"""Keeping ``Service.listed`` equal to its organisation's consent to public listing.

A signal rather than a domain event: the copy must change in the same transaction as the
organisation, whichever path saved it (actions, restore from history, the admin).
"""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from commonground.core.models import Organisation
from commonground.directory.models import Service


@receiver(post_save, sender=Organisation, dispatch_uid="directory.sync_listed")
def sync_listed(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    Service.objects.filter(organisation=instance).exclude(listed=instance.public_listing).update(
        listed=instance.public_listing
    )
