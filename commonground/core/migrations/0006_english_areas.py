"""England's local authority areas and regions beside Wales's 22 (issue 17)."""

from django.db import migrations


def load(apps, schema_editor):
    from commonground.core.reference import load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_reference_history")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
