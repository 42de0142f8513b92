"""Writing releases and records in bulk: by COPY on PostgreSQL, ``bulk_create`` elsewhere.

Binding large JSON documents as query parameters costs more in Python than the merge itself
(bench/ocds_import.py); COPY sends the JSON text the import already has, formatted by
psycopg in C, and the database parses it once.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from commonground.commissioning.models import OcdsRecord, OcdsRelease


@dataclass(frozen=True)
class NewRelease:
    ocid: str
    release_id: str
    date: str
    digest: str
    data: dict[str, Any]
    text: str  # ``data`` as JSON (its canonical form, from which ``digest`` was taken)
    source_name: str


def insert_releases(rows: Sequence[NewRelease]) -> None:
    if connection.vendor != "postgresql":
        OcdsRelease.objects.bulk_create(
            [
                OcdsRelease(
                    ocid=r.ocid, release_id=r.release_id, date=r.date, digest=r.digest,
                    data=r.data, source_name=r.source_name,
                )
                for r in rows
            ],
            batch_size=2000,
        )
        return
    now = timezone.now()
    table = OcdsRelease._meta.db_table
    with connection.cursor() as cursor, cursor.copy(
        f"COPY {table} (ocid, release_id, date, digest, data, source_name, received_at) FROM STDIN"
    ) as copy:
        for r in rows:
            copy.write_row((r.ocid, r.release_id, r.date, r.digest, r.text, r.source_name, now))


# The documents are trees from ``json.loads`` and the merge: no cycles to look for.
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _record_row(record: OcdsRecord) -> tuple[str, str, str, int]:
    return (record.ocid, _encode(record.compiled), _encode(record.versioned), record.release_count)


def insert_records(records: Sequence[OcdsRecord]) -> None:
    """Add records of ocids that have none yet (a concurrent first import of the same ocid
    fails on the unique ocid, and its transaction takes everything back)."""
    if not records:
        return
    if connection.vendor != "postgresql":
        OcdsRecord.objects.bulk_create(records, batch_size=2000)
        return
    table = OcdsRecord._meta.db_table
    now = timezone.now()
    with connection.cursor() as cursor, cursor.copy(
        f"COPY {table} (ocid, compiled, versioned, release_count, updated_at) FROM STDIN"
    ) as copy:
        for record in records:
            copy.write_row((*_record_row(record), now))


def upsert_records(records: Sequence[OcdsRecord]) -> None:
    """Insert each record, or replace the stored one of the same ocid."""
    if not records:
        return
    if connection.vendor != "postgresql":
        OcdsRecord.objects.bulk_create(
            records,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["ocid"],
            update_fields=["compiled", "versioned", "release_count", "updated_at"],
        )
        return
    table = OcdsRecord._meta.db_table
    columns = "ocid, compiled, versioned, release_count"
    # The savepoint takes the staging table away with everything else if a statement fails.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE staging_{table} AS SELECT {columns} FROM {table} WITH NO DATA"  # noqa: S608
        )
        with cursor.copy(f"COPY staging_{table} ({columns}) FROM STDIN") as copy:
            for record in records:
                copy.write_row(_record_row(record))
        cursor.execute(
            f"INSERT INTO {table} ({columns}, updated_at) SELECT {columns}, %s FROM staging_{table} "  # noqa: S608
            "ON CONFLICT (ocid) DO UPDATE SET compiled = EXCLUDED.compiled, "
            "versioned = EXCLUDED.versioned, release_count = EXCLUDED.release_count, "
            "updated_at = EXCLUDED.updated_at",
            [timezone.now()],
        )
        cursor.execute(f"DROP TABLE staging_{table}")
