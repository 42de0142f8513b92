import socket
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from commonground.core.recovery import recover


class Command(DBWorkerCommand):
    help = (
        "Run the background-task worker. Tasks a crash of this worker (same --worker-id) left "
        "running go back to the queue first. Each worker needs its own stable id."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        # db_worker's default id is random per start, which would orphan a crashed run's tasks.
        parser.set_defaults(worker_id=socket.gethostname()[:62] + "-1")

    def handle(self, *args: Any, **options: Any) -> None:
        for task_id in recover(options["worker_id"]):
            self.stdout.write(f"Requeued task {task_id}, left running by this worker's last run.")
        super().handle(*args, **options)
