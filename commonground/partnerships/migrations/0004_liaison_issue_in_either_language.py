"""Liaison issues in English, Welsh or both: each text becomes a pair of columns, and what
was written so far (in English) stays in the English column."""

from django.db import migrations, models


def _pairs(model: str) -> list[migrations.operations.base.Operation]:
    operations: list[migrations.operations.base.Operation] = []
    for name, label, kind in (
        ("title", "Title", "char"),
        ("description", "What the sector raised", "text"),
        ("response", "Written response", "text"),
    ):
        operations.append(migrations.RenameField(model, name, f"{name}_en"))
        for suffix, language in (("en", "English"), ("cy", "Welsh")):
            field = (
                models.CharField(f"{label} ({language})", max_length=200, blank=True)
                if kind == "char"
                else models.TextField(f"{label} ({language})", blank=True)
            )
            operation = migrations.AlterField if suffix == "en" else migrations.AddField
            operations.append(operation(model, f"{name}_{suffix}", field))
    return operations


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_history_of_papers_attendance_decisions")]

    operations = [*_pairs("liaisonissue"), *_pairs("historicalliaisonissue")]
