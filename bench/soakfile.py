"""Locust users for ``bench/soak.py``: member organisations' admins and one member of staff.

The plan (sessions, tokens, pages) comes from the file in ``SOAK_PLAN``, written by
``soak.py --prepare`` in its copy of the database. Each user counts the writes the server
accepted; when the run stops, the totals go to the file in ``SOAK_COUNTS`` for the
reconciliation. A request fails (an error, target 0) on any 5xx, or on any answer that is
neither the success nor the refusal that the request must get.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["SOAK_PLAN"]).read_text())
COUNTS: Counter[str] = Counter()
_next_member = itertools.count()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VOTED = "Your vote has been recorded"
REFUSED_VOTE = "Each organisation can vote only once"
ERRORS = re.compile(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', re.S)
VOTER = re.compile(r'name="voter">\s*<option value="(\d+)"')


@events.test_stop.add_listener
def _write_counts(**_kwargs: Any) -> None:
    Path(os.environ["SOAK_COUNTS"]).write_text(
        json.dumps({k: COUNTS[k] for k in ("votes", "responses", "edits", "imports")})
    )


class Member(HttpUser):
    """A member organisation's admin: reads, votes, answers consultations, edits its record."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        index = next(_next_member)
        self.member = PLAN["members"][index % len(PLAN["members"])]
        self.client.cookies.set(PLAN["cookie"], self.member["session"])
        self.voted = False
        self.answered: set[str] = set()
        self.edits = 0

    def _form(self, path: str, name: str) -> tuple[str, str] | None:
        """GET a form page: its CSRF token and its text, or None (a failure) without a form."""
        with self.client.get(path, name=name, catch_response=True) as page:
            token = CSRF.search(page.text or "")
            if page.status_code != 200 or token is None or not page.url.endswith(path):
                page.failure(f"form page {page.status_code} at {page.url} without a form")
                return None
            return token.group(1), page.text

    @task(6)
    def read(self) -> None:
        for path, name in [
            ("/", "home"),
            ("/directory/?q=food", "directory search"),
            (PLAN["board"], "board"),
            (PLAN["election"], "election"),
            ("/oruk/services", "/oruk/services"),
        ]:
            self.client.get(path, name=name)

    @task(2)
    def vote(self) -> None:
        form = self._form(PLAN["election"], "election")
        if form is None:
            return
        token, text = form
        voter = VOTER.search(text)  # the organisation's elector, until it has voted
        data = {"csrfmiddlewaretoken": token, "voter": voter.group(1) if voter else "0"}
        data.update({"rank-1": "1", "rank-2": "2"})
        with self.client.post(
            PLAN["election"], data=data, name="cast vote", catch_response=True
        ) as answer:
            if voter is not None and not self.voted and VOTED in answer.text:
                self.voted = True
                COUNTS["votes"] += 1
            elif voter is None and self.voted and REFUSED_VOTE in answer.text:
                answer.success()  # a second vote for the same organisation: refused, as it must be
            else:
                answer.failure(f"vote: {answer.status_code}, voted before: {self.voted}")

    @task(2)
    def respond(self) -> None:
        open_ones = [c for c in PLAN["consultations"] if c["path"] not in self.answered]
        if not open_ones:
            return
        consultation = open_ones[0]
        form = self._form(consultation["path"], "consultation response form")
        if form is None:
            return
        token, _text = form
        data = {"csrfmiddlewaretoken": token, "responding_for": "", "submit": "1"}
        data.update({f"q{q}": "Soak answer." for q in consultation["questions"]})
        with self.client.post(
            consultation["path"], data=data, name="submit response", catch_response=True
        ) as answer:
            if answer.status_code == 200 and "/receipt/" in answer.url:
                self.answered.add(consultation["path"])
                COUNTS["responses"] += 1
            else:
                answer.failure(f"response: {answer.status_code} at {answer.url}")

    @task(2)
    def edit(self) -> None:
        self.edits += 1
        with self.client.patch(
            f"/api/organisations/{self.member['slug']}",
            json={"description_en": f"Edited by the soak, edit {self.edits}."},
            headers={"Authorization": f"Bearer {self.member['token']}"},
            name="PATCH /api/organisations/{slug}",
            catch_response=True,
        ) as answer:
            if answer.status_code == 200:
                COUNTS["edits"] += 1
            else:
                answer.failure(f"edit: {answer.status_code} {answer.text[:200]}")


class Staff(HttpUser):
    """The CVC's member of staff, uploading one organisation at a time to the directory."""

    fixed_count = 1
    wait_time = between(2, 4)

    def on_start(self) -> None:
        self.client.cookies.set(PLAN["cookie"], PLAN["staff_session"])

    @task
    def import_organisation(self) -> None:
        with self.client.get(
            "/directory/import/", name="directory import form", catch_response=True
        ) as page:
            token = CSRF.search(page.text or "")
            if token is None or not page.url.endswith("/directory/import/"):
                page.failure(f"import form {page.status_code} at {page.url}")
                return
        name = f"Soak import {uuid.uuid4()}"
        document = json.dumps(
            {
                "id": str(uuid.uuid4()),
                "name": name,
                "description": "",
                "website": "https://example.org",
            }
        )
        with self.client.post(
            "/directory/import/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "format": "oruk_json",
                "area": PLAN["area"],
            },
            files={"file": ("soak.json", document.encode(), "application/json")},
            name="directory import",
            catch_response=True,
        ) as answer:
            if answer.status_code == 200 and "Import complete" in answer.text:
                COUNTS["imports"] += 1
            else:
                problems = re.sub(r"<[^>]+>|\s+", " ", "".join(ERRORS.findall(answer.text)))
                answer.failure(f"import: {answer.status_code}: {problems[:300]}")
