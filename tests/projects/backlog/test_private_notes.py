"""Private triage notes: LOTI staff only, never in other people's pages, exports or emails."""

import pytest
from django.core import mail

from loti_data.outbox.models import OutboxEmail
from projects.backlog import services as triage
from tests.support.outbox import deliver_owed

pytestmark = pytest.mark.django_db

SECRET = "Chief executive is lukewarm: do not promise funding"


@pytest.fixture
def noted(loti_staff, camden_project):
    triage.triage_note_add(project=camden_project, text=SECRET, by=loti_staff)
    return camden_project


def test_staff_add_and_read_notes(client_for, loti_staff, camden_project):
    response = client_for(loti_staff).post(
        f"/backlog/projects/{camden_project.pk}/notes/", {"note-text": SECRET}, follow=True
    )
    html = response.content.decode()
    assert "Private note saved" in html
    assert SECRET in html


def test_an_empty_note_is_refused(client_for, loti_staff, camden_project):
    response = client_for(loti_staff).post(
        f"/backlog/projects/{camden_project.pk}/notes/", {"note-text": "  "}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["camden_lead", "lambeth_lead", "ethics_reviewer", "library_admin"]
)
def test_nobody_else_sees_notes_in_pages_or_exports(request, client_for, noted, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in (
        noted.get_absolute_url(),
        "/backlog/",
        "/backlog/dashboard/",
        "/backlog/lessons/",
        "/",
    ):
        assert SECRET not in client.get(url).content.decode(), url
    export = client.get("/backlog/export.csv").content.decode()
    assert "Camden early warning" in export
    assert SECRET not in export
    assert "Private triage notes" not in export


def test_staff_export_includes_notes(client_for, loti_staff, noted):
    export = client_for(loti_staff).get("/backlog/export.csv").content.decode()
    assert SECRET in export


def test_status_emails_carry_the_reason_never_the_notes(loti_staff, noted):
    triage.project_set_status(project=noted, status="accepted", reason="Strong case", by=loti_staff)
    assert deliver_owed() == 1
    message = mail.outbox[-1]
    assert message.to == ["lead@camden.example"]
    assert "Strong case" in message.body
    assert SECRET not in message.body
    assert SECRET not in message.subject
    # The outbox row holds ids only: the note is not stored with the email either.
    assert SECRET not in str(list(OutboxEmail.objects.values_list("payload", flat=True)))
