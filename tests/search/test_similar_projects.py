"""Before a borough starts a project, it sees who across London already does something like it,
and may join it instead; every project page lists similar projects."""

import pytest

from projects.backlog.models import Interest
from projects.backlog.similar import similar_projects
from projects.models import Project, Theme
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
NEW = "/projects/new/"


@pytest.fixture
def camden_rough_sleeping(camden_lead):
    project = ProjectFactory(
        title="Rough sleeping insights",
        summary="People new to sleeping rough are not found in their first nights.",
        created_by=camden_lead,
    )
    project.themes.add(Theme.objects.get(name="Housing"))
    return project


def test_a_title_that_echoes_an_existing_project_shows_it_first(
    client_for, camden_rough_sleeping, lambeth_lead
):
    client = client_for(lambeth_lead)
    response = client.post(
        NEW, {"title": "Rough sleeping outreach", "summary": "Finding rough sleepers sooner."}
    )
    html = response.content.decode()
    assert (
        response.status_code == 200
        and not Project.objects.filter(lead_organisation=lambeth_lead.organisation).exists()
    )
    similar = response.context["similar"]
    assert similar[0].project == camden_rough_sleeping
    assert similar[0].reason.startswith("Its title shares “rough”, “sleeping”")
    assert "Led by Camden" in html and "Partners: none yet" in html
    assert "Create my project anyway" in html

    # Registering interest instead of creating.
    response = client.post(f"/backlog/projects/{camden_rough_sleeping.pk}/interest/")
    assert Interest.objects.get().organisation == lambeth_lead.organisation

    # Or going on: the same details, confirmed, create the project.
    response = client.post(
        NEW,
        {
            "title": "Rough sleeping outreach",
            "summary": "Finding rough sleepers.",
            "confirm": "yes",
        },
    )
    assert response.status_code == 302
    assert Project.objects.filter(lead_organisation=lambeth_lead.organisation).count() == 1


def test_nothing_similar_creates_at_once(client_for, camden_rough_sleeping, lambeth_lead):
    response = client_for(lambeth_lead).post(
        NEW, {"title": "Pothole reports", "summary": "Potholes reported twice."}
    )
    assert response.status_code == 302


def test_same_theme_is_a_reason(camden_rough_sleeping):
    housing = Theme.objects.get(name="Housing")
    similar = similar_projects(title="Damp and mould", summary="Repairs", themes=[housing])
    assert [(item.project, item.reason) for item in similar] == [
        (camden_rough_sleeping, "Same theme: Housing")
    ]


def test_every_project_page_shows_similar_projects(
    client_for, camden_rough_sleeping, lambeth_lead, django_assert_max_num_queries
):
    other = ProjectFactory(title="Sleeping rough: winter shelter data", created_by=lambeth_lead)
    html = client_for(lambeth_lead).get(other.get_absolute_url()).content.decode()
    assert "Similar projects across London" in html
    assert "Rough sleeping insights" in html


def test_hostile_details_still_get_a_page(client_for, camden_rough_sleeping, lambeth_lead):
    for title in ["\x00", "🙂" * 100, "' | & ! <->", "שלום rough"]:
        response = client_for(lambeth_lead).post(NEW, {"title": title, "summary": "x" * 4000})
        assert response.status_code in (200, 302)
