"""A member replicates another borough's project in their own: what the copy brings, what it
never takes, the links both show, and who may."""

import pytest

from methodology.stages import Stage
from projects.backlog import services as backlog
from projects.canvas import services
from projects.models import (
    Action,
    Dataset,
    EthicsAssessment,
    Insight,
    Outcome,
    Project,
    StageEvent,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_project(data_unlocked, project, camden_lead, loti_staff, lambeth, reference_data):
    """A Camden project with every stage filled, a dataset, a team, a partner, triage and a
    private note."""
    filler = data_unlocked.through(Stage.ETHICS)
    filler.dataset(list(Insight.objects.filter(project=project)))
    analyst = UserFactory(email="analyst@camden.example", organisation=camden_lead.organisation)
    services.membership_add(project=project, by=camden_lead, user=analyst, role="editor")
    hackney = type(lambeth).objects.get(slug="hackney")
    services.partner_add(project=project, by=camden_lead, organisation=hackney)
    backlog.triage_note_add(project=project, text="Watch the budget.", by=loti_staff)
    backlog.project_set_status(
        project=project,
        status="done",
        by=loti_staff,
        reason="Done.",
        outcomes_achieved="Evictions fell.",
        lessons_learned="Start with the rent data.",
    )
    return Project.objects.get(pk=project.pk)


def test_replicate_round_trip(client_for, full_project, lambeth_lead, lambeth):
    client = client_for(lambeth_lead)
    page = client.get(f"/projects/{full_project.pk}/replicate/").content.decode()
    assert "What is not copied" in page and "1 outcome" in page
    response = client.post(f"/projects/{full_project.pk}/replicate/")
    copy = Project.objects.get(lead_organisation=lambeth)
    assert response["Location"] == copy.get_absolute_url()

    # What it brings: details, themes and the four stages with their links.
    assert (copy.title, copy.summary, copy.replicated_from) == (
        full_project.title,
        full_project.summary,
        full_project,
    )
    assert [o.who for o in Outcome.objects.filter(project=copy)] == [
        "Residents at risk of eviction"
    ]
    action = Action.objects.get(project=copy)
    assert list(action.outcomes.all()) == list(Outcome.objects.filter(project=copy))
    assert list(Insight.objects.get(project=copy).actions.all()) == [action]
    assert copy.enablers.count() == 1

    # What it never takes.
    assert list(copy.memberships.values_list("user__email", "role")) == [
        ("lead@lambeth.example", "lead")
    ]
    assert not copy.partnerships.exists()
    assert not Dataset.objects.filter(project=copy).exists()
    assert not EthicsAssessment.objects.filter(project=copy).exists()
    assert not hasattr(copy, "ethics_review") or copy.ethics_review is None
    assert (copy.status, copy.priority, copy.loti_owner) == ("new", 0, None)
    assert (
        not copy.triage_notes.exists()
        and not copy.stage_states.filter(completed_at__isnull=False).exists()
    )

    # Both show the link; the copy shows the original's lessons; both histories record it.
    copy_page = client.get(copy.get_absolute_url()).content.decode()
    assert "Replicated from" in copy_page and "Start with the rent data." in copy_page
    original_page = client.get(full_project.get_absolute_url()).content.decode()
    assert "Replicated by 1 organisation" in original_page and "Lambeth" in original_page
    assert StageEvent.objects.filter(project=copy, subject__startswith="Replicated from").exists()
    assert StageEvent.objects.filter(
        project=full_project, subject__startswith="Replicated by Lambeth"
    ).exists()


def test_who_may_replicate(client_for, project, camden_lead, lambeth_lead):
    # Its own organisation already leads it: refused, nothing created.
    response = client_for(camden_lead).post(f"/projects/{project.pk}/replicate/")
    assert response.status_code == 403
    assert Project.objects.count() == 1
    with pytest.raises(services.CanvasNotAllowed):
        services.project_replicate(project=project, by=camden_lead)
    # Another borough may; a stranger signed out may not even see the page.
    assert client_for(lambeth_lead).get(f"/projects/{project.pk}/replicate/").status_code == 200


def test_signed_out_visitors_are_sent_to_log_in(client, project):
    assert client.get(f"/projects/{project.pk}/replicate/").status_code == 302
    assert client.post(f"/projects/{project.pk}/replicate/").status_code == 302
    assert Project.objects.count() == 1


def test_a_missing_project_is_a_404(client_for, lambeth_lead):
    assert client_for(lambeth_lead).post("/projects/999999/replicate/").status_code == 404


def test_the_backlog_filters_and_shows_replicas(client_for, project, lambeth_lead):
    copy = services.project_replicate(project=project, by=lambeth_lead)
    client = client_for(lambeth_lead)
    page = client.get("/backlog/", {"replication": "replica"})
    assert [row["id"] for row in page.context["page"].rows] == [copy.pk]
    assert "Replica of" in page.content.decode()
    page = client.get("/backlog/", {"replication": "replicated"})
    assert [row["id"] for row in page.context["page"].rows] == [project.pk]
    assert "Replicated by Lambeth" in page.content.decode()
    assert client.get("/backlog/", {"replication": "nonsense"}).status_code == 200
