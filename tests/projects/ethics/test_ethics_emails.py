"""Ethics emails go out through the outbox and a real Celery worker on Redis, to a real SMTP
server."""

import pytest

from loti_data.celery import app as celery_app
from loti_data.outbox.models import OutboxEmail
from projects.ethics import services as ethics
from projects.models import Project
from tests.projects.ethics.conftest import decide
from tests.support.outbox import wait_until_sent

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_submission_decision_and_resubmission_emails(
    celery_worker, smtp_sink, camden_lead, loti_staff, ethics_reviewer, filler
):
    project = filler.project
    ethics.ethics_review_submit(project=project, by=camden_lead, note="Please review")

    # Every reviewer who may review it hears about the submission.
    received = smtp_sink.wait_for(2)
    assert {m["X-Envelope-To"] for m in received} == {loti_staff.email, ethics_reviewer.email}
    assert received[0]["Subject"] == "Ethics review requested: Rough sleeping insights"
    assert "Please review" in received[0].get_body(("plain",)).get_content()

    ethics.ethics_review_assign(
        review=ethics.review_of(project), reviewer=loti_staff, by=loti_staff
    )
    decide(project, loti_staff, "changes_requested", reasons="Say who sees the list.")

    decision = smtp_sink.wait_for(3)[2]
    assert decision["X-Envelope-To"] == camden_lead.email
    assert decision["Subject"] == "Ethics review: changes requested: Rough sleeping insights"
    body = decision.get_body(("plain",)).get_content()
    assert "Say who sees the list." in body
    assert f"/projects/{project.pk}/ethics/review/" in body
    assert decision.get_body(("html",)) is not None

    filler.project = Project.objects.get(pk=project.pk)
    filler.ethics()
    ethics.ethics_review_submit(project=filler.project, by=camden_lead)

    # The resubmission goes back to the reviewer who asked for changes, and only to them.
    resubmitted = smtp_sink.wait_for(4)[3]
    assert resubmitted["X-Envelope-To"] == loti_staff.email
    assert resubmitted["Subject"] == "Resubmitted for ethics review: Rough sleeping insights"
    assert wait_until_sent(4, kind="ethics.event") == 4


def test_a_retried_task_does_not_email_twice(
    celery_worker, smtp_sink, camden_lead, loti_staff, filler
):
    ethics.ethics_review_submit(project=filler.project, by=camden_lead)
    smtp_sink.wait_for(1)
    event = filler.project.ethics_review.events.get()
    (row,) = OutboxEmail.objects.filter(kind="ethics.event", payload__event=event.pk)

    celery_app.send_task("outbox.send", args=[row.pk])  # as if the broker delivered it again
    celery_app.send_task("outbox.send", args=[row.pk])
    with pytest.raises(AssertionError):
        smtp_sink.wait_for(2, timeout=5)
    assert len(smtp_sink.to(loti_staff.email)) == 1
