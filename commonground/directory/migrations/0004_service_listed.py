"""``Service.listed`` (the organisation's consent to public listing, copied for speed), its
index, and a trigram index for the ORUK organisation name search on PostgreSQL."""

from typing import Any

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

POSTGRES = [
    "CREATE INDEX IF NOT EXISTS directory_org_name_en_trgm_idx ON core_organisation "
    "USING gin (upper(name_en) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directory_org_name_cy_trgm_idx ON core_organisation "
    "USING gin (upper(name_cy) gin_trgm_ops)",
]
POSTGRES_BACK = [
    "DROP INDEX IF EXISTS directory_org_name_en_trgm_idx",
    "DROP INDEX IF EXISTS directory_org_name_cy_trgm_idx",
]


def copy_listing(apps: Any, schema_editor: Any) -> None:
    Service = apps.get_model("directory", "Service")
    Organisation = apps.get_model("core", "Organisation")
    Service.objects.update(
        listed=Subquery(
            Organisation.objects.filter(pk=OuterRef("organisation_id")).values("public_listing")[:1]
        )
    )


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_reference_data"),
        ("directory", "0003_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="listed",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(
                condition=models.Q(("listed", True)),
                fields=["name_en", "id"],
                name="directory_service_listed_idx",
            ),
        ),
        migrations.RunPython(copy_listing, migrations.RunPython.noop),
        migrations.RunPython(_run(POSTGRES), _run(POSTGRES_BACK)),
    ]
