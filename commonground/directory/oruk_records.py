"""Between the database and ORUK tables (see ``commonground.interop.oruk``).

:func:`export_tables` reads the directory as ORUK rows; :func:`write_tables` upserts rows
keyed on their ORUK ids, and keeps the text index in step. Permission, transaction and
events are the caller's (``actions.import_oruk``); this module converts and writes, except
organisations, which are core's records and go through its bulk verb (with their events).
"""

import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.text import slugify

from commonground.core import actions as core_actions
from commonground.core import identifiers
from commonground.core.models import Area, Organisation
from commonground.directory import bulk, search
from commonground.directory import models as m
from commonground.interop.oruk.tables import (
    TABLES,
    WHERE,
    Problem,
    Row,
    Tables,
    check_value,
    defined_ids,
    empty_tables,
    validate_table,
)

# ORUK table -> (model, {oruk field: model attname}) for tables stored one to one.
_DIRECT: dict[str, tuple[type[models.Model], dict[str, str]]] = {
    "taxonomies": (m.Taxonomy, {}),
    "taxonomy_terms": (
        m.TaxonomyTerm,
        {
            "name": "name_en",
            "parent_id": "parent_id_ref",
            "taxonomy": "taxonomy_name",
            "term": "code",
        },
    ),
    "organization_identifiers": (m.OrganisationIdentifier, {"organization_id": "profile_id"}),
    "services": (
        m.Service,
        {"organization_id": "organisation_id", "name": "name_en", "description": "description_en"},
    ),
    "locations": (m.Location, {}),
    "addresses": (m.Address, {}),
    "accessibility": (m.Accessibility, {}),
    "service_at_locations": (m.ServiceAtLocation, {}),
    "schedules": (m.Schedule, {}),
    "contacts": (m.Contact, {}),
    "phones": (m.Phone, {}),
    "languages": (m.Language, {}),
    "funding": (m.Funding, {}),
    "cost_options": (m.CostOption, {}),
    "service_areas": (m.ServiceArea, {}),
    "attributes": (m.Attribute, {}),
}


def _attname(table: str, column: str) -> str:
    return _DIRECT[table][1].get(column, column)


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """The function that turns an ORUK value (JSON or CSV text) into ``field``'s Python
    value; chosen once per column, since an import converts hundreds of thousands."""
    blank = None if field.null or not isinstance(field, models.CharField | models.TextField) else ""
    # UUIDs stay text: validation has checked them, and the database casts them.
    parse = (
        str
        if field.is_relation or isinstance(field, models.UUIDField)
        else next((p for kind, p in _PARSERS if isinstance(field, kind)), _identity)
    )

    def convert(value: Any) -> Any:
        return blank if value is None or value == "" else parse(value)

    return convert


def _identity(value: Any) -> Any:
    return value


def _datetime(value: Any) -> datetime:
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _date(value: Any) -> date:
    return date.fromisoformat(str(value)[:10])


def _time(value: Any) -> time:
    return time.fromisoformat(str(value))


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


# Field class -> parser; the first that fits wins (a DateTimeField is a DateField too).
_PARSERS: list[tuple[type[models.Field[Any, Any]], Callable[[Any], Any]]] = [
    (models.DateTimeField, _datetime),
    (models.DateField, _date),
    (models.TimeField, _time),
    (models.DecimalField, _decimal),
    (models.IntegerField, int),
    (models.FloatField, float),
]


def _to_json(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _too_long(table: str, rows: list[Row]) -> list[Problem]:
    """Values longer than their column can hold: caught here, not by the database."""
    problems = []
    limits = _LIMITS.get(table, {})
    for n, row in enumerate(rows):
        for column, value in row.items():
            limit = limits.get(column)
            if limit and isinstance(value, str) and len(value) > limit:
                where = row.get(WHERE) or f"{TABLES[table].filename} row {n + 2}"
                problems.append(Problem(where, column, "too_long", str(limit)))
    return problems


def _limits() -> dict[str, dict[str, int]]:
    """ORUK table -> {column: the most characters its field holds}."""
    limits: dict[str, dict[str, int]] = {
        "organizations": {"name": 200, "description": 2000, "email": 254, "website": 200}
    }
    for table, (model, _mapping) in _DIRECT.items():
        for column in TABLES[table].fields:
            field = model._meta.get_field(_attname(table, column))
            if isinstance(field, models.UUIDField) or field.is_relation:
                continue
            max_length = getattr(field, "max_length", None)
            if max_length:
                limits.setdefault(table, {})[column] = max_length
    return limits


_LIMITS = _limits()


def known_ids(tables: Tables) -> dict[str, set[str]]:
    """Ids that rows refer to, that the file itself does not define, and that are stored."""
    wanted: dict[str, set[str]] = {}
    for name, spec in TABLES.items():
        for column, target in spec.references.items():
            for row in tables.get(name, []):
                value = row.get(column)
                if isinstance(value, str):
                    wanted.setdefault(target, set()).add(value)
    found: dict[str, set[str]] = {}
    for target, values in wanted.items():
        values -= {row.get("id") for row in tables.get(target, [])}
        valid = []
        for v in values:
            try:
                valid.append(uuid.UUID(v))
            except ValueError:
                continue
        model = m.OrganisationProfile if target == "organizations" else _DIRECT[target][0]
        found[target] = {str(pk) for pk in bulk.stored_ids(model, valid)}
    return found


# Attributes (which name their records by id, with no foreign key) go before services, so
# that a service's text index, filled as it is written, holds its taxonomy terms.
_WRITE_ORDER = [
    name
    for table in TABLES
    if table != "attributes"
    for name in (["attributes", table] if table == "services" else [table])
]


def write_tables(
    tables: Tables, area: Area, actor: Any, reason: str
) -> tuple[dict[str, int], list[Problem]]:
    """Check and upsert every table, and index the services; the counts written, and
    every problem found. A table is written only once it, and every table before it, has
    been found sound; when there are problems the caller must roll back what was written."""
    defined, known = defined_ids(tables), known_ids(tables)

    def check(table: str) -> list[Problem]:
        rows = tables.get(table, [])
        return validate_table(table, rows, defined, known) + _too_long(table, rows)

    order = [table for table in _WRITE_ORDER if table != "organizations"]
    problems = check("organizations")
    if problems:
        return {}, problems + [problem for table in order for problem in check(table)]
    profiles = _write_organisations(tables.get("organizations", []), area, actor, reason)
    counts = {"organizations": len(tables.get("organizations", []))}
    org_of_profile = dict(
        m.OrganisationProfile.objects.filter(
            pk__in={
                uuid.UUID(r["organization_id"])
                for r in tables.get("services", [])
                if isinstance(r.get("organization_id"), str)
                and not check_value("uuid", r["organization_id"])
            }
        ).values_list("pk", "organisation_id")
    )
    org_of_profile.update(profiles)
    listing = dict(
        Organisation.objects.filter(pk__in=set(org_of_profile.values())).values_list(
            "pk", "public_listing"
        )
    )

    def checked(table: str) -> tuple[list[Problem], dict[frozenset[str], list[dict[str, Any]]]]:
        found = check(table)
        if found:
            return found, {}
        return found, _converted(table, tables.get(table, []), org_of_profile, listing)

    indexed = search.index_on_write()
    # Checking and converting are pure Python, so a worker does them for the next tables
    # while the database writes this one (psycopg lets go of the interpreter as it waits).
    with ThreadPoolExecutor(max_workers=1) as worker:
        for table, job in [(table, worker.submit(checked, table)) for table in order]:
            found, groups = job.result()
            problems += found
            if problems:
                continue
            model = _DIRECT[table][0]
            derived = (
                bulk.Derived(search.INDEX_COLUMNS, search.index_staged)
                if table == "services" and indexed
                else None
            )
            for columns, rows in groups.items():
                # A service the file gives no time last modified is stamped when it changes.
                stamp = "last_modified" if table == "services" else None
                bulk.upsert(model, rows, columns, actor, reason, derived, stamp)
            counts[table] = len(tables.get(table, []))
    if problems:
        return counts, problems
    # Services not indexed as they were written, and those whose terms alone changed.
    services = {r["id"] for r in tables.get("services", [])}
    stale = {r["link_id"] for r in tables.get("attributes", []) if r.get("link_id")} - services
    search.reindex(sorted(stale if indexed else stale | services))
    return counts, []


def _converted(
    table: str, rows: list[Row], org_of_profile: dict[Any, int], listing: dict[int, bool]
) -> dict[frozenset[str], list[dict[str, Any]]]:
    """A table's ORUK rows as model values, grouped by the fields they set (a row leaves
    out what it does not know, and an update keeps those fields as they are)."""
    model = _DIRECT[table][0]
    converters = {
        column: (attname, _converter(model._meta.get_field(attname)))  # type: ignore[arg-type]
        for column in TABLES[table].fields
        for attname in [_attname(table, column)]
    }
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        values = {}
        for column, value in row.items():
            known = converters.get(column)
            if known is not None:
                values[known[0]] = known[1](value)
        if table == "services":
            organisation = org_of_profile[uuid.UUID(values["organisation_id"])]
            values["organisation_id"] = organisation
            values["listed"] = listing[organisation]
        groups.setdefault(frozenset(values), []).append(values)
    return groups


def _write_organisations(
    rows: list[Row], area: Area, actor: Any, reason: str
) -> dict[uuid.UUID, int]:
    """Create or update core organisations and their profiles; profile id -> organisation pk."""
    if not rows:
        return {}
    ids = [uuid.UUID(r["id"]) for r in rows]
    existing = {
        p.pk: p
        for p in m.OrganisationProfile.objects.filter(pk__in=ids).select_related("organisation")
    }
    new_orgs: list[dict[str, Any]] = []
    changed_orgs: list[tuple[Organisation, dict[str, Any]]] = []
    profiles: list[tuple[Organisation | int, dict[str, Any]]] = []
    for row in rows:
        pk = uuid.UUID(row["id"])
        profile = existing.get(pk)
        values = {
            "name_en": row["name"],
            "description_en": row.get("description") or "",
            "email": row.get("email") or "",
            "website": row.get("website") or "",
        }
        if profile is None:
            new_orgs.append(
                {
                    "slug": f"{slugify(row['name'])[:80] or 'organisation'}-{pk.hex[:8]}",
                    "kind": Organisation.Kind.THIRD_SECTOR,
                    "legal_form": Organisation.LegalForm.OTHER,
                    "area": area,
                    "public_listing": True,
                    **values,
                }
            )
            organisation: Organisation | int = len(new_orgs) - 1  # its place until it is saved
        else:
            organisation = profile.organisation
            if any(getattr(organisation, key) != value for key, value in values.items()):
                changed_orgs.append((organisation, values))
        parent = row.get("parent_organization_id")
        profiles.append(
            (
                organisation,
                {
                    "id": pk,
                    "logo": row.get("logo") or "",
                    "uri": row.get("uri") or "",
                    "parent_organization_id": uuid.UUID(parent) if parent else None,
                },
            )
        )
    # Organisations are core's records: its bulk verb writes them, their history and events.
    created = core_actions.import_organisations(actor, new_orgs, changed_orgs, reason)
    # The new organisations' ids are known only now that they are saved.
    profile_rows = [
        {**values, "organisation_id": (created[o] if isinstance(o, int) else o).pk}
        for o, values in profiles
    ]
    bulk.upsert(m.OrganisationProfile, profile_rows, None, actor, reason)
    return {r["id"]: r["organisation_id"] for r in profile_rows}


def ensure_profiles(organisations: Iterable[Organisation]) -> None:
    """Give organisations without an ORUK id one (they need it to appear in the API)."""
    missing = [o for o in organisations if not hasattr(o, "directory_profile")]
    m.OrganisationProfile.objects.bulk_create(
        [m.OrganisationProfile(organisation=o) for o in missing], ignore_conflicts=True
    )


def export_tables(
    services: Iterable[Any] | None = None,
    organisations: Any = None,
    only: Collection[str] | None = None,
) -> Tables:
    """The directory (or these services and what they refer to) as ORUK rows; ``only``
    these tables (with the organisations, which services name) when given."""

    def wanted(*names: str) -> bool:
        return only is None or any(name in only for name in names)

    tables = empty_tables()
    service_qs = (
        m.Service.objects.all()
        if services is None
        else m.Service.objects.filter(pk__in=list(services))
    )
    service_ids = list(service_qs.values_list("pk", flat=True))
    sal_qs = m.ServiceAtLocation.objects.filter(service_id__in=service_ids)
    location_ids = (
        list(sal_qs.values_list("location_id", flat=True).distinct())
        if wanted("locations", "addresses", "accessibility", "attributes")
        else []
    )
    profile_qs = m.OrganisationProfile.objects.select_related("organisation")
    if services is None and organisations is None:
        pass
    elif organisations is not None:
        profile_qs = profile_qs.filter(organisation__in=organisations)
    else:
        profile_qs = profile_qs.filter(
            organisation_id__in=m.Service.objects.filter(pk__in=service_ids).values(
                "organisation_id"
            )
        )
    for profile in profile_qs.order_by("organisation__name_en", "pk"):
        o = profile.organisation
        tables["organizations"].append(
            _clean(
                {
                    "id": profile.pk,
                    "name": o.name_en,
                    "description": o.description_en,
                    "email": o.email,
                    "website": o.website,
                    "logo": profile.logo,
                    "uri": profile.uri,
                    "parent_organization_id": profile.parent_organization_id,
                },
                keep=("description",),
            )
        )
    profile_ids = [r["id"] for r in tables["organizations"]]
    org_profile = dict(
        m.OrganisationProfile.objects.filter(pk__in=profile_ids).values_list(
            "organisation_id", "pk"
        )
    )
    sal_ids = list(sal_qs.values_list("pk", flat=True)) if wanted("schedules") else []
    contact_ids = (
        list(m.Contact.objects.filter(service_id__in=service_ids).values_list("pk", flat=True))
        if wanted("phones")
        else []
    )
    term_ids = (
        set(
            m.Attribute.objects.filter(link_id__in=service_ids).values_list(
                "taxonomy_term_id", flat=True
            )
        )
        if wanted("taxonomy_terms", "taxonomies")
        else set()
    )
    scopes: dict[str, Any] = {
        "organization_identifiers": m.OrganisationIdentifier.objects.filter(
            profile_id__in=profile_ids
        ),
        "services": service_qs,
        "locations": m.Location.objects.filter(pk__in=location_ids),
        "addresses": m.Address.objects.filter(location_id__in=location_ids),
        "accessibility": m.Accessibility.objects.filter(location_id__in=location_ids),
        "service_at_locations": sal_qs,
        "schedules": m.Schedule.objects.filter(
            pk__in=[
                *m.Schedule.objects.filter(service_id__in=service_ids).values_list("pk", flat=True),
                *m.Schedule.objects.filter(service_at_location__in=sal_ids).values_list(
                    "pk", flat=True
                ),
            ]
        ),
        "contacts": m.Contact.objects.filter(service_id__in=service_ids),
        "phones": m.Phone.objects.filter(
            pk__in=[
                *m.Phone.objects.filter(service_id__in=service_ids).values_list("pk", flat=True),
                *m.Phone.objects.filter(contact__in=contact_ids).values_list("pk", flat=True),
            ]
        ),
        "languages": m.Language.objects.filter(service_id__in=service_ids),
        "funding": m.Funding.objects.filter(service_id__in=service_ids),
        "cost_options": m.CostOption.objects.filter(service_id__in=service_ids),
        "service_areas": m.ServiceArea.objects.filter(service_id__in=service_ids),
        "attributes": m.Attribute.objects.filter(
            link_id__in=[*service_ids, *location_ids, *profile_ids]
        ),
        "taxonomy_terms": m.TaxonomyTerm.objects.all()
        if services is None
        else m.TaxonomyTerm.objects.filter(pk__in=term_ids),
        "taxonomies": m.Taxonomy.objects.all()
        if services is None
        else m.Taxonomy.objects.filter(terms__in=term_ids).distinct(),
    }
    for table, qs in scopes.items():
        if not wanted(table):
            continue
        attnames = _attnames(table)
        # ORUK names a service's organisation by its profile's id.
        at = attnames.index("organisation_id") if table == "services" else None
        for stored in qs.order_by("pk").values_list(*attnames):
            values = list(stored)
            if at is not None:
                values[at] = org_profile.get(values[at])
            tables[table].append(_row(table, values))
    if wanted("organization_identifiers"):
        tables["organization_identifiers"].extend(
            _register_identifiers(profile_qs, tables["organization_identifiers"])
        )
    return tables


# Identifier rows made from the register's own identifier get ids derived from the
# profile and the identifier, so a feed gives each the same id every time.
_IDENTIFIER_NAMESPACE = uuid.UUID("5b0e7c1e-7a53-4c43-9d1e-0c9d6a3f2b11")


def _register_identifiers(profiles: Any, stored: list[Row]) -> list[Row]:
    """An ORUK identifier row for each organisation's own identifier (GB-CHC-1234567 and the
    like, kept on core's record), unless an imported row already says the same."""
    known = {
        (r["organization_id"], r.get("identifier_scheme", ""), r["identifier"]) for r in stored
    }
    rows = []
    for profile in profiles.order_by("organisation__name_en", "pk"):
        parts = identifiers.split(profile.organisation.identifier or "")
        if parts is None:
            continue
        scheme, local = parts
        profile_id = str(profile.pk)
        if (profile_id, scheme.code, local) in known:
            continue
        with translation.override("en"):
            kind = str(scheme.label)
        rows.append(
            {
                "id": str(uuid.uuid5(_IDENTIFIER_NAMESPACE, f"{profile_id}:{scheme.code}-{local}")),
                "organization_id": profile_id,
                "identifier_scheme": scheme.code,
                "identifier_type": kind[:1].upper() + kind[1:],
                "identifier": local,
            }
        )
    return rows


def object_rows(table: str, objects: Iterable[models.Model]) -> list[Row]:
    """Records of a table stored one to one (taxonomies, terms...) as ORUK rows, in order."""
    attnames = _attnames(table)
    return [_row(table, [getattr(o, a) for a in attnames]) for o in objects]


def _attnames(table: str) -> list[str]:
    return [_attname(table, c) for c in TABLES[table].fields]


def _row(table: str, values: Sequence[Any]) -> Row:
    """Stored values, in ``_attnames(table)`` order, as an ORUK row: empty values left out
    except the required fields, which ORUK wants present even when empty."""
    spec = TABLES[table]
    keep = tuple(c for c in spec.required if c != "id")
    return _clean(dict(zip(spec.fields, values, strict=True)), keep=keep)


def _clean(row: dict[str, Any], keep: tuple[str, ...] = ()) -> Row:
    out: Row = {}
    for key, value in row.items():
        converted = _to_json(value)
        if converted is None and key in keep:
            converted = ""
        if converted is not None:
            out[key] = converted
    return out
