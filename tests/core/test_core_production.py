"""Production settings fail closed: no secret key or hosts, no start; ``check --deploy`` clean."""

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-for-the-deploy-check-" + "0123456789abcdefghijklmnopqrstuvwxyz"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Runs a command with a production environment: none of the developer's settings leak in."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_")) and k != "SECURE_SSL_REDIRECT"
    }
    base["DJANGO_SETTINGS_MODULE"] = "commonground.settings"
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="commonground.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    for command in (["manage.py", "check"], ["-c", "import commonground.wsgi"]):
        result = _run(command, DJANGO_ALLOWED_HOSTS="commonground.example.org")
        assert result.returncode != 0, command
        assert "DJANGO_SECRET_KEY" in result.stderr, result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = _run(["manage.py", "check"], DJANGO_SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr, result.stderr


def test_the_development_key_never_signs_in_production() -> None:
    """The old fallback key let anyone sign unsubscribe tokens offline."""
    result = _run(
        ["-c", "import django; django.setup(); from django.core import signing; signing.dumps(1)"],
        DJANGO_ALLOWED_HOSTS="commonground.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_https_behind_a_proxy_is_not_redirected_again() -> None:
    """Behind a TLS proxy that sets X-Forwarded-Proto, a request is not redirected for ever."""
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client()\n"
        "host = 'commonground.example.org'\n"
        "plain = c.get('/api/openapi.json', headers={'host': host})\n"
        "proxied = c.get('/api/openapi.json', headers={'host': host, 'x-forwarded-proto': 'https'})\n"
        "print(plain.status_code, plain.get('Location'))\n"
        "print(proxied.status_code, proxied.get('Strict-Transport-Security'))\n"
    )
    result = _run(
        ["-c", script],
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="commonground.example.org",
    )
    assert result.returncode == 0, result.stderr
    plain, proxied = result.stdout.splitlines()[-2:]
    assert plain == "301 https://commonground.example.org/api/openapi.json"
    assert proxied.split()[0] != "301"
    assert "max-age=" in proxied
