"""Helpers for the outbox tests: kinds and sweepers registered for one test, and Django's own
email pointed at the test SMTP server."""

import pytest
from django.core.mail import EmailMessage

from loti_data import registry
from tests.factories import UserFactory


@pytest.fixture
def register_kind(monkeypatch):
    """``register_kind("test.hello", build)``: a kind of email for this test only."""

    def register(kind: str, build) -> str:
        monkeypatch.setitem(registry._emails, kind, registry.EmailKind(kind, build))
        return kind

    return register


@pytest.fixture
def hello(register_kind) -> str:
    """A simple kind whose subject comes from the payload (stored text, as a part might)."""
    return register_kind(
        "test.hello",
        lambda row: EmailMessage(subject=row.payload.get("subject", "Hello"), body="Hi."),
    )


@pytest.fixture
def register_sweeper(monkeypatch):
    def register(name: str, run) -> None:
        monkeypatch.setitem(registry._sweepers, name, registry.Sweeper(name, run))

    return register


@pytest.fixture
def smtp_email(settings, smtp_sink):
    """Email sent in this process goes over SMTP to ``smtp_sink``."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return smtp_sink


@pytest.fixture
def people(reference_data):
    return [UserFactory() for _ in range(3)]
