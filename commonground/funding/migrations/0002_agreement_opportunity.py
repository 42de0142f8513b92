"""An agreement links to its commissioning opportunity by key, not by the ocid as text."""

import django.db.models.deletion
from django.db import migrations, models


def link_by_ocid(apps, schema_editor):  # type: ignore[no-untyped-def]
    Agreement = apps.get_model("funding", "Agreement")
    Opportunity = apps.get_model("commissioning", "Opportunity")
    for agreement in Agreement.objects.exclude(opportunity_ocid=""):
        agreement.opportunity = Opportunity.objects.filter(ocid=agreement.opportunity_ocid).first()
        agreement.save(update_fields=["opportunity"])


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0001_initial"),
        ("funding", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="opportunity",
            field=models.ForeignKey(
                blank=True,
                help_text="The awarded opportunity this agreement delivers, if it came from one.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="agreements",
                to="commissioning.opportunity",
                verbose_name="commissioning opportunity",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="opportunity",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The awarded opportunity this agreement delivers, if it came from one.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="commissioning.opportunity",
                verbose_name="commissioning opportunity",
            ),
        ),
        migrations.RunPython(link_by_ocid, migrations.RunPython.noop),
        migrations.RemoveField(model_name="agreement", name="opportunity_ocid"),
        migrations.RemoveField(model_name="historicalagreement", name="opportunity_ocid"),
    ]
