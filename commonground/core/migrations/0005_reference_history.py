"""Reference rows (regions, areas, themes, beneficiary groups) get their first history entry.

Migration 0002 created them without history (signals do not fire in migrations), so their
history began only at their first edit, and the first version could not be restored.
"""

from django.db import migrations
from django.utils import timezone

MODELS = ("Region", "Area", "Theme", "BeneficiaryGroup")


def populate(apps, schema_editor):  # type: ignore[no-untyped-def]
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("core", name)
        historical = apps.get_model("core", f"Historical{name}")
        recorded = set(historical.objects.values_list("id", flat=True))
        fields = [f.attname for f in model._meta.concrete_fields]
        historical.objects.bulk_create(
            [
                historical(
                    **{f: getattr(row, f) for f in fields},
                    history_date=now,
                    history_type="+",
                    history_change_reason="Reference data",
                )
                for row in model.objects.exclude(pk__in=recorded)
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_merge_20261202_1610")]
    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
