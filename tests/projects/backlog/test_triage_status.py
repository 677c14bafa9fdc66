"""Status changes: reasons, duplicates, done with an evaluation, and the audit rows."""

import pytest

from methodology.checkpoint import ReviewState
from projects.backlog import services as triage
from projects.models import EthicsReview, Evaluation, Project, TriageChange
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def post_status(client, project, **data):
    return client.post(
        f"/backlog/projects/{project.pk}/status/",
        {f"status-{key}": value for key, value in data.items()},
    )


def test_staff_change_the_status_with_a_reason_and_it_is_recorded(
    client_for, loti_staff, camden_project
):
    response = post_status(
        client_for(loti_staff), camden_project, status="accepted", reason="Strong outcomes"
    )
    assert response.status_code == 302
    camden_project.refresh_from_db()
    assert camden_project.status == "accepted"
    change = TriageChange.objects.get(project=camden_project)
    assert (change.field, change.old_value, change.new_value, change.reason) == (
        "status",
        "New",
        "Accepted",
        "Strong outcomes",
    )
    assert change.changed_by == loti_staff
    history = client_for(loti_staff).get(camden_project.get_absolute_url()).content.decode()
    assert "Strong outcomes" in history


def test_a_reason_is_required(client_for, loti_staff, camden_project):
    response = post_status(client_for(loti_staff), camden_project, status="declined", reason=" ")
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    camden_project.refresh_from_db()
    assert camden_project.status == "new"
    assert not TriageChange.objects.exists()


def test_duplicate_needs_another_real_project(client_for, loti_staff, camden_project, camden_lead):
    client = client_for(loti_staff)
    response = post_status(client, camden_project, status="duplicate", reason="Same thing")
    assert "Give the number of the project this duplicates" in response.content.decode()
    response = post_status(
        client, camden_project, status="duplicate", reason="Same", duplicate_of=999999
    )
    assert "There is no project #999999" in response.content.decode()
    response = post_status(
        client, camden_project, status="duplicate", reason="Same", duplicate_of=camden_project.pk
    )
    assert "cannot be a duplicate of itself" in response.content.decode()
    original = ProjectFactory(title="Original", created_by=camden_lead)
    response = post_status(
        client, camden_project, status="duplicate", reason="Same", duplicate_of=original.pk
    )
    assert response.status_code == 302
    camden_project.refresh_from_db()
    assert camden_project.duplicate_of == original
    assert TriageChange.objects.get().new_value == f"Duplicate of “Original” (#{original.pk})"


def test_done_asks_for_the_evaluation(client_for, loti_staff, camden_project):
    client = client_for(loti_staff)
    response = post_status(client, camden_project, status="done", reason="Finished")
    html = response.content.decode()
    assert response.status_code == 400
    assert "A finished project needs the outcomes achieved" in html
    assert "A finished project needs the lessons learned" in html
    assert not Evaluation.objects.exists()
    response = post_status(
        client,
        camden_project,
        status="done",
        reason="Finished",
        outcomes_achieved="Fewer evictions",
        lessons_learned="Start with the data-sharing agreement",
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(project=camden_project)
    assert evaluation.lessons_learned == "Start with the data-sharing agreement"
    lessons = client.get("/backlog/lessons/").content.decode()
    assert "Start with the data-sharing agreement" in lessons
    assert "Fewer evictions" in lessons


def test_the_same_status_is_refused(loti_staff, camden_project):
    with pytest.raises(triage.TriageError, match="already"):
        triage.project_set_status(project=camden_project, status="new", reason="x", by=loti_staff)


def test_other_parts_of_the_product_can_decline_a_project(ethics_reviewer, camden_project):
    """The ethics review declines a rejected project through the same service: the backlog's
    rules let the reviewer who rejected it do that (and nobody else outside LOTI staff)."""
    EthicsReview.objects.create(
        project=camden_project, state=ReviewState.REJECTED, reviewer=ethics_reviewer
    )
    triage.project_set_status(
        project=camden_project,
        status=Project.Status.DECLINED,
        reason="Ethics review rejected the project",
        by=ethics_reviewer,
    )
    camden_project.refresh_from_db()
    assert camden_project.status == "declined"
    assert TriageChange.objects.get().changed_by == ethics_reviewer
