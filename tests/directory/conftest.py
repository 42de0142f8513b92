"""Fixtures for directory tests: the demo area with its services, and ORUK material."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

ORUK = Path(__file__).resolve().parents[2] / ".." / "shared" / "standards" / "oruk"
EXAMPLES = ORUK / "examples"
VALIDATOR_SCHEMAS = ORUK / "validator" / "OpenReferralApi" / "Schemas" / "V3.0-UK"


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text())


@pytest.fixture(scope="module")
def _demo_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo area, loaded once per module inside a transaction rolled back afterwards
    (each test then runs in a savepoint of it), so other test modules never see it."""
    from commonground.core.demo.loader import load_demo as load_core
    from commonground.directory.demo import load_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_core()
            load_demo()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_data: None, db: None) -> None:
    """The demo area's organisations and services."""
