from typing import Any

from django.core.management.base import BaseCommand

from commonground.core.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo area (Ceredigion, fictional data) and print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        personas = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo area ready: Ceredigion (fictional data)."))
        self.stdout.write("Sign in at http://127.0.0.1:8000/sign-in/ with any of these accounts,")
        self.stdout.write(f"all with the password: {DEMO_PASSWORD}")
        for persona in personas:
            self.stdout.write(f"  {persona.email:40} {persona.given_name}, {persona.description}")
        self.stdout.write("The admin site is at http://127.0.0.1:8000/admin/ (first account).")
