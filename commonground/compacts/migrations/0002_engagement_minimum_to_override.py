"""Move each area's engagement setting (minimum consultation weeks) into its compact.

Engagement kept the minimum in ``AreaEngagementSettings`` until compacts owned it. A value
that differs from the area's pack default becomes an override of
``consultation.minimum_period.minimum_weeks`` on the area's live compact, made for it if the
area had none, with the reason recorded. Runs before engagement drops the table.
"""

from django.db import migrations

from commonground.compacts.packs import default_pack

REASON = "Carried over from the area's engagement setting when compacts took it over."


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    Settings = apps.get_model("engagement", "AreaEngagementSettings")
    Compact = apps.get_model("compacts", "Compact")
    Adoption = apps.get_model("compacts", "Adoption")
    Override = apps.get_model("compacts", "ParameterOverride")
    for row in Settings.objects.select_related("area"):
        area = row.area
        pack = default_pack(area.country)
        commitment = pack.commitment("consultation.minimum_period") if pack else None
        default = commitment.defaults().get("minimum_weeks") if commitment else None
        if row.minimum_consultation_weeks == default:
            continue
        compact = Compact.objects.filter(area=area).exclude(status="ended").order_by("pk").first()
        if compact is None:
            compact = Compact.objects.create(
                area=area,
                slug=f"{area.slug}-compact",
                title_en=f"{area.name_en} compact",
                title_cy=f"Compact {area.name_cy or area.name_en}",
                kind="multi_party",
                scope="local",
                status="active",
            )
            if pack is not None:
                Adoption.objects.create(compact=compact, pack_id=pack.id, position=0)
        Override.objects.update_or_create(
            compact=compact,
            rule="consultation.minimum_period",
            parameter="minimum_weeks",
            defaults={"value": row.minimum_consultation_weeks, "reason": REASON},
        )


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    Settings = apps.get_model("engagement", "AreaEngagementSettings")
    Override = apps.get_model("compacts", "ParameterOverride")
    for o in Override.objects.filter(
        rule="consultation.minimum_period", parameter="minimum_weeks"
    ).select_related("compact"):
        Settings.objects.update_or_create(
            area_id=o.compact.area_id, defaults={"minimum_consultation_weeks": int(o.value)}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("compacts", "0001_initial"),
        ("engagement", "0004_merge_20261203_1131"),
    ]
    run_before = [("engagement", "0005_area_settings_move_to_compacts")]

    operations = [migrations.RunPython(forward, backward)]
