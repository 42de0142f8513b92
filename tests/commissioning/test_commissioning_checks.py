"""Start-up refuses to run without the OCDS schemas the import reads (commissioning.E001)."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from commonground.commissioning.checks import ocds_schema

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_schema_folder_passes() -> None:
    assert ocds_schema() == []


def test_a_folder_without_the_schemas_stops_the_checks(tmp_path: Path, settings: Any) -> None:
    settings.OCDS_SCHEMA_DIR = tmp_path
    [problem] = ocds_schema()
    assert problem.id == "commissioning.E001"
    assert str(tmp_path) in problem.msg and "release-schema.json" in problem.msg
    assert "OCDS_SCHEMA_DIR" in str(problem.hint)
    with pytest.raises(SystemCheckError, match=r"commissioning\.E001"):
        call_command("check")


def test_a_broken_or_partial_folder_names_what_is_missing(tmp_path: Path, settings: Any) -> None:
    real = Path(settings.OCDS_SCHEMA_DIR)
    (tmp_path / "release-schema.json").write_bytes((real / "release-schema.json").read_bytes())
    (tmp_path / "dereferenced-release-schema.json").write_text("{not json")
    settings.OCDS_SCHEMA_DIR = tmp_path
    [problem] = ocds_schema()
    assert "dereferenced-release-schema.json" in problem.msg
    assert "lacks a readable release-schema.json" not in problem.msg


def test_the_wsgi_application_refuses_to_boot_without_them(tmp_path: Path) -> None:
    env = {**os.environ, "DJANGO_DEBUG": "1", "OCDS_SCHEMA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    started = subprocess.run(
        [sys.executable, "-c", "import commonground.wsgi"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert started.returncode != 0
    assert "OCDS schema folder" in started.stderr and "release-schema.json" in started.stderr
