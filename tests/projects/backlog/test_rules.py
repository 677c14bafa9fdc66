"""The backlog rules, one function per question (projects/backlog/rules.py)."""

import pytest

from methodology.checkpoint import ReviewState
from projects.backlog import rules
from projects.backlog import services as triage
from projects.canvas.access import project_for_user
from projects.models import EthicsReview, Project
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Project.Status


def test_the_closed_statuses_are_done_declined_and_duplicate(camden_project):
    closed = set()
    for status in Status:
        camden_project.status = status
        if rules.is_closed(camden_project):
            closed.add(status)
    assert closed == {Status.DONE, Status.DECLINED, Status.DUPLICATE} == Status.closed()


def test_needs_triage(camden_lead, loti_staff):
    def project(status, priority=Project.Priority.NOT_SET, owner=None):
        made = ProjectFactory(created_by=camden_lead)
        Project.objects.filter(pk=made.pk).update(
            status=status, priority=priority, loti_owner=owner
        )
        return made.pk

    waiting = {
        project(Status.NEW),
        project(Status.ACCEPTED, Project.Priority.HIGH),  # no owner yet
        project(Status.IN_PROGRESS, owner=loti_staff),  # no priority yet
    }
    project(Status.ACCEPTED, Project.Priority.HIGH, loti_staff)
    project(Status.ON_HOLD)
    project(Status.DONE)
    mine = Project.objects.filter(created_by=camden_lead)
    assert set(mine.filter(rules.needs_triage_q()).values_list("pk", flat=True)) == waiting


@pytest.mark.parametrize(
    "persona, staff",
    [
        ("loti_staff", True),
        ("camden_lead", False),
        ("lambeth_lead", False),
        ("ethics_reviewer", False),
        ("library_admin", False),
    ],
)
def test_only_loti_staff_triage_and_keep_notes(request, camden_project, persona, staff):
    person = request.getfixturevalue(persona)
    assert rules.may_triage(person) is staff
    assert rules.may_keep_private_notes(person) is staff
    assert rules.may_record_evaluation(person, camden_project) is staff
    assert rules.may_be_loti_owner(person) is staff
    for status in Status:
        assert rules.may_change_status(person, camden_project, status) is staff


def test_the_reviewer_who_rejected_a_project_may_decline_it_and_nothing_else(
    camden_project, ethics_reviewer, loti_staff
):
    EthicsReview.objects.create(
        project=camden_project, state=ReviewState.REJECTED, reviewer=ethics_reviewer
    )
    project = Project.objects.get(pk=camden_project.pk)
    assert rules.may_change_status(ethics_reviewer, project, Status.DECLINED)
    assert not rules.may_change_status(ethics_reviewer, project, Status.ACCEPTED)
    assert not rules.may_triage(ethics_reviewer)
    other = UserFactory(email="other@loti.example", organisation=loti_staff.organisation)
    assert not rules.may_change_status(other, project, Status.DECLINED)


def test_an_inactive_member_of_staff_cannot_own_a_project(loti_staff):
    loti_staff.is_active = False
    assert not rules.may_be_loti_owner(loti_staff)


def test_interest_refusals(camden_project, camden, lambeth, loti):
    def refusal(organisation, partners=(), interested=()):
        return rules.interest_refusal(
            camden_project, organisation, partner_ids=partners, interested_ids=interested
        )

    assert refusal(lambeth) == ""
    assert refusal(camden) == "Camden already leads this project."
    assert (
        refusal(lambeth, partners={lambeth.pk}) == "Lambeth is already a partner on this project."
    )
    assert (
        refusal(lambeth, interested={lambeth.pk}) == "Lambeth has already registered its interest."
    )
    camden_project.status = Status.DUPLICATE
    assert "is duplicate: it is not looking for partners" in refusal(loti)


def test_who_registers_withdraws_and_accepts(camden_project, camden_lead, lambeth_lead, camden):
    assert rules.may_register_interest(lambeth_lead, lambeth_lead.organisation)
    assert not rules.may_register_interest(camden_lead, lambeth_lead.organisation)
    interest = triage.interest_register(
        project=camden_project, organisation=lambeth_lead.organisation, by=lambeth_lead
    )
    colleague = UserFactory(organisation=lambeth_lead.organisation)
    assert rules.may_withdraw_interest(colleague, interest)
    assert not rules.may_withdraw_interest(camden_lead, interest)
    editor = UserFactory(organisation=camden)
    camden_project.memberships.create(user=editor, role="editor")
    assert rules.may_decide_interest(camden_lead, camden_project)
    assert not rules.may_decide_interest(editor, camden_project)
    assert not rules.may_decide_interest(lambeth_lead, camden_project)


def test_the_lead_is_known_from_the_page_without_a_query(
    camden_project, camden_lead, django_assert_num_queries
):
    project = project_for_user(camden_lead, camden_project.pk)
    with django_assert_num_queries(0):
        assert rules.may_decide_interest(camden_lead, project)
