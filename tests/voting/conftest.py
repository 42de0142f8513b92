"""Shared fixtures for the voting tests (plain pytest, no Django)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
STV_DATA = REPO_ROOT.parent / "shared" / "testdata" / "stv"


@pytest.fixture(scope="session")
def stv_data() -> Path:
    """The shared reference data; its absence is a failure, never a skip."""
    if not (STV_DATA / "ref").is_dir():
        pytest.fail(f"reference data missing: {STV_DATA} (expected ../shared next to the repo)")
    return STV_DATA
