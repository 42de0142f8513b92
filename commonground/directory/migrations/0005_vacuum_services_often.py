"""Vacuum the services table after 2% of its rows change, not PostgreSQL's 20%.

Public counts and whole-directory pages are index-only scans, which must read the table for
any row on a page not yet marked all-visible; after an import of tens of thousands of
services into half a million, the default left them reading most of the table until a
vacuum came round (a whole-directory count: 35 ms -> 150 ms).
"""

from typing import Any

from django.db import migrations

SETTINGS = (
    "autovacuum_vacuum_scale_factor",
    "autovacuum_vacuum_insert_scale_factor",
    "autovacuum_analyze_scale_factor",
)


def vacuum_often(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        options = ", ".join(f"{name} = 0.02" for name in SETTINGS)
        schema_editor.execute(f"ALTER TABLE directory_service SET ({options})")


def vacuum_by_default(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE directory_service RESET ({', '.join(SETTINGS)})")


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_organisation_listed_index")]

    operations = [migrations.RunPython(vacuum_often, vacuum_by_default)]
