"""A private ``redis-server`` for tests that stop the broker: never the shared one.

``private_redis`` starts it on a free port (no persistence, so a restart loses every message)
and can stop it and start it again on the same port; ``publishing_to(url)`` points this test
process's Celery producer at it, while workers get it as ``broker_url``.
"""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
from kombu import pools as kombu_pools

from loti_data.celery import app as celery_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
    return ping.stdout.strip() == "PONG"


class PrivateRedis:
    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*command, "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
        )
        for _ in range(100):
            if _answers(self.port):
                return
            time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        """Without persistence: every message it held is gone."""
        self.stop()
        self.start()


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server")
    server = PrivateRedis(_free_port())
    server.start()
    yield server
    server.stop()


def _reset_producer_pool() -> None:
    # kombu keeps its connection and producer pools in global groups, keyed by broker URL:
    # close and forget them all, or a closed pool would be handed out again later.
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def publishing_to(broker_url: str):
    """Point this test process's Celery producer at another broker for a while."""
    old = celery_app.conf.broker_write_url
    celery_app.conf.broker_write_url = broker_url  # what producers connect to
    _reset_producer_pool()
    try:
        yield
    finally:
        celery_app.conf.broker_write_url = old
        _reset_producer_pool()
