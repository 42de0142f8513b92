"""Locust users for ``bench/load.py``: visitors and a signed-in member, on 127.0.0.1 only.

The pages come from the environment that ``bench/load.py`` sets after preparing its copy
of the database (``LOAD_BOARD``, ``LOAD_CONSULTATION``, ``LOAD_SESSION``). Every user
also asks for the bare baseline view, so its latency is measured under the same load.
"""

from __future__ import annotations

import os

from locust import HttpUser, between, task

BOARD = os.environ.get("LOAD_BOARD", "/partnerships/")
CONSULTATION = os.environ.get("LOAD_CONSULTATION", "/engagement/consultations/")
SESSION_COOKIE = os.environ.get("LOAD_SESSION_COOKIE", "sessionid")
SESSION = os.environ.get("LOAD_SESSION", "")


class Visitor(HttpUser):
    """Someone reading the public pages, pausing a second or two between pages."""

    weight = 5
    wait_time = between(1, 2)

    @task
    def home(self) -> None:
        self.client.get("/", name="home")

    @task
    def directory_search(self) -> None:
        self.client.get("/directory/?q=food", name="directory search")

    @task
    def board(self) -> None:
        self.client.get(BOARD, name="partnership board")

    @task
    def consultation(self) -> None:
        self.client.get(CONSULTATION, name="consultation")

    @task
    def oruk_services(self) -> None:
        self.client.get("/oruk/services", name="/oruk/services")

    @task
    def bare(self) -> None:
        self.client.get("/bench/bare", name="bare Django view")


class Member(HttpUser):
    """A signed-in member going back to their home page."""

    weight = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        self.client.cookies.set(SESSION_COOKIE, SESSION)

    @task
    def home(self) -> None:
        with self.client.get("/", name="home (signed in)", catch_response=True) as response:
            if "/sign-out/" not in response.text:
                response.failure("the home page did not show the member as signed in")
