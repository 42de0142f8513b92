"""Every change to core records goes through one of these functions.

Each checks permission, writes inside one transaction, records history (who, when, what)
and emits the domain event. Views and API endpoints call these; they never save models.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.text import slugify

from commonground.core import event_types
from commonground.core.events import emit
from commonground.core.models import Membership, Organisation, User
from commonground.core.permissions import require

M2M_FIELDS = ("themes", "beneficiary_groups", "areas_served")


def unique_slug(name: str, model: type[models.Model] = Organisation) -> str:
    """A URL slug for ``name`` that no other row of ``model`` uses."""
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save_with_history(
    organisation: Organisation, actor: User | None, reason: str, m2m: dict[str, Iterable[Any]]
) -> None:
    """Save fields and many-to-many values as a single history entry."""
    organisation._history_user = actor  # type: ignore[attr-defined]
    organisation._change_reason = reason  # type: ignore[attr-defined]
    if m2m:
        # m2m changes would each write their own history row; write one, after them.
        organisation.skip_history_when_saving = True  # type: ignore[attr-defined]
        if organisation.pk is None:
            organisation.save()
        for name, values in m2m.items():
            getattr(organisation, name).set(values)
        del organisation.skip_history_when_saving  # type: ignore[attr-defined]
    organisation.save()


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
    _save_with_history(organisation, actor, "Created", m2m)
    emit(event_types.OrganisationCreated(subject=organisation), actor=actor)
    return organisation


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
    _save_with_history(organisation, actor, f"{reason}: {', '.join(changed)}", m2m)
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
    membership._history_user = actor  # type: ignore[attr-defined]
    membership.save()
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


def may_restore(actor: User, model: type[models.Model]) -> bool:
    """Restoring any record from its history is for the site's staff (who use the admin
    site) with the right to change that kind of record; organisations have their own page."""
    opts = model._meta
    return bool(actor.is_staff and actor.has_perm(f"{opts.app_label}.change_{opts.model_name}"))


@transaction.atomic
def restore_record(actor: User, record: models.Model, history_id: int) -> None:
    """Put ``record`` back as it was in the given history entry, as a new entry of its own."""
    model = type(record)
    if not may_restore(actor, model):
        raise PermissionDenied(f"{model._meta.label}.restore")
    stored = model._default_manager.select_for_update().get(pk=record.pk)
    old = stored.history.get(history_id=history_id).instance  # type: ignore[attr-defined]
    for field in model._meta.concrete_fields:
        if (
            field.primary_key
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        ):
            continue
        setattr(stored, field.attname, getattr(old, field.attname))
    stored._history_user = actor  # type: ignore[attr-defined]
    stored._change_reason = f"Restored version {history_id}"  # type: ignore[attr-defined]
    stored.full_clean(validate_unique=True, validate_constraints=True)
    stored.save()
    emit(
        event_types.RecordRestored(
            model=model._meta.label, record_id=str(stored.pk), history_id=history_id
        ),
        actor=actor,
    )
