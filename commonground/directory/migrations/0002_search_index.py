"""The text indexes behind ``directory.search``: FTS5 tables on SQLite; on PostgreSQL, GIN
indexes on the stored tsvector and (trigram) on the typo vocabulary and on organisation
names for the ORUK organisation search."""

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5("
    "service_id UNINDEXED, document, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts_vocab "
    "USING fts5vocab(directory_service_fts, 'row')",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS directory_service_fts_vocab",
    "DROP TABLE IF EXISTS directory_service_fts",
]
POSTGRES = [
    "CREATE INDEX IF NOT EXISTS directory_service_vector_idx ON directory_service "
    "USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS directory_searchword_trgm_idx ON directory_searchword "
    "USING gin (word gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directory_org_name_en_trgm_idx ON core_organisation "
    "USING gin (upper(name_en) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directory_org_name_cy_trgm_idx ON core_organisation "
    "USING gin (upper(name_cy) gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS directory_service_vector_idx",
    "DROP INDEX IF EXISTS directory_searchword_trgm_idx",
    "DROP INDEX IF EXISTS directory_org_name_en_trgm_idx",
    "DROP INDEX IF EXISTS directory_org_name_cy_trgm_idx",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
