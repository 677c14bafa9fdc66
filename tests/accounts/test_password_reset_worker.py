"""End to end with a real Celery worker and SMTP server: the page answers at once, the worker
owes and sends the email afterwards, and an unknown address gets nothing."""

import time

import pytest
from django.test import Client

from loti_data.accounts.models import PasswordResetRequest

pytestmark = pytest.mark.integration


def test_the_reset_email_leaves_after_the_answer(celery_worker, smtp_sink, camden_lead):
    client = Client()
    known = client.post("/accounts/password_reset/", {"email": camden_lead.email.upper()})
    unknown = client.post("/accounts/password_reset/", {"email": "nobody@camden.example"})
    assert known.status_code == unknown.status_code == 302

    (message,) = smtp_sink.wait_for(1, timeout=60)
    assert message["X-Envelope-To"] == camden_lead.email
    assert message["Subject"] == "Reset your loti-data password"
    deadline = time.monotonic() + 30
    while PasswordResetRequest.objects.filter(handled_at=None).exists():
        assert time.monotonic() < deadline, celery_worker.log()
        time.sleep(0.2)
    time.sleep(1)
    assert len(smtp_sink.messages) == 1
