"""A member creates a project for their organisation and leads it."""

import pytest

from projects.models import Project, StageState, Theme
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_member_creates_a_project_and_leads_it(client_for, camden_lead):
    themes = Theme.objects.filter(slug__in=["housing", "health"])
    response = client_for(camden_lead).post(
        "/projects/new/",
        {
            "title": "Damp and mould early warning",
            "summary": "Tenants live with damp for months before repairs are raised.",
            "themes": [t.pk for t in themes],
        },
    )
    project = Project.objects.get()
    assert response["Location"] == f"/projects/{project.pk}/stages/outcomes/"
    assert project.lead_organisation == camden_lead.organisation
    assert project.created_by == camden_lead
    assert project.memberships.get().role == "lead"
    assert set(project.themes.all()) == set(themes)
    assert StageState.objects.filter(project=project).count() == 6
    assert project.events.get().kind == "created"


def test_the_create_form_offers_every_theme(client_for, camden_lead):
    html = client_for(camden_lead).get("/projects/new/").content.decode()
    for name in ["Housing", "Children&#x27;s services", "Digital inclusion", "Other"]:
        assert name in html


def test_the_team_edits_the_details_and_it_is_recorded(client_for, camden_lead, project):
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/edit/", {"title": "Eviction prevention 2", "summary": "New"}
    )
    assert response.status_code == 302
    event = project.events.get()
    assert ["Title", "Eviction prevention", "Eviction prevention 2"] in event.changes


def test_the_list_pages_through_projects(client_for, camden_lead, lambeth_lead):
    for n in range(30):
        ProjectFactory(created_by=lambeth_lead, title=f"Lambeth project {n:02}")
    ProjectFactory(created_by=camden_lead, title="Camden's own")
    client = client_for(camden_lead)
    first = client.get("/projects/").content.decode()
    assert "31 projects" in first and "Page 1 of 2" in first
    mine = client.get("/projects/?mine=1").content.decode()
    assert "Camden&#x27;s own" in mine and "Lambeth project" not in mine
    assert client.get("/projects/?page=999").status_code == 200
    assert client.get("/projects/?page=abc").status_code == 200


def test_your_projects_panel_lists_the_team_projects(client_for, camden_lead, lambeth_lead):
    ProjectFactory(created_by=camden_lead, title="Camden damp")
    ProjectFactory(created_by=lambeth_lead, title="Lambeth only")
    html = client_for(camden_lead).get("/").content.decode()
    assert "Camden damp" in html and "stage 1 of 6: Outcomes" in html
    assert "Lambeth only" not in html
