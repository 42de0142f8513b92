from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from commonground.core.demo.loader import DEMO_PASSWORD, load_demo


def load_capability_demos() -> None:
    """Each capability app may ship ``demo.py`` with an idempotent ``load_demo()``.

    They run in INSTALLED_APPS order, after the core demo area exists.
    """
    for app in apps.get_app_configs():
        if app.name.startswith("commonground.") and app.label != "core":
            module = f"{app.name}.demo"
            if find_spec(module) is not None:
                import_module(module).load_demo()


class Command(BaseCommand):
    help = "Load the demo area (Ceredigion, fictional data) and print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        personas = load_demo()
        load_capability_demos()
        self.stdout.write(self.style.SUCCESS("Demo area ready: Ceredigion (fictional data)."))
        self.stdout.write("Sign in at http://127.0.0.1:8000/sign-in/ with any of these accounts,")
        self.stdout.write(f"all with the password: {DEMO_PASSWORD}")
        for persona in personas:
            self.stdout.write(f"  {persona.email:40} {persona.given_name}, {persona.description}")
        self.stdout.write("The admin site is at http://127.0.0.1:8000/admin/ (first account).")
