"""The backlog services enforce who may do what: a direct call by someone without the right is
refused (``TriageNotAllowed``, a 403 in a view) and changes nothing."""

import pytest

from loti_data.errors import NotAllowed
from methodology.checkpoint import ReviewState
from projects.backlog import services as triage
from projects.backlog.services import TriageError, TriageNotAllowed
from projects.models import (
    EthicsReview,
    Evaluation,
    EvaluationRevision,
    Interest,
    Project,
    ProjectPartner,
    TriageChange,
    TriageNote,
)
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_STAFF = ["camden_lead", "lambeth_lead", "ethics_reviewer", "library_admin"]


def state(project) -> tuple:
    project = Project.objects.get(pk=project.pk)
    return (
        project.status,
        project.priority,
        project.rank,
        project.loti_owner_id,
        sorted(project.themes.values_list("slug", flat=True)),
        project.interest_count,
        sorted(Interest.objects.values_list("organisation__slug", "status")),
        sorted(ProjectPartner.objects.values_list("organisation__slug", flat=True)),
        TriageChange.objects.count(),
        TriageNote.objects.count(),
        list(Evaluation.objects.values_list("outcomes_achieved", "lessons_learned")),
        EvaluationRevision.objects.count(),
    )


def refused(call, project):
    before = state(project)
    with pytest.raises(TriageNotAllowed):
        call()
    assert state(project) == before


def test_a_refusal_of_the_person_is_a_403_not_a_message():
    # Views turn the part's errors into messages; a refusal of the person must not be one.
    assert issubclass(TriageNotAllowed, NotAllowed)
    assert not issubclass(TriageNotAllowed, TriageError)


@pytest.mark.parametrize("persona", NOT_STAFF)
def test_only_loti_staff_triage(request, persona, camden_lead, camden_project, housing, loti_staff):
    ProjectFactory(created_by=camden_lead)  # something to swap ranks with
    person = request.getfixturevalue(persona)
    calls = [
        lambda: triage.project_set_status(
            project=camden_project, status="accepted", reason="Mine", by=person
        ),
        lambda: triage.project_set_status(
            project=camden_project, status="declined", reason="Mine", by=person
        ),
        lambda: triage.project_triage_update(
            project=camden_project, by=person, priority=3, loti_owner=loti_staff, themes=[housing]
        ),
        lambda: triage.project_move(project=camden_project, position=2, by=person),
        lambda: triage.project_move_down(project=camden_project, by=person),
        lambda: triage.triage_note_add(project=camden_project, text="Sneaky", by=person),
        lambda: triage.evaluation_record(
            project=camden_project, outcomes_achieved="o", lessons_learned="l", by=person
        ),
    ]
    for call in calls:
        refused(call, camden_project)


def test_a_project_lead_cannot_finish_their_own_project(camden_lead, camden_project):
    refused(
        lambda: triage.project_set_status(
            project=camden_project,
            status="done",
            reason="We say so",
            by=camden_lead,
            outcomes_achieved="All of them",
            lessons_learned="None",
        ),
        camden_project,
    )


def test_only_the_reviewer_who_rejected_declines_and_only_declines(
    camden_project, ethics_reviewer, loti_staff
):
    EthicsReview.objects.create(
        project=camden_project, state=ReviewState.REJECTED, reviewer=loti_staff
    )
    refused(  # another reviewer
        lambda: triage.project_set_status(
            project=camden_project, status="declined", reason="x", by=ethics_reviewer
        ),
        camden_project,
    )
    EthicsReview.objects.filter(project=camden_project).update(reviewer=ethics_reviewer)
    refused(  # the rejecting reviewer, but not declining
        lambda: triage.project_set_status(
            project=camden_project, status="accepted", reason="x", by=ethics_reviewer
        ),
        camden_project,
    )
    triage.project_set_status(
        project=camden_project, status="declined", reason="Rejected", by=ethics_reviewer
    )
    assert Project.objects.get(pk=camden_project.pk).status == "declined"


def test_a_review_that_is_not_rejected_lets_nobody_decline(camden_project, ethics_reviewer):
    EthicsReview.objects.create(
        project=camden_project, state=ReviewState.APPROVED, reviewer=ethics_reviewer
    )
    refused(
        lambda: triage.project_set_status(
            project=camden_project, status="declined", reason="x", by=ethics_reviewer
        ),
        camden_project,
    )


def test_interest_only_for_your_own_organisation(camden_project, lambeth_lead, loti_staff):
    refused(
        lambda: triage.interest_register(
            project=camden_project, organisation=lambeth_lead.organisation, by=loti_staff
        ),
        camden_project,
    )
    interest = triage.interest_register(
        project=camden_project, organisation=lambeth_lead.organisation, by=lambeth_lead
    )
    refused(lambda: triage.interest_withdraw(interest=interest, by=loti_staff), camden_project)


@pytest.mark.parametrize("persona", ["lambeth_lead", "loti_staff", "editor"])
def test_only_the_projects_lead_accepts_a_partner(
    request, persona, camden_project, camden, lambeth_lead
):
    editor = UserFactory(email="editor@camden.example", organisation=camden)
    camden_project.memberships.create(user=editor, role="editor")
    interest = triage.interest_register(
        project=camden_project, organisation=lambeth_lead.organisation, by=lambeth_lead
    )
    person = editor if persona == "editor" else request.getfixturevalue(persona)
    refused(lambda: triage.interest_accept(interest=interest, by=person), camden_project)
    assert Interest.objects.get(project=camden_project).status == "interested"
