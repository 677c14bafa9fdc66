"""Only LOTI staff triage. Everyone else gets 403 from every triage URL and nothing changes."""

import pytest

from projects.models import Project, TriageChange, TriageNote

pytestmark = pytest.mark.django_db


def triage_posts(project, housing) -> list[tuple[str, dict]]:
    pk = project.pk
    return [
        (f"/backlog/projects/{pk}/status/", {"status-status": "declined", "status-reason": "No"}),
        (
            f"/backlog/projects/{pk}/priority-owner-themes/",
            {"triage-priority": "3", "triage-themes": [housing.pk]},
        ),
        (f"/backlog/projects/{pk}/rank/", {"move": "up"}),
        (f"/backlog/projects/{pk}/rank/", {"rank-position": "1"}),
        (f"/backlog/projects/{pk}/notes/", {"note-text": "sneaky"}),
    ]


def snapshot(project) -> tuple:
    project = Project.objects.get(pk=project.pk)
    return (
        project.status,
        project.priority,
        project.rank,
        list(project.themes.all()),
        TriageChange.objects.count(),
        TriageNote.objects.count(),
    )


@pytest.mark.parametrize(
    "persona", ["camden_lead", "lambeth_lead", "ethics_reviewer", "library_admin"]
)
def test_non_staff_are_refused_and_nothing_changes(
    request, client_for, persona, camden_lead, camden_project, housing
):
    from tests.factories import ProjectFactory

    ProjectFactory(created_by=camden_lead)  # something to swap ranks with
    camden_project.refresh_from_db()
    Project.objects.filter(pk=camden_project.pk).update(rank=2)
    before = snapshot(camden_project)
    client = client_for(request.getfixturevalue(persona))
    for url, data in triage_posts(camden_project, housing):
        assert client.post(url, data).status_code == 403, url
    assert client.get(f"/backlog/projects/{camden_project.pk}/triage/").status_code == 403
    assert snapshot(camden_project) == before


def test_anonymous_visitors_are_sent_to_log_in(client, camden_project, housing):
    for url, data in triage_posts(camden_project, housing):
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_unknown_project_is_404_for_staff(client_for, loti_staff, reference_data):
    client = client_for(loti_staff)
    assert client.get("/backlog/projects/999999/triage/").status_code == 404
    assert client.post("/backlog/projects/999999/notes/", {"note-text": "x"}).status_code == 404


def test_triage_urls_only_accept_post(client_for, loti_staff, camden_project):
    response = client_for(loti_staff).get(f"/backlog/projects/{camden_project.pk}/status/")
    assert response.status_code == 405


def test_loti_staff_open_the_triage_page(client_for, loti_staff, camden_project):
    response = client_for(loti_staff).get(f"/backlog/projects/{camden_project.pk}/triage/")
    assert response.status_code == 200
    assert "Triage: Camden early warning" in response.content.decode()
