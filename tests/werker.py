"""The real background worker of django-tasks-db (`manage.py db_worker`), for tests of background
work: `werker()` runs every task waiting in the queue, as a worker in batch mode does; the fixture
`werker_draad` keeps one running beside a live server, the way `make run` does beside runserver."""

import threading
from unittest import mock

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker


def _worker(*, batch: bool, interval: float = 0.0) -> Worker:
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-werker",
        excluded_queue_names=[],
    )


def werker() -> None:
    """Run the tasks in the queue (and those they enqueue) until it is empty.

    In the test's own thread the worker shares the test's connection, inside the test's
    transaction; the worker's `close_old_connections()` (a request's end, for a worker process)
    would close that connection on PostgreSQL, so here it is left open."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        _worker(batch=True).run()


@pytest.fixture
def werker_draad(transactional_db):
    """A worker in a thread that polls every 50 ms until the test ends."""
    worker = _worker(batch=False, interval=0.05)
    draad = threading.Thread(target=worker.run, name="db_worker", daemon=True)
    draad.start()
    yield worker
    worker.running = False
    draad.join(timeout=10)
