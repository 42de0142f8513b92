"""Every change to core records goes through one of these functions.

Each checks permission, writes inside one transaction, records history (who, when, what)
and emits the domain event. Views and API endpoints call these; they never save models.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import models, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commonground.core import event_types
from commonground.core.events import Event, emit, emit_many
from commonground.core.history import save_with_history
from commonground.core.models import Membership, Organisation, User
from commonground.core.permissions import require
from commonground.core.queries import unique_slug

M2M_FIELDS = ("themes", "beneficiary_groups", "areas_served")


@transaction.atomic
def create_organisation(actor: User, data: dict[str, Any]) -> Organisation:
    """Add an organisation to the register (staff only)."""
    require(actor, "core.view_staff_pages")
    fields = {k: v for k, v in data.items() if k not in M2M_FIELDS}
    organisation = Organisation(**fields)
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name_en)
    organisation.full_clean()
    m2m = {k: v for k, v in data.items() if k in M2M_FIELDS}
    save_with_history(organisation, actor, "Created", m2m)
    emit(event_types.OrganisationCreated(subject=organisation), actor=actor)
    return organisation


@transaction.atomic
def import_organisations(
    actor: User | None,
    new: Sequence[dict[str, Any]],
    changed: Sequence[tuple[Organisation, dict[str, Any]]],
    reason: str,
) -> list[Organisation]:
    """Write many organisations at once for an import: ``new`` ones from their field values,
    and ``changed`` ones with their new values. Returns the new ones, in order. ``actor``
    ``None`` is the system path (the command line).

    Bulk statements keep a national-scale import fast; each organisation still gets its
    history row and its own ``OrganisationCreated`` or ``OrganisationUpdated`` event, so the
    log can be counted by organisation and area like any other change to the register.
    """
    if actor is not None:
        require(actor, "core.import_organisations")
    created = bulk_create_with_history(
        [Organisation(**values) for values in new],
        Organisation,
        batch_size=1000,
        default_user=actor,
        default_change_reason=reason,
    )
    updates = []
    for organisation, values in changed:
        names = [k for k, v in values.items() if getattr(organisation, k) != v]
        for name in names:
            setattr(organisation, name, values[name])
        if names:
            updates.append((organisation, names))
    if updates:
        bulk_update_with_history(
            [o for o, _ in updates],
            Organisation,
            sorted({name for _, names in updates for name in names}),
            batch_size=1000,
            default_user=actor,
            default_change_reason=reason,
        )
    events: list[Event] = [event_types.OrganisationCreated(subject=o) for o in created]
    events += [
        event_types.OrganisationUpdated(subject=o, changed_fields=names) for o, names in updates
    ]
    emit_many(events, actor=actor)
    return list(created)


def _current_values(organisation: Organisation, names: Iterable[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        if name in M2M_FIELDS:
            values[name] = set(getattr(organisation, name).values_list("pk", flat=True))
        else:
            values[name] = getattr(organisation, name)
    return values


def _as_comparable(name: str, value: Any) -> Any:
    if name in M2M_FIELDS:
        return {v.pk if isinstance(v, models.Model) else v for v in value}
    return value


@transaction.atomic
def update_organisation(actor: User, organisation: Organisation, data: dict[str, Any]) -> list[str]:
    """Apply ``data`` (field name to new value) and return the names of fields that changed.

    Compares with the stored row (a form may already have changed ``organisation`` in
    memory). Raises ``ValidationError`` without writing anything if the result is invalid.
    """
    require(actor, "core.change_organisation", organisation)
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    return _apply(actor, stored, data, reason="Edited", event=None)


def _apply(
    actor: User,
    organisation: Organisation,
    data: dict[str, Any],
    reason: str,
    event: type[event_types.OrganisationRestored] | None,
    history_id: int = 0,
) -> list[str]:
    before = _current_values(organisation, data)
    changed = [n for n, v in data.items() if _as_comparable(n, v) != before[n]]
    if not changed:
        return []
    for name in changed:
        if name not in M2M_FIELDS:
            setattr(organisation, name, data[name])
    organisation.full_clean()
    m2m = {n: data[n] for n in changed if n in M2M_FIELDS}
    save_with_history(organisation, actor, f"{reason}: {', '.join(changed)}", m2m)
    if event is None:
        emit(
            event_types.OrganisationUpdated(subject=organisation, changed_fields=changed),
            actor=actor,
        )
    else:
        emit(event(subject=organisation, history_id=history_id), actor=actor)
    return changed


@transaction.atomic
def restore_organisation(actor: User, organisation: Organisation, history_id: int) -> list[str]:
    """Put the organisation back as it was in the given history entry."""
    require(actor, "core.restore_organisation", organisation)
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    record = stored.history.get(history_id=history_id)
    old = record.instance
    data: dict[str, Any] = {
        f.attname: getattr(old, f.attname)
        for f in Organisation._meta.concrete_fields
        if f.attname not in {"id", "created_at", "updated_at"}
    }
    for name in M2M_FIELDS:
        data[name] = set(getattr(record, name).values_list(_m2m_target(name), flat=True))
    return _apply(
        actor,
        stored,
        data,
        reason=f"Restored version {history_id}",
        event=event_types.OrganisationRestored,
        history_id=history_id,
    )


def _m2m_target(m2m_name: str) -> str:
    """The column of the historical m2m table that points at the related row."""
    field = Organisation._meta.get_field(m2m_name)
    return field.m2m_reverse_field_name()  # type: ignore[union-attr]


@transaction.atomic
def join_infrastructure_body(
    actor: User,
    organisation: Organisation,
    infrastructure_body: Organisation,
    engagement_level: str,
    joined_on: date,
) -> Membership:
    """Record that an organisation joined its area's CVC or CVS at an engagement level."""
    require(actor, "core.change_organisation", infrastructure_body)
    membership = Membership(
        organisation=organisation,
        infrastructure_body=infrastructure_body,
        engagement_level=engagement_level,
        joined_on=joined_on,
    )
    membership.full_clean()
    save_with_history(membership, actor, "Joined")
    emit(
        event_types.OrganisationJoined(
            subject=organisation,
            infrastructure_body=infrastructure_body,
            engagement_level=engagement_level,
        ),
        actor=actor,
    )
    return membership


def set_preferred_language(user: User, language: str) -> None:
    """Record the language the user reads pages, emails and digests in."""
    if language not in User.Language.values:
        raise ValueError(language)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
