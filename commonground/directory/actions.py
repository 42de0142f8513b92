"""Every change to the directory goes through one of these verbs.

Each checks permission, writes inside one transaction, keeps history and emits the domain
event. Views, API endpoints and management commands call these; they never save models.
"""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from commonground.core import actions as core_actions
from commonground.core.events import emit
from commonground.core.history import save_with_history
from commonground.core.models import Area, Organisation, User
from commonground.core.permissions import require
from commonground.directory import event_types, oruk_records, search
from commonground.directory.models import (
    SERVICE_FIELDS,
    Attribute,
    Service,
    Suggestion,
)
from commonground.interop.charity_commission import Charity
from commonground.interop.oruk import Problem, Tables

M2M = ("themes", "terms")


def _set_terms(service: Service, terms: list[Any]) -> None:
    wanted = {uuid.UUID(str(getattr(t, "pk", t))) for t in terms}
    current = set(
        Attribute.objects.filter(link_id=service.pk).values_list("taxonomy_term_id", flat=True)
    )
    Attribute.objects.filter(link_id=service.pk, taxonomy_term_id__in=current - wanted).delete()
    for term_id in wanted - current:
        Attribute.objects.create(link_id=service.pk, link_type="service", taxonomy_term_id=term_id)


def _comparable(name: str, value: Any) -> Any:
    if name in M2M:
        return {str(getattr(v, "pk", v)) for v in value}
    return value


def _current(service: Service, name: str) -> Any:
    if name == "themes":
        return set(service.themes.values_list("pk", flat=True))
    if name == "terms":
        return set(
            Attribute.objects.filter(link_id=service.pk).values_list("taxonomy_term_id", flat=True)
        )
    return getattr(service, name)


@transaction.atomic
def create_service(actor: User, organisation: Organisation, data: dict[str, Any]) -> Service:
    """Add a service to an organisation's entry."""
    require(actor, "directory.add_service", organisation)
    service = Service(organisation=organisation, last_modified=timezone.now())
    for name in SERVICE_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    service.full_clean()
    save_with_history(service, actor, "Created")
    service.themes.set(data.get("themes", []))
    _set_terms(service, list(data.get("terms", [])))
    oruk_records.ensure_profiles([organisation])
    search.reindex([service.pk])
    emit(
        event_types.ServiceCreated(subject=service.organisation, service_id=str(service.pk)),
        actor=actor,
    )
    return service


def _apply(actor: User, service: Service, data: dict[str, Any], reason: str) -> list[str]:
    changed = [
        n for n, v in data.items() if _comparable(n, v) != _comparable(n, _current(service, n))
    ]
    if not changed:
        return []
    for name in changed:
        if name not in M2M:
            setattr(service, name, data[name])
    service.last_modified = timezone.now()
    service.full_clean()
    if "themes" in changed:
        service.themes.set(data["themes"])
    if "terms" in changed:
        _set_terms(service, list(data["terms"]))
    save_with_history(service, actor, f"{reason}: {', '.join(changed)}")
    search.reindex([service.pk])
    emit(
        event_types.ServiceUpdated(
            subject=service.organisation, service_id=str(service.pk), changed_fields=changed
        ),
        actor=actor,
    )
    return changed


@transaction.atomic
def update_service(actor: User, service: Service, data: dict[str, Any]) -> list[str]:
    """Apply ``data`` (field name to value) and return the fields that changed."""
    require(actor, "directory.change_service", service)
    stored = Service.objects.select_for_update().get(pk=service.pk)
    return _apply(actor, stored, data, "Edited")


def _serialisable(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in data.items():
        if name in M2M:
            out[name] = sorted(str(getattr(v, "pk", v)) for v in value)
        else:
            out[name] = value
    return out


@transaction.atomic
def suggest_change(
    actor: User, service: Service, data: dict[str, Any], note: str = ""
) -> Suggestion:
    """Propose a change for the organisation's admins or infrastructure staff to review."""
    require(actor, "directory.suggest_change")
    service = Service.objects.get(pk=service.pk)  # a form may have changed it in memory
    current = {n: _comparable(n, _current(service, n)) for n in data}
    changes = {n: v for n, v in data.items() if _comparable(n, v) != current[n]}
    if not changes:
        raise ValidationError(
            "Nothing to suggest: the values are the same as now.", code="no_change"
        )
    suggestion = Suggestion(
        service=service, proposed_by=actor, changes=_serialisable(changes), note=note
    )
    save_with_history(suggestion, actor)
    emit(event_types.ChangeSuggested(suggestion=suggestion), actor=actor)
    return suggestion


@transaction.atomic
def review_suggestion(actor: User, suggestion: Suggestion, accept: bool) -> list[str]:
    """Accept (apply the change) or reject a pending suggestion."""
    require(actor, "directory.review_suggestion", suggestion)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError("This suggestion has already been reviewed.", code="reviewed")
    changed: list[str] = []
    if accept:
        data: dict[str, Any] = dict(suggestion.changes)
        service = Service.objects.select_for_update().get(pk=suggestion.service_id)
        changed = _apply(actor, service, data, f"Suggestion {suggestion.pk} accepted")
    suggestion.status = Suggestion.Status.ACCEPTED if accept else Suggestion.Status.REJECTED
    suggestion.reviewed_by = actor
    suggestion.reviewed_at = timezone.now()
    save_with_history(suggestion, actor)
    emit(event_types.SuggestionReviewed(suggestion=suggestion, accepted=accept), actor=actor)
    return changed


class ImportFailed(Exception):
    """Nothing was written; ``problems`` lists every bad row and field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@transaction.atomic
def import_oruk(actor: User | None, tables: Tables, area: Area, source: str) -> dict[str, int]:
    """Import ORUK rows, all or nothing. ``actor`` ``None`` is the command line (trusted)."""
    if actor is not None:
        require(actor, "directory.import")
    reason = f"Imported from {source}"[:100]
    counts, problems = oruk_records.write_tables(tables, area, actor, reason)
    if problems:
        raise ImportFailed(problems)  # and the transaction takes back what was written
    emit(event_types.DirectoryImported(source=source, counts=counts), actor=actor)
    return counts


@transaction.atomic
def import_charities(
    actor: User | None, charities: list[Charity], area: Area, problems: list[Problem] | None = None
) -> dict[str, int]:
    """Create or update organisations from the Charity Commission extract, keyed on
    their charity number (``GB-CHC-…``); all or nothing."""
    if actor is not None:
        require(actor, "directory.import")
    if problems:
        raise ImportFailed(problems)
    existing = {
        o.identifier: o
        for o in Organisation.objects.filter(identifier__in=[c.identifier for c in charities])
    }
    new: list[dict[str, Any]] = []
    changed: list[tuple[Organisation, dict[str, Any]]] = []
    for charity in charities:
        values = {
            "name_en": charity.name[:200],
            "description_en": charity.activities[:2000],
            "email": charity.email[:254],
            "website": charity.website[:200],
            "phone": charity.phone[:30],
            "postcode": charity.postcode[:10],
            "income_band": Organisation.IncomeBand.for_income(charity.income),
            "founded_on": charity.registered_on,
        }
        organisation = existing.get(charity.identifier)
        if organisation is None:
            new.append(
                {
                    "slug": f"{slugify(charity.name)[:80] or 'charity'}-{charity.registered_number}",
                    "kind": Organisation.Kind.THIRD_SECTOR,
                    "legal_form": Organisation.LegalForm.CIO
                    if charity.is_cio
                    else Organisation.LegalForm.OTHER,
                    "identifier": charity.identifier,
                    "area": area,
                    "public_listing": True,
                    "constituted": True,
                    **values,
                }
            )
        elif any(getattr(organisation, k) != v for k, v in values.items()):
            changed.append((organisation, values))
    created = core_actions.import_organisations(
        actor, new, changed, "Imported from the Charity Commission register"
    )
    oruk_records.ensure_profiles([*created, *(o for o, _ in changed)])
    updated = len(changed)
    created_count = len(created)
    counts = {
        "created": created_count,
        "updated": updated,
        "unchanged": len(charities) - created_count - updated,
    }
    emit(event_types.DirectoryImported(source="charity-commission", counts=counts), actor=actor)
    return counts
