"""The ethics-review rules, one function per question (projects/ethics/rules.py)."""

import pytest

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation
from methodology.checkpoint import ReviewState
from projects.ethics import rules
from projects.ethics import services as ethics
from projects.models import EthicsReview
from tests.factories import UserFactory
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(camden_lead, lambeth_lead, loti_staff, ethics_reviewer, library_admin):
    camden_reviewer = UserFactory(
        email="ig@camden.example",
        organisation=Organisation.objects.get(slug="camden"),
        groups=[roles.ETHICS_REVIEWERS],
    )
    team_reviewer = UserFactory(
        email="ig@hackney.example",
        organisation=Organisation.objects.get(slug="hackney"),
        groups=[roles.ETHICS_REVIEWERS],
    )
    return {
        "camden_lead": camden_lead,
        "lambeth_lead": lambeth_lead,
        "loti_staff": loti_staff,
        "ethics_reviewer": ethics_reviewer,
        "library_admin": library_admin,
        "camden_reviewer": camden_reviewer,
        "team_reviewer": team_reviewer,
    }


def test_reviewer_conflicts(project, people):
    project.memberships.create(user=people["team_reviewer"], role="editor")
    conflicts = {name: rules.reviewer_conflict(person, project) for name, person in people.items()}
    reviewers = {name for name, person in people.items() if rules.is_reviewer(person)}
    assert reviewers == {"loti_staff", "ethics_reviewer", "camden_reviewer", "team_reviewer"}
    assert conflicts["loti_staff"] == conflicts["ethics_reviewer"] == ""
    assert conflicts["camden_lead"] == "Only ethics reviewers review projects."
    assert conflicts["library_admin"] == "Only ethics reviewers review projects."
    assert "Camden leads this project" in conflicts["camden_reviewer"]
    assert "on this project's team" in conflicts["team_reviewer"]


def test_eligible_reviewers_are_exactly_those_without_a_conflict(project, people):
    project.memberships.create(user=people["team_reviewer"], role="editor")
    eligible = set(rules.eligible_reviewers(project))
    for name, person in people.items():
        assert (person in eligible) == (not rules.reviewer_conflict(person, project)), name
    assert eligible & set(people.values()) == {people["loti_staff"], people["ethics_reviewer"]}


def test_an_inactive_reviewer_is_not_eligible(project, ethics_reviewer):
    ethics_reviewer.is_active = False
    ethics_reviewer.save()
    assert ethics_reviewer not in rules.eligible_reviewers(project)


def test_submitting(project, camden_lead, lambeth_lead, loti_staff):
    assert rules.may_submit(camden_lead, project) and not rules.may_submit(loti_staff, project)
    assert rules.submittable(None)
    assert rules.can_submit_now(camden_lead, project, None)
    assert not rules.can_submit_now(lambeth_lead, project, None)
    review = ethics.ethics_review_submit(project=project, by=camden_lead)
    assert not rules.submittable(review)
    assert not rules.can_submit_now(camden_lead, project, review)


def test_taking_assigning_and_deciding(submitted, loti_staff, ethics_reviewer, camden_lead):
    review = ethics.review_of(submitted)
    assert rules.may_assign(loti_staff, review) and not rules.may_assign(camden_lead, review)
    assert rules.may_take(loti_staff, review) and rules.may_decide(loti_staff, review)
    assert not rules.may_take(camden_lead, review) and not rules.may_decide(camden_lead, review)

    review = ethics.ethics_review_assign(review=review, reviewer=loti_staff, by=loti_staff)
    assert not rules.may_take(ethics_reviewer, review)
    assert rules.may_assign(ethics_reviewer, review)  # may hand it to someone else
    assert rules.reviewed_by_someone_else(ethics_reviewer, review)
    assert not rules.may_decide(ethics_reviewer, review)
    assert rules.may_decide(loti_staff, review)

    review = decide(submitted, loti_staff, "approved")
    assert not rules.may_decide(loti_staff, review) and not rules.may_assign(loti_staff, review)


def test_acknowledging_the_conditions(in_review, loti_staff, camden_lead, lambeth_lead):
    review = ethics.review_of(in_review)
    assert not rules.conditions_awaiting_acknowledgement(review)
    review = decide(in_review, loti_staff, "approved_with_conditions", conditions="Notice.")
    assert rules.conditions_awaiting_acknowledgement(review)
    assert rules.can_acknowledge_now(camden_lead, in_review, review)
    assert not rules.can_acknowledge_now(lambeth_lead, in_review, review)
    review = ethics.ethics_review_acknowledge_conditions(review=review, by=camden_lead)
    assert not rules.can_acknowledge_now(camden_lead, in_review, review)


def test_rejected_by_names_only_the_reviewer_who_rejected(in_review, loti_staff, ethics_reviewer):
    assert not rules.rejected_by(loti_staff, in_review)
    decide(in_review, loti_staff, "rejected")
    project = EthicsReview.objects.get(project=in_review).project
    assert rules.rejected_by(loti_staff, project)
    assert not rules.rejected_by(ethics_reviewer, project)
    assert EthicsReview.objects.get(project=in_review).state == ReviewState.REJECTED
