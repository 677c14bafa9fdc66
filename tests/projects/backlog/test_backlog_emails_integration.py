"""End to end: a real Celery worker on Redis sends the status email, without private notes."""

import pytest

from projects.backlog import services as triage

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_status_change_email_goes_to_the_team_without_notes(
    celery_worker, smtp_sink, client_for, loti_staff, camden_lead
):
    from tests.factories import ProjectFactory

    project = ProjectFactory(title="Camden early warning", created_by=camden_lead)
    triage.triage_note_add(project=project, text="Private: budget is shaky", by=loti_staff)
    response = client_for(loti_staff).post(
        f"/backlog/projects/{project.pk}/status/",
        {"status-status": "accepted", "status-reason": "Strong outcomes case"},
    )
    assert response.status_code == 302
    (message,) = smtp_sink.wait_for(1)
    assert "lead@camden.example" in message["X-Envelope-To"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Strong outcomes case" in body
    assert "budget is shaky" not in body
