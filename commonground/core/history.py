"""Saving or deleting a record with its history entry: the one way every app's verbs do it.

django-simple-history reads who made the change and why from attributes on the instance;
this sets them and saves, so the history row names the actor (``None`` for the platform)
and the reason.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models


def _set_actor(obj: models.Model, actor: Any, reason: str) -> None:
    obj._history_user = actor if actor is not None and actor.is_authenticated else None  # type: ignore[attr-defined]
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]


def save_with_history(
    obj: models.Model,
    actor: Any,
    reason: str = "",
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> None:
    """Save ``obj`` as one history entry by ``actor`` (a signed-out or absent actor is the
    platform), with its many-to-many values ``m2m`` set in the same entry."""
    _set_actor(obj, actor, reason)
    if m2m:
        # Setting m2m values would each write their own history row; write one, after them.
        obj.skip_history_when_saving = True  # type: ignore[attr-defined]
        if obj.pk is None:
            obj.save()
        for name, values in m2m.items():
            getattr(obj, name).set(values)
        del obj.skip_history_when_saving  # type: ignore[attr-defined]
    obj.save()


def delete_with_history(obj: models.Model, actor: Any, reason: str = "") -> None:
    """Delete ``obj``, its history's last entry naming ``actor`` and the reason."""
    _set_actor(obj, actor, reason)
    obj.delete()
