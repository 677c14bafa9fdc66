"""The dashboard's charts come with data tables; the lessons page gathers evaluations."""

import re

import pytest

from projects.models import Evaluation, Project, ProjectPartner
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_dashboard_counts_by_stage_status_theme_and_organisation(
    client_for, camden_lead, lambeth_lead, lambeth, housing
):
    one = ProjectFactory(created_by=camden_lead, stage="insights", themes=[housing])
    ProjectFactory(created_by=camden_lead)
    ProjectFactory(created_by=lambeth_lead)
    Project.objects.filter(pk=one.pk).update(status="accepted")
    ProjectPartner.objects.create(project=one, organisation=lambeth)
    response = client_for(camden_lead).get("/backlog/dashboard/")
    figures = response.context["figures"]
    assert figures["total"] == 3
    assert dict(figures["by_stage"]) == {
        "Outcomes": 2,
        "Actions": 0,
        "Insights": 1,
        "Enablers": 0,
        "Ethics": 0,
        "Data": 0,
    }
    assert dict(figures["by_status"])["Accepted"] == 1
    assert dict(figures["by_status"])["New"] == 2
    assert dict(figures["by_theme"])["Housing"] == 1
    orgs = {row.organisation.slug: row for row in figures["organisations"]}
    assert (orgs["camden"].led, orgs["camden"].partnered) == (2, 0)
    assert (orgs["lambeth"].led, orgs["lambeth"].partnered) == (1, 1)


def test_every_chart_has_a_data_table_and_no_inline_styles(client_for, camden_lead):
    ProjectFactory(created_by=camden_lead)
    html = client_for(camden_lead).get("/backlog/dashboard/").content.decode()
    assert html.count('role="img"') == 3
    for title in ("Projects by stage", "Projects by status", "Projects by theme"):
        assert f"<caption>{title}: the figures</caption>" in html
    assert "Per organisation: projects led, partnered and interested" in html
    assert not re.search(r"\sstyle=", html)
    assert "<script>" not in html


def test_the_dashboard_says_when_there_is_nothing(client_for, camden_lead):
    html = client_for(camden_lead).get("/backlog/dashboard/").content.decode()
    assert "There are no projects yet" in html


def test_lessons_list_search_and_theme(client_for, camden_lead, loti_staff, housing):
    housing_project = ProjectFactory(title="Homes", created_by=camden_lead, themes=[housing])
    other = ProjectFactory(title="Roads", created_by=camden_lead)
    Evaluation.objects.create(
        project=housing_project,
        outcomes_achieved="Fewer evictions",
        lessons_learned="Agree data sharing first",
        recorded_by=loti_staff,
    )
    Evaluation.objects.create(
        project=other,
        outcomes_achieved="Safer junctions",
        lessons_learned="Involve the highways team",
        recorded_by=loti_staff,
    )
    client = client_for(camden_lead)
    html = client.get("/backlog/lessons/").content.decode()
    assert "Agree data sharing first" in html and "Involve the highways team" in html
    html = client.get("/backlog/lessons/", {"theme": "housing"}).content.decode()
    assert "Agree data sharing first" in html and "Involve the highways team" not in html
    html = client.get("/backlog/lessons/", {"q": "highways"}).content.decode()
    assert "Agree data sharing first" not in html and "Involve the highways team" in html
    html = client.get("/backlog/lessons/", {"q": "nothing like it"}).content.decode()
    assert "No lessons match these filters" in html


def test_lessons_empty_state(client_for, camden_lead):
    html = client_for(camden_lead).get("/backlog/lessons/").content.decode()
    assert "No project has finished yet" in html
