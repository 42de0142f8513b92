"""Issue 11, defect 10: the demo that ``scripts/start`` serves shows the site's error pages.

The environment comes from ``scripts/demo-env`` (what ``scripts/start`` sources), and the
requests run in a fresh process with it, so the test sees the settings the demo really gets.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
settings.ALLOWED_HOSTS = ["testserver"]
client = Client(enforce_csrf_checks=True)
pages = {
    "missing": client.get("/no-such-page/"),
    "missing_cy": client.get("/cy/no-such-page/"),
    "csrf": client.post("/sign-in/", {"username": "a", "password": "b"}),
}
print(json.dumps({
    "debug": settings.DEBUG,
    "demo": settings.COMMONGROUND_DEMO,
    "pages": {k: [r.status_code, r.content.decode()] for k, r in pages.items()},
}))
"""


def _demo_environment() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "COMMONGROUND_"))}
    dump = subprocess.run(
        [shutil.which("bash") or "/bin/bash", "-c", "source scripts/demo-env && env -0"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return dict(line.split("=", 1) for line in dump.split("\0") if "=" in line)


def test_demo_serves_the_sites_own_error_pages() -> None:
    env = {**_demo_environment(), "DJANGO_SETTINGS_MODULE": "commonground.settings"}
    env["DATABASE_URL"] = "sqlite:///:memory:"
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, check=True
    ).stdout.decode()
    result = json.loads(out.strip().splitlines()[-1])
    assert result["debug"] is False, "Django's debug pages are a developer's opt-in"
    assert result["demo"] is True, "the demo banner still shows"
    pages = result["pages"]
    for name, (_status, html) in pages.items():
        assert "URLconf" not in html and "Traceback" not in html, name
        assert 'class="govuk-main-wrapper' in html, f"{name}: the site's own page"
    assert pages["missing"][0] == 404 and "Page not found" in pages["missing"][1]
    assert pages["missing_cy"][0] == 404 and 'lang="cy"' in pages["missing_cy"][1]
    assert pages["csrf"][0] == 403 and "Sorry, that form has expired" in pages["csrf"][1]
