"""A real SMTP server on localhost that keeps what it receives, for tests of outgoing email.

Celery workers run in their own process, so Django's in-memory outbox cannot see their mail;
they send it over SMTP to this sink instead, exactly as they would in production.
"""

import asyncio
import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


class SmtpSink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse_next = 0  # answer the next N messages with ``refusal``
        self.refusal = "451 4.3.0 Temporary failure, try again later"
        self._lock = threading.Lock()
        # hold_after(n): once n messages are in, keep the next one waiting (no answer) until
        # release(); a client that dies meanwhile never gets its "250 OK", so it is not kept.
        self._hold_after: int | None = None
        self.holding = threading.Event()
        self._released = threading.Event()

    def hold_after(self, count: int) -> None:
        self._hold_after = count
        self.holding.clear()
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            hold = self._hold_after is not None and len(self.messages) >= self._hold_after
            if hold:
                self._hold_after = None
        if hold:
            self.holding.set()
            while not self._released.is_set():
                await asyncio.sleep(0.05)  # cancelled if the client disconnects
        with self._lock:
            if self.refuse_next > 0:
                self.refuse_next -= 1
                return self.refusal
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
            self.messages.append(message)
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 20.0) -> list[EmailMessage]:
        """Wait until at least ``count`` messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} emails within {timeout}s, got {len(self.messages)}")

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["X-Envelope-To"]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink():
    """An SMTP server on 127.0.0.1; ``smtp_sink.url`` goes into EMAIL_URL."""
    sink = SmtpSink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.url = f"smtp://127.0.0.1:{port}"
    sink.port = port
    yield sink
    controller.stop()
