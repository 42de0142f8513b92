"""Tasks a crashed worker left running, put back in the queue.

``django_tasks_db`` marks a task ``RUNNING`` when a worker claims it and never looks at it
again: if that worker is killed, the task stays running for ever and nobody retries it. Each
worker has a stable id (``manage.py worker --worker-id``), and runs one task at a time, so
when a worker starts, any task still running under its own id was cut off by its last
crash. ``recover`` returns those tasks to the queue, first letting each app release what the
dead run had claimed (a digest in ``sending``), so the retry finishes the work exactly once.
Every task must therefore be safe to run again: each of ours is, by a unique key, a claim or
one transaction.
"""

from collections.abc import Callable

from django.db import transaction
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

Release = Callable[[str], None]
_releases: list[Release] = []


def on_recovery(release: Release) -> Release:
    """Register ``release(task_id)``: undo a dead run's claims before its task runs again."""
    _releases.append(release)
    return release


def recover(worker_id: str) -> list[str]:
    """Requeue the tasks left running under ``worker_id``. Returns their ids."""
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        orphans = [t for t in running if t.worker_ids and t.worker_ids[-1] == worker_id]
        for orphan in orphans:
            for release in _releases:
                release(str(orphan.pk))
            orphan.status = TaskResultStatus.READY
            orphan.started_at = None
            orphan.save(update_fields=["status", "started_at"])
    return [str(o.pk) for o in orphans]
