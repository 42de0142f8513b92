"""Every interface string has a Welsh translation, and translations keep their placeholders.

Each app's strings are extracted afresh (Django's makemessages on a copy of the app), so a
string added to the code or templates without a Welsh translation fails here.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = sorted(p.parent for p in (ROOT / "commonground").glob("*/locale/cy/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def _entries(po_path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(po_path))}


def test_every_app_with_strings_has_a_welsh_catalogue() -> None:
    names = {p.parents[2].name for p in APPS}
    assert {"core", "web", "api"} <= names


@pytest.mark.parametrize("locale_dir", APPS, ids=lambda p: p.parents[2].name)
def test_catalogue_covers_every_string_in_the_app(locale_dir: Path, tmp_path: Path) -> None:
    app = locale_dir.parents[2]
    copy = tmp_path / "commonground" / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("locale", "static", "__pycache__"))
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "commonground.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "cy",
            "--no-location",
            "--ignore",
            "migrations/*",
            "-v0",
        ],
        cwd=copy,
        env=env,
        check=True,
    )
    extracted = _entries(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    shipped = _entries(locale_dir / "django.po")
    missing = sorted(set(extracted) - set(shipped))
    assert not missing, f"{app.name}: strings missing from the Welsh catalogue: {missing}"


@pytest.mark.parametrize("locale_dir", APPS, ids=lambda p: p.parents[2].name)
def test_every_entry_is_translated_and_keeps_placeholders(locale_dir: Path) -> None:
    problems = []
    catalogue = polib.pofile(str(locale_dir / "django.po"))
    # Welsh has four plural forms; a missing one shows the English text for those counts.
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"]).group(1))  # type: ignore[union-attr]
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if entry.msgid_plural and len(entry.msgstr_plural) != forms:
            problems.append(f"{len(entry.msgstr_plural)} of {forms} plural forms: {entry.msgid!r}")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if not text.strip():
                problems.append(f"untranslated: {entry.msgid!r}")
            elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid)):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)
