"""The broker is down while people work: a project is submitted for ethics review, its backlog
status changes, someone asks for a password reset. Every page still answers normally, and once
the broker is back every email arrives, exactly once. Real pages, a real Celery worker, a private
``redis-server`` stopped and started again on the same port, and a real SMTP server."""

import time
from collections import Counter

import pytest
from django.test import Client

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import sweep
from methodology.stages import Stage
from tests.factories import ProjectFactory
from tests.projects.canvas.conftest import CanvasFiller
from tests.support.redis_server import publishing_to

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def project(camden_lead):
    """A Camden project whose Ethics stage is filled in, ready to submit."""
    filler = CanvasFiller(
        ProjectFactory(title="Rough sleeping insights", created_by=camden_lead), camden_lead
    )
    filler.through(Stage.ENABLERS)
    filler.ethics()
    return filler.project


def test_a_dead_broker_never_turns_the_request_into_an_error_page(
    client_for, loti_staff, camden_lead, caplog
):
    project = ProjectFactory(title="Camden early warning", created_by=camden_lead)
    with publishing_to("redis://127.0.0.1:1/0"):  # nothing listens there
        response = client_for(loti_staff).post(
            f"/backlog/projects/{project.pk}/status/",
            {"status-status": "accepted", "status-reason": "Strong outcomes case"},
            follow=True,
        )

    assert response.status_code == 200
    assert "Camden early warning" in response.content.decode()
    project.refresh_from_db()
    assert project.status == "accepted"
    (row,) = OutboxEmail.objects.all()
    assert (row.recipient, row.status, row.doorbell_at) == (camden_lead, "queued", None)
    assert "left for the next sweep" in caplog.text


@pytest.mark.integration
def test_every_email_arrives_once_after_the_broker_returns(
    start_celery_worker,
    smtp_sink,
    private_redis,
    project,
    camden_lead,
    loti_staff,
    ethics_reviewer,
):
    worker = start_celery_worker(broker_url=private_redis.url)
    with publishing_to(private_redis.url):
        private_redis.stop()

        submitted = signed_in(camden_lead).post(
            f"/projects/{project.pk}/ethics/submit/", {"note": "Please review"}
        )
        status = signed_in(loti_staff).post(
            f"/backlog/projects/{project.pk}/status/",
            {"status-status": "accepted", "status-reason": "Strong outcomes case"},
        )
        reset = Client().post("/accounts/password_reset/", {"email": camden_lead.email})

        # The people were not given an error page: their changes are saved, the emails owed.
        assert [submitted.status_code, status.status_code, reset.status_code] == [302] * 3
        assert reset["Location"] == "/accounts/password_reset/done/"
        project.refresh_from_db()
        assert (project.ethics_review.state, project.status) == ("submitted", "accepted")
        assert set(OutboxEmail.objects.values_list("status", "doorbell_at")) == {("queued", None)}
        time.sleep(2)
        assert smtp_sink.messages == []

        private_redis.start()  # the same port, empty
        # The reset request is owed by the accounts' sweeper, which rings for it itself.
        result = sweep()
        assert (result.rung_again, result.sweepers["accounts.password_resets"]["owed"]) == (3, 1)
        smtp_sink.wait_for(4, timeout=90)
        time.sleep(3)
        assert sweep().rung_again == 0  # nothing is owed any more

    assert len(smtp_sink.messages) == 4, worker.log()
    received = Counter(
        (message["X-Envelope-To"], message["Subject"]) for message in smtp_sink.messages
    )
    assert received == Counter(
        {
            (loti_staff.email, "Ethics review requested: Rough sleeping insights"): 1,
            (ethics_reviewer.email, "Ethics review requested: Rough sleeping insights"): 1,
            (camden_lead.email, "Rough sleeping insights: backlog status is now Accepted"): 1,
            (camden_lead.email, "Reset your loti-data password"): 1,
        }
    )
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}
