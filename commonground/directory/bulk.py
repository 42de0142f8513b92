"""Upserting many rows, with their history rows, in a few SQL statements.

An import writes tens of thousands of ORUK rows. Building model instances and letting the
ORM and simple-history prepare each one costs far more than the database's own work, so
rows go in as ``INSERT … ON CONFLICT`` statements (PostgreSQL and SQLite share the syntax)
and history rows are copied from the rows written, which records exactly what was stored.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

# Bound parameters per statement: PostgreSQL allows 65,535 and SQLite 32,766.
_MAX_PARAMS = 30_000
_HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}


# Fields whose Python values psycopg sends as they are (the cast to the column type does
# the rest).
_NATIVE = (
    models.CharField,
    models.TextField,
    models.UUIDField,
    models.IntegerField,
    models.FloatField,
    models.BooleanField,
    models.DateField,
    models.TimeField,
    models.ForeignKey,
)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _id_batches(model: type[models.Model], ids: Sequence[Any]) -> Iterable[tuple[str, list[Any]]]:
    """``(condition, params)`` selecting ``ids`` by primary key, in batches."""
    pk = model._meta.pk
    assert pk is not None
    column = _quote(pk.column)
    for start in range(0, len(ids), 5000):
        batch = ids[start : start + 5000]
        if connection.vendor == "postgresql":
            yield f"{column} = ANY(%s)", [list(batch)]
        else:
            yield (
                f"{column} IN ({', '.join(['%s'] * len(batch))})",
                [pk.get_db_prep_value(v, connection) for v in batch],
            )


def stored_ids(model: type[models.Model], ids: Sequence[Any]) -> set[Any]:
    """Which of ``ids`` are already stored."""
    pk = model._meta.pk
    assert pk is not None
    found: set[Any] = set()
    with connection.cursor() as cursor:
        for condition, params in _id_batches(model, ids):
            cursor.execute(
                f"SELECT {_quote(pk.column)} FROM {_quote(model._meta.db_table)} WHERE {condition}",  # noqa: S608
                params,
            )
            found |= {pk.to_python(row[0]) for row in cursor.fetchall()}
    return found


@dataclass(frozen=True)
class Derived:
    """Columns computed from the other columns (and other tables) as the rows are written:
    ``fill(cursor, staging)`` sets them in the staging table (PostgreSQL only)."""

    columns: tuple[str, ...]
    fill: Callable[[Any, str], None]


def upsert(
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    update: Iterable[str] | None,
    actor: Any,
    reason: str,
    derived: Derived | None = None,
    stamp: str | None = None,
) -> None:
    """Insert ``rows`` (attname -> value, with the primary key), or on an id already stored
    overwrite the ``update`` columns only (all when ``None``), and only if one of them
    differs: an unchanged row gets no new version and no history row. Then write history
    rows for what was inserted and changed. A ``stamp`` field the rows leave out (a time
    last modified) takes its default whenever a row is inserted or changed."""
    if not rows:
        return
    meta = model._meta
    assert meta.pk is not None
    computed = derived.columns if derived is not None else ()
    fields = [
        f for f in meta.concrete_fields if f.attname != "search_vector" or f.attname in computed
    ]
    updating = None if update is None else {*update, *computed}
    changing = [
        f.column
        for f in fields
        if not f.primary_key and (updating is None or f.attname in updating)
    ]
    stamped = [f.column for f in fields if f.attname == stamp and f.column not in changing]
    table = _quote(meta.db_table)
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    on_conflict = (
        "DO UPDATE SET "
        + ", ".join(f"{_quote(c)} = EXCLUDED.{_quote(c)}" for c in [*changing, *stamped])
        + " WHERE "
        + " OR ".join(f"{table}.{_quote(c)} {distinct} EXCLUDED.{_quote(c)}" for c in changing)
        if changing
        else "DO NOTHING"
    )
    # Only table and column names from the model are interpolated; values are parameters.
    columns = ", ".join(_quote(f.column) for f in fields)
    insert = f"INSERT INTO {table} ({columns}) {{rows}} ON CONFLICT ({_quote(meta.pk.column)}) {on_conflict}"
    if connection.vendor == "postgresql":
        _upsert_postgres(model, fields, rows, insert, actor, reason, derived, [*changing, *stamped])
        return
    assert derived is None, "derived columns are filled on PostgreSQL only"
    values = [
        [row[f.attname] if f.attname in row else f.get_default() for f in fields] for row in rows
    ]
    ids = [meta.pk.to_python(row[meta.pk.attname]) for row in rows]
    tracked = getattr(model, "history", None) is not None
    compared = [f for f in fields if f.column in changing]
    before = _stored_values(model, ids, compared) if tracked else {}
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, _MAX_PARAMS // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            batch = values[start : start + per_statement]
            cursor.execute(
                insert.format(rows="VALUES " + ", ".join([placeholders] * len(batch))),
                [
                    f.get_db_prep_save(v, connection)
                    for row in batch
                    for f, v in zip(fields, row, strict=True)
                ],
            )
    if tracked:
        after = _stored_values(model, list(before), compared)
        write_history(model, [pk for pk in ids if pk not in before], "+", actor, reason)
        write_history(model, [pk for pk in before if before[pk] != after[pk]], "~", actor, reason)


def _stored_values(
    model: type[models.Model], ids: Sequence[Any], fields: list[models.Field[Any, Any]]
) -> dict[Any, tuple[Any, ...]]:
    """The stored values of ``fields`` for those of ``ids`` that are stored."""
    names = [f.attname for f in fields]
    found = {}
    for start in range(0, len(ids), 5000):
        for pk, *values in model._default_manager.filter(
            pk__in=ids[start : start + 5000]
        ).values_list("pk", *names):
            found[pk] = tuple(values)
    return found


def _upsert_postgres(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    rows: Sequence[dict[str, Any]],
    insert: str,
    actor: Any,
    reason: str,
    derived: Derived | None,
    written: list[str],
) -> None:
    """The rows go into a temporary staging table by COPY (formatted in C by psycopg, where
    binding them as parameters costs more than the database's whole insert), then into the
    table in one statement, whose RETURNING rows go straight into the history table;
    ``xmax = 0`` marks a row inserted, not updated."""
    table = model._meta.db_table
    staging = _quote(f"staging_{table}")
    columns = ", ".join(_quote(f.column) for f in fields)
    statement = insert.format(rows=f"SELECT {columns} FROM {staging}")  # noqa: S608
    history: list[Any] = []
    if getattr(model, "history", None) is not None:
        historical = model.history.model  # type: ignore[attr-defined]
        source = ", ".join(_quote(c) for c in _history_columns(historical))
        statement = (
            f"WITH written AS ({statement} RETURNING *, (xmax = 0) AS created) "  # noqa: S608
            f"INSERT INTO {_quote(historical._meta.db_table)} ({source}, history_date, "
            "history_change_reason, history_type, history_user_id) "
            f"SELECT {source}, %s, %s, CASE WHEN created THEN '+' ELSE '~' END, %s FROM written"
        )
        history = [timezone.now(), reason, getattr(actor, "pk", None)]
    values = [_column(f, rows) for f in fields]
    # The savepoint takes the staging table away with everything else if a statement fails.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} AS SELECT {columns} FROM {_quote(table)} WITH NO DATA"  # noqa: S608
        )
        with cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            for row in zip(*values, strict=True):
                copy.write_row(row)
        if derived is not None:
            _keep_stored(cursor, model, staging, [f.column for f in fields], written)
            derived.fill(cursor, staging)
        cursor.execute(statement, history)
        cursor.execute(f"DROP TABLE {staging}")


def _keep_stored(
    cursor: Any, model: type[models.Model], staging: str, columns: list[str], written: list[str]
) -> None:
    """Give staged rows already stored the stored values of the columns this write keeps
    (those not ``written``), so that what is derived from them is what the stored row will
    hold."""
    pk = model._meta.pk
    assert pk is not None
    kept = [c for c in columns if c not in written and c != pk.column]
    if kept:
        cursor.execute(
            f"UPDATE {staging} s SET "  # noqa: S608
            + ", ".join(f"{_quote(c)} = t.{_quote(c)}" for c in kept)
            + f" FROM {_quote(model._meta.db_table)} t WHERE t.{_quote(pk.column)} = s.{_quote(pk.column)}"
        )


def _column(field: models.Field[Any, Any], rows: Sequence[dict[str, Any]]) -> list[Any]:
    """``field``'s values in ``rows`` (its default where a row leaves it out), as psycopg
    should send them."""
    name = field.attname
    values = [row[name] if name in row else field.get_default() for row in rows]
    if isinstance(field, _NATIVE):
        return values
    return [None if v is None else field.get_db_prep_save(v, connection) for v in values]


def _history_columns(historical: type[models.Model]) -> list[str]:
    return [f.column for f in historical._meta.concrete_fields if f.attname not in _HISTORY_FIELDS]


def write_history(
    model: type[models.Model], ids: Sequence[Any], kind: str, actor: Any, reason: str
) -> None:
    """Copy the stored rows ``ids`` into ``model``'s history table as changes of ``kind``."""
    if not ids:
        return
    historical = model.history.model  # type: ignore[attr-defined]
    source = ", ".join(_quote(c) for c in _history_columns(historical))
    target = source + ", history_date, history_change_reason, history_type, history_user_id"
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    user = getattr(actor, "pk", None)
    with connection.cursor() as cursor:
        for condition, params in _id_batches(model, ids):
            cursor.execute(
                f"INSERT INTO {_quote(historical._meta.db_table)} ({target}) "  # noqa: S608
                f"SELECT {source}, %s, %s, %s, %s FROM {_quote(model._meta.db_table)} "
                f"WHERE {condition}",
                [stamp, reason, kind, user, *params],
            )
