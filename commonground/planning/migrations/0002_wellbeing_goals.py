from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from commonground.planning.reference import load_goals

    load_goals(apps.get_model("planning", "Outcome"))


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
