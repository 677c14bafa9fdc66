"""Real Celery workers for integration tests: separate processes on the real Redis broker,
using the test database and sending email to the test SMTP sink.

Tests that use them need committed data, so they use ``transactional_db`` (the fixture does).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def integration_unavailable() -> str | None:
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        return "needs Redis: set CELERY_BROKER_URL (make test does)"
    if connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL (make test does)"
    return None


class WorkerProcess:
    def __init__(self, name: str, process: subprocess.Popen, log_path: Path) -> None:
        self.name = name
        self.process = process
        self.log_path = log_path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_until_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited early:\n{self.log()}")
            time.sleep(0.1)
        raise RuntimeError(f"Celery worker not ready after {timeout}s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: the worker dies mid-task with no chance to clean up."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_celery_worker(transactional_db, smtp_sink, tmp_path):
    """Start real worker processes: ``worker = start_celery_worker()``. All stop at teardown."""
    reason = integration_unavailable()
    if reason:
        pytest.skip(reason)

    import redis

    # A clean queue: nothing left over from an earlier test may be delivered to this one.
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    workers: list[WorkerProcess] = []

    def start(
        *extra_args: str, email_url: str | None = None, broker_url: str | None = None
    ) -> WorkerProcess:
        name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        log_path = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url or settings.CELERY_BROKER_URL,
            "EMAIL_URL": email_url or smtp_sink.url,
            "DJANGO_SETTINGS_MODULE": "loti_data.settings",
            "DJANGO_CONN_MAX_AGE": "0",
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "loti_data",
            "worker",
            "--pool=solo",
            "--loglevel=info",
            "--hostname",
            name,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            *extra_args,
        ]
        with log_path.open("w") as log:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        worker = WorkerProcess(name, process, log_path)
        workers.append(worker)
        worker.wait_until_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def celery_worker(start_celery_worker):
    """One real Celery worker, running for the duration of the test."""
    return start_celery_worker()
