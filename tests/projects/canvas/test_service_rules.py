"""The canvas services enforce the rules themselves: a direct call by someone without the right
is refused (``CanvasNotAllowed``, a 403 in a view) and changes nothing."""

import pytest

from loti_data.accounts.models import Organisation
from loti_data.errors import NotAllowed
from methodology.stages import Principle, Stage
from projects.canvas import services
from projects.canvas.services import CanvasError, CanvasNotAllowed
from projects.models import (
    Outcome,
    Project,
    ProjectMembership,
    ProjectPartner,
    StageEvent,
    StageState,
)
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = ["lambeth_lead", "loti_staff", "ethics_reviewer", "library_admin"]


@pytest.fixture
def canvas(filler, camden):
    """Outcomes and Actions complete, a partner and an editor on the team."""
    filler.through(Stage.ACTIONS)
    project = filler.project
    editor = UserFactory(email="editor@camden.example", organisation=camden)
    ProjectMembership.objects.create(project=project, user=editor, role="editor")
    gla = Organisation.objects.get(slug="greater-london-authority")
    ProjectPartner.objects.create(project=project, organisation=gla)
    return project


@pytest.fixture
def editor(canvas):
    return canvas.memberships.get(role="editor").user


def state(project) -> tuple:
    """Everything a refused call might have touched."""
    project = Project.objects.get(pk=project.pk)
    return (
        project.title,
        project.stage,
        sorted(project.memberships.values_list("user__email", "role")),
        sorted(project.partnerships.values_list("organisation__slug", flat=True)),
        sorted(project.outcomes.values_list("who", flat=True)),
        sorted(StageState.objects.filter(project=project).values_list("stage", "version")),
        StageEvent.objects.count(),
    )


def refused(call, project):
    before = state(project)
    with pytest.raises(CanvasNotAllowed):
        call()
    assert state(project) == before


def version(project, stage) -> int:
    return StageState.objects.get(project=project, stage=stage).version


def test_a_refusal_of_the_person_is_a_403_not_a_message():
    # Views turn the part's errors into messages; a refusal of the person must not be one.
    assert issubclass(CanvasNotAllowed, NotAllowed)
    assert not issubclass(CanvasNotAllowed, CanvasError)


def test_an_inactive_account_cannot_create_a_project(camden):
    gone = UserFactory(organisation=camden, is_active=False)
    with pytest.raises(CanvasNotAllowed):
        services.project_create(by=gone, title="Ghost", summary="Nobody", themes=[])
    assert not Project.objects.filter(title="Ghost").exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_only_the_team_changes_the_project_and_its_canvas(request, canvas, persona):
    person = request.getfixturevalue(persona)
    outcome = canvas.outcomes.get()
    outcome.who = "Hijacked"
    calls = [
        lambda: services.project_update(
            project=canvas, by=person, title="Hijacked", summary="x", themes=[]
        ),
        lambda: services.entry_save(
            project=canvas,
            by=person,
            version=version(canvas, Stage.OUTCOMES),
            entry=Outcome(who="Someone", how="Somehow", measure="Measured"),
        ),
        lambda: services.entry_save(
            project=canvas, by=person, version=version(canvas, Stage.OUTCOMES), entry=outcome
        ),
        lambda: services.entry_delete(
            project=canvas,
            by=person,
            version=version(canvas, Stage.ACTIONS),
            entry=canvas.actions.get(),
        ),
        lambda: services.ethics_save(
            project=canvas,
            by=person,
            version=version(canvas, Stage.ETHICS),
            answers={"legal_use": "Hijacked"},
            principles={Principle.PRIVACY.value: {"rating": "low"}},
        ),
        lambda: services.stage_complete(
            project=canvas, stage=Stage.INSIGHTS, by=person, version=version(canvas, "insights")
        ),
    ]
    for call in calls:
        refused(call, canvas)


@pytest.mark.parametrize("persona", ["editor", "lambeth_lead", "loti_staff"])
def test_only_a_lead_manages_the_team_and_partners(request, canvas, persona, lambeth):
    person = request.getfixturevalue(persona)
    lead = canvas.memberships.get(role="lead")
    partner = canvas.partnerships.get()
    calls = [
        lambda: services.membership_add(
            project=canvas, by=person, user=UserFactory(email="new@camden.example"), role="lead"
        ),
        lambda: services.membership_change_role(membership=lead, by=person, role="editor"),
        lambda: services.membership_remove(membership=lead, by=person),
        lambda: services.partner_add(project=canvas, by=person, organisation=lambeth),
        lambda: services.partner_remove(partner=partner, by=person),
    ]
    for call in calls:
        refused(call, canvas)


def test_a_team_member_cannot_change_another_projects_entries(camden_lead, canvas, lambeth_lead):
    other = ProjectFactory(created_by=lambeth_lead, title="Lambeth project")
    theirs = Outcome.objects.create(project=other, who="Lambeth residents", how="Better")
    theirs.who = "Hijacked through Camden's project"
    refused(
        lambda: services.entry_save(
            project=canvas, by=camden_lead, version=version(canvas, Stage.OUTCOMES), entry=theirs
        ),
        canvas,
    )
    refused(
        lambda: services.entry_delete(
            project=canvas, by=camden_lead, version=version(canvas, Stage.OUTCOMES), entry=theirs
        ),
        canvas,
    )
    assert Outcome.objects.get(pk=theirs.pk).project == other


def test_the_team_still_changes_it(canvas, editor, camden_lead, lambeth):
    """The same calls by the people with the right go through."""
    services.project_update(project=canvas, by=editor, title="Renamed", summary="s", themes=[])
    services.partner_add(project=canvas, by=camden_lead, organisation=lambeth)
    assert Project.objects.get(pk=canvas.pk).title == "Renamed"
    assert canvas.partnerships.filter(organisation=lambeth).exists()
