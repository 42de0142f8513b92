"""Issue 19: the worker killed (SIGKILL) mid-way through a count, a digest run and an import.

Each test runs the real thing in a separate process against the test database: the worker
(``manage.py worker``) or the import command, kills it at a point inside the work, starts it
again and finds the work finished exactly once, with nothing half-written. PostgreSQL only:
the test database of SQLite lives in this process's memory, out of another process's reach,
and production runs on PostgreSQL.
"""

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from commonground.core.models import Area, DomainEvent, Organisation, Theme, User
from commonground.engagement import actions as engagement
from commonground.engagement import sending, tasks
from commonground.engagement.models import Digest
from commonground.funding.models import Agreement
from commonground.partnerships.models import SeatHolding
from commonground.representation import actions as representation
from commonground.representation.models import Ballot, Election
from tests.engagement.conftest import _free_port
from tests.representation.conftest import build_scene, run_to_election

ROOT = Path(__file__).resolve().parents[2]
WORKER_ID = "fault-test-worker"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql"},
        reason="another process must reach the test database: PostgreSQL only",
    ),
]


def _env(**extra: str) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE": "0",
        **extra,
    }


def _wait(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def _in_transaction_elsewhere(statement: str = "%") -> bool:
    """Another session of the test database is inside a transaction (doing the work), and
    its latest statement is like ``statement``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
            " AND state IN ('active', 'idle in transaction') AND query ILIKE %s",
            [statement],
        )
        return bool(cursor.fetchone()[0])


class Worker:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        command = [sys.executable, "manage.py", "worker", "--worker-id", WORKER_ID]
        self.process = subprocess.Popen(
            [*command, "--interval", "0.1", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> str:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.terminate()
        output, _ = self.process.communicate(timeout=30)
        return output or ""


@pytest.fixture
def worker(settings: Any) -> Iterator[Worker]:
    # Tasks this test process enqueues go to the database queue the worker reads.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    running = Worker(_env())
    yield running
    if running.process is not None and running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def _task(name: str) -> DBTaskResult:
    return DBTaskResult.objects.get(task_path__endswith=name)


def _finished(name: str) -> Callable[[], bool]:
    return lambda: _task(name).status == TaskResultStatus.SUCCESSFUL


class _StallingInbox:
    """An SMTP server that holds the ``stall_at``-th message unanswered until released, and
    does not keep it: the worker dies before the server has accepted it."""

    def __init__(self, stall_at: int) -> None:
        self.messages: list[str] = []
        self.stall_at = stall_at
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.seen = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.seen += 1
        if self.seen == self.stall_at:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
            return "451 Requested action aborted"
        self.messages.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def publish_bulletin(
    make_organisation: Callable[..., Organisation], make_user: Callable[..., User], area: Area
) -> Callable[[], None]:
    council = make_organisation(name_en="Fault Test Council", kind=Organisation.Kind.PUBLIC_BODY)
    officer = make_user(role=("public_body_officer", area), role_organisation=council)
    text = {"title": "Housing news", "summary": "Summary", "body": "Body"}
    fields = {f"{k}_{lang}": f"{v} {lang}" for k, v in text.items() for lang in ("en", "cy")}

    def publish() -> None:
        housing = Theme.objects.get(slug="housing")
        engagement.publish_bulletin(officer, council, {**fields, "priority": 2}, themes=[housing])

    return publish


def test_a_digest_run_killed_mid_way_sends_every_digest_once_after_restart(
    worker: Worker, make_user: Callable[..., User], area: Area, publish_bulletin: Any
) -> None:
    users = [make_user() for _ in range(4)]
    for user in users:
        engagement.subscribe(user, themes=[], areas=[area], frequency="weekly", language="en")
    publish_bulletin()
    inbox = _StallingInbox(stall_at=2)
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    worker.env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp.port))
    week = sending.weekly_period(timezone.localdate() + timedelta(days=7))
    try:
        tasks.send_digests.enqueue("weekly", (timezone.localdate() + timedelta(days=7)).isoformat())
        worker.start()
        assert inbox.stalled.wait(90), "the worker never reached the second digest"
        worker.kill()
        inbox.release.set()

        # Killed: one digest sent, one claimed by the dead run, the task left running.
        statuses = sorted(Digest.objects.filter(period=week.key).values_list("status", flat=True))
        assert statuses == ["pending", "pending", "sending", "sent"]
        assert _task("send_digests").status == TaskResultStatus.RUNNING
        assert not DomainEvent.objects.of_type("digest.sent").exists()

        worker.start()
        _wait(_finished("send_digests"), "the retried digest run")
        output = worker.stop()
    finally:
        inbox.release.set()
        smtp.stop()
    assert "Requeued task" in output
    assert sorted(inbox.messages) == sorted(u.email for u in users)  # each once, none lost
    assert set(Digest.objects.filter(period=week.key).values_list("status", flat=True)) == {"sent"}
    events = DomainEvent.objects.of_type("digest.sent").filter(area=area)
    assert sum(e.payload["recipients"] for e in events) == 4


def test_a_count_killed_mid_way_is_counted_once_after_restart(
    worker: Worker,
    area: Area,
    make_organisation: Callable[..., Organisation],
    make_user: Callable[..., User],
) -> None:
    scene = build_scene(area, make_organisation, make_user)
    election = run_to_election(scene, nominees=3)
    for voter, prefs in enumerate([[1, 2], [2, 3], [3, 1], [1]]):
        representation.cast_ballot(scene.admins[voter], election, scene.organisations[voter], prefs)
    # Enough ballots for the count to take a moment, so the kill lands inside it.
    patterns = [[1, 2, 3], [2, 1], [3, 2, 1], [2, 3], [1, 3]]
    Ballot.objects.bulk_create(
        [Ballot(election=election, preferences=patterns[n % 5]) for n in range(40_000)]
    )
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    representation.close_voting(scene.staff, election)  # queues the count

    worker.start()
    _wait(
        lambda: (
            _task("count_election").status == TaskResultStatus.RUNNING
            and _in_transaction_elsewhere()
        ),
        "the count to start",
    )
    worker.kill()
    election.refresh_from_db()
    assert election.status == Election.Status.CLOSED  # killed mid-count: nothing written
    assert not SeatHolding.objects.filter(seat=scene.seat).exists()

    worker.start()
    _wait(_finished("count_election"), "the retried count")
    worker.stop()
    election.refresh_from_db()
    assert election.status == Election.Status.COUNTED
    assert election.ballots_cast == 40_004
    assert SeatHolding.objects.filter(seat=scene.seat).count() == 1  # one seat, filled once
    assert DomainEvent.objects.of_type("representative.elected").count() == 1


def _grants(count: int, area_code: str) -> dict[str, Any]:
    return {
        "grants": [
            {
                "id": f"360G-fault-{n:06d}",
                "title": f"Fault test grant {n}",
                "description": "Core costs.",
                "currency": "GBP",
                "amountAwarded": 1000 + n,
                "awardDate": "2025-03-01",
                "recipientOrganization": [
                    {"id": f"GB-CHC-{4_000_000 + n % 300}", "name": f"Recipient {n % 300}"}
                ],
                "fundingOrganization": [{"id": "GB-CHC-1999999", "name": "Fault Test Fund"}],
                "plannedDates": [{"startDate": "2025-04-01", "endDate": "2027-03-31"}],
                "beneficiaryLocation": [{"geoCode": area_code, "geoCodeType": "UA"}],
            }
            for n in range(count)
        ]
    }


def test_an_import_killed_mid_way_writes_nothing_and_a_rerun_imports_once(
    area: Area, tmp_path: Path
) -> None:
    package = tmp_path / "grants.json"
    package.write_text(json.dumps(_grants(3000, area.code)))
    command = [sys.executable, "manage.py", "import_360giving", str(package)]
    importing = subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL)
    try:
        _wait(lambda: _in_transaction_elsewhere("INSERT%"), "the import to start writing")
        importing.send_signal(signal.SIGKILL)
    finally:
        importing.wait(timeout=30)
    assert importing.returncode == -signal.SIGKILL  # it was killed, it did not finish
    assert not Agreement.objects.exists()
    assert not Organisation.objects.filter(identifier__startswith="GB-CHC-4").exists()
    assert not DomainEvent.objects.of_type("agreement.imported").exists()

    for _run in range(2):  # the retry imports everything; a second retry adds nothing
        subprocess.run(command, cwd=ROOT, env=_env(), check=True, capture_output=True)
        assert Agreement.objects.count() == 3000
        assert Organisation.objects.filter(identifier__startswith="GB-CHC-4").count() == 300
