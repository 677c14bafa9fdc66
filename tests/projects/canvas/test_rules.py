"""The canvas rules, one function per question (projects/canvas/rules.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from methodology.stages import Stage
from projects.canvas import rules
from projects.canvas.access import project_for_user
from projects.canvas.selectors import Canvas
from projects.ethics import services as ethics
from projects.models import ProjectMembership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(project, camden):
    user = UserFactory(email="editor@camden.example", organisation=camden)
    ProjectMembership.objects.create(project=project, user=user, role="editor")
    return user


def test_team_roles(project, camden_lead, editor, lambeth_lead, loti_staff):
    assert rules.team_role(camden_lead, project) == "lead"
    assert rules.team_role(editor, project) == "editor"
    assert rules.team_role(lambeth_lead, project) is None
    assert (rules.is_lead(camden_lead, project), rules.is_lead(editor, project)) == (True, False)
    assert rules.is_on_team(editor, project) and not rules.is_on_team(loti_staff, project)


@pytest.mark.parametrize(
    "persona, edit, manage",
    [
        ("camden_lead", True, True),
        ("editor", True, False),
        ("lambeth_lead", False, False),
        ("loti_staff", False, False),
        ("ethics_reviewer", False, False),
        ("library_admin", False, False),
    ],
)
def test_who_reads_edits_and_manages(request, project, persona, edit, manage):
    person = request.getfixturevalue(persona)
    assert rules.may_read(person, project)
    assert rules.may_create_project(person)
    assert rules.may_edit(person, project) is edit
    assert rules.may_manage_team(person, project) is manage


def test_anonymous_visitors_may_do_nothing(project):
    visitor = AnonymousUser()
    assert not rules.may_read(visitor, project)
    assert not rules.may_create_project(visitor)
    assert not rules.may_edit(visitor, project)


def test_the_role_read_with_the_project_costs_no_query(
    project, editor, lambeth_lead, django_assert_num_queries
):
    fetched = project_for_user(editor, project.pk)
    with django_assert_num_queries(0):
        assert rules.may_edit(editor, fetched) and not rules.may_manage_team(editor, fetched)
    # Asking about someone else than the person it was fetched for reads their own role.
    with django_assert_num_queries(1):
        assert not rules.may_edit(lambeth_lead, fetched)


def test_a_stage_is_closed_until_the_stages_before_it_are_complete(filler, camden_lead):
    project = filler.project
    statuses = Canvas(project).statuses
    assert rules.stage_closed_reason(project, Stage.OUTCOMES, statuses) == ""
    assert "opens when Outcomes is complete" in rules.stage_closed_reason(
        project, Stage.ACTIONS, statuses
    )
    assert rules.may_edit_stage(camden_lead, project, Stage.OUTCOMES, statuses)
    assert not rules.may_edit_stage(camden_lead, project, Stage.ACTIONS, statuses)


def test_a_submitted_ethics_stage_is_closed_and_data_waits_for_approval(
    filler, camden_lead, lambeth_lead
):
    filler.through(Stage.ENABLERS)
    filler.ethics()
    ethics.ethics_review_submit(project=filler.project, by=camden_lead)
    project = project_for_user(camden_lead, filler.project.pk)
    statuses = Canvas(project).statuses
    assert "with the reviewers" in rules.stage_closed_reason(project, Stage.ETHICS, statuses)
    assert "Data opens once the ethics review is approved" in rules.stage_closed_reason(
        project, Stage.DATA, statuses
    )
    assert rules.may_edit_stage(camden_lead, project, Stage.OUTCOMES, statuses)
    assert not rules.may_edit_stage(lambeth_lead, project, Stage.OUTCOMES, statuses)
