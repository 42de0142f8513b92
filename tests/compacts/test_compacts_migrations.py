"""The migration that moves engagement's area setting into the area's compact."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("engagement", "0004_merge_20261203_1131"), ("compacts", "0001_initial")]
AFTER = [("engagement", "0005_area_settings_move_to_compacts")]


@pytest.fixture
def executor(transactional_db: None) -> Iterator[MigrationExecutor]:
    runner = MigrationExecutor(connection)
    latest = runner.loader.graph.leaf_nodes()
    yield runner
    runner = MigrationExecutor(connection)
    runner.migrate(latest)


def test_a_non_default_minimum_becomes_an_override_with_its_reason(
    executor: MigrationExecutor,
) -> None:
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    region, _ = old.get_model("core", "Region").objects.get_or_create(
        slug="mid-wales", defaults={"name_en": "Mid Wales", "name_cy": "Canolbarth Cymru"}
    )
    areas = old.get_model("core", "Area").objects
    common = {"region": region, "country": "wales"}
    ceredigion, _ = areas.get_or_create(
        code="W06000008", defaults={"slug": "ceredigion", "name_en": "Ceredigion", **common}
    )
    powys, _ = areas.get_or_create(
        code="W06000023", defaults={"slug": "powys", "name_en": "Powys", **common}
    )
    settings = old.get_model("engagement", "AreaEngagementSettings").objects
    settings.create(area=ceredigion, minimum_consultation_weeks=8)
    settings.create(area=powys, minimum_consultation_weeks=12)  # the pack default: no override

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    [override] = new.get_model("compacts", "ParameterOverride").objects.all()
    assert override.compact.area_id == ceredigion.pk
    assert (override.rule, override.parameter, override.value) == (
        "consultation.minimum_period",
        "minimum_weeks",
        8,
    )
    assert "engagement setting" in override.reason
    assert [a.pack_id for a in override.compact.adoptions.all()] == ["wales-funding-code-2014"]
