from pathlib import Path
from typing import Any

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    """Every .po file: one per app under <app>/locale, plus any in LOCALE_PATHS."""
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [
        Path(app.path) / "locale"
        for app in apps.get_app_configs()
        if app.name.startswith("commonground.")
    ]
    return sorted(po for d in dirs for po in d.glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    # Runs in scripts/bootstrap, before any deployment settings exist.
    requires_system_checks: list[str] = []
    help = "Compile every .po catalogue to .mo with polib, so no gettext tools are needed."

    def handle(self, *args: Any, **options: Any) -> None:
        for po_path in catalogues():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
