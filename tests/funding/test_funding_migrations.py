"""The migration that links agreements to opportunities keeps the link the ocid text gave."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("funding", "0001_initial"), ("commissioning", "0001_initial")]
AFTER = [("funding", "0002_agreement_opportunity")]


@pytest.fixture
def executor(transactional_db: None) -> Iterator[MigrationExecutor]:
    runner = MigrationExecutor(connection)
    latest = runner.loader.graph.leaf_nodes()
    yield runner
    runner = MigrationExecutor(connection)
    runner.migrate(latest)


def test_ocid_text_becomes_the_opportunity_link(executor: MigrationExecutor) -> None:
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    # Built here: a transactional test before this one may have flushed the reference data.
    region, _ = old.get_model("core", "Region").objects.get_or_create(
        slug="mid-wales", defaults={"name_en": "Mid Wales", "name_cy": "Canolbarth Cymru"}
    )
    area, _ = old.get_model("core", "Area").objects.get_or_create(
        code="W06000008",
        defaults={
            "slug": "ceredigion",
            "name_en": "Ceredigion",
            "name_cy": "Ceredigion",
            "region": region,
        },
    )
    buyer = old.get_model("core", "Organisation").objects.create(
        slug="council", name_en="Council", kind="public_body", area=area
    )
    opportunity = old.get_model("commissioning", "Opportunity").objects.create(
        slug="advice", title_en="Advice", buyer=buyer, route="grant", ocid="ocds-abc-1"
    )
    agreements = old.get_model("funding", "Agreement").objects
    common = {"funder": buyer, "amount_pence": 100, "award_date": "2026-01-01"}
    agreements.create(identifier="360G-a", reference="a", opportunity_ocid="ocds-abc-1", **common)
    agreements.create(identifier="360G-b", reference="b", opportunity_ocid="", **common)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("funding", "Agreement").objects
    assert new.get(reference="a").opportunity_id == opportunity.pk
    assert new.get(reference="b").opportunity_id is None
