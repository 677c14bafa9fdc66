"""The ethics-review services enforce who may make each move: a direct call by someone without
the right is refused (``EthicsReviewNotAllowed``, a 403 in a view) and changes nothing."""

import pytest

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation
from loti_data.errors import NotAllowed
from methodology.checkpoint import ReviewState
from methodology.stages import Stage
from projects.ethics import services as ethics
from projects.ethics.services import EthicsReviewError, EthicsReviewNotAllowed
from projects.models import EthicsReview, EthicsReviewEvent, Project, StageState
from tests.factories import UserFactory
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db


def state(project) -> tuple:
    review = EthicsReview.objects.filter(project=project).first()
    return (
        review and (review.state, review.reviewer_id, review.round, review.conditions_acknowledged),
        EthicsReviewEvent.objects.count(),
        StageState.objects.get(project=project, stage=Stage.ETHICS).is_complete,
        Project.objects.get(pk=project.pk).status,
    )


def refused(call, project):
    before = state(project)
    with pytest.raises(EthicsReviewNotAllowed):
        call()
    assert state(project) == before


@pytest.fixture
def editor(project, camden):
    user = UserFactory(email="editor@camden.example", organisation=camden)
    project.memberships.create(user=user, role="editor")
    return user


@pytest.fixture
def camden_reviewer(reference_data):
    """An ethics reviewer from the project's own lead organisation: conflicted."""
    return UserFactory(
        email="ig@camden.example",
        organisation=Organisation.objects.get(slug="camden"),
        groups=[roles.ETHICS_REVIEWERS],
    )


def test_a_refusal_of_the_person_is_a_403_not_a_message():
    # Views turn the part's errors into messages; a refusal of the person must not be one.
    assert issubclass(EthicsReviewNotAllowed, NotAllowed)
    assert not issubclass(EthicsReviewNotAllowed, EthicsReviewError)


@pytest.mark.parametrize("persona", ["lambeth_lead", "loti_staff", "library_admin"])
def test_only_the_team_submits(request, project, persona):
    person = request.getfixturevalue(persona)
    refused(lambda: ethics.ethics_review_submit(project=project, by=person), project)
    assert not EthicsReview.objects.filter(project=project).exists()  # not even a draft


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "library_admin"])
def test_only_reviewers_assign(request, submitted, persona, ethics_reviewer):
    person = request.getfixturevalue(persona)
    review = ethics.review_of(submitted)
    refused(
        lambda: ethics.ethics_review_assign(review=review, reviewer=ethics_reviewer, by=person),
        submitted,
    )
    refused(
        lambda: ethics.ethics_review_assign(review=review, reviewer=person, by=person), submitted
    )


def test_a_conflicted_reviewer_cannot_take_or_decide(submitted, camden_reviewer):
    review = ethics.review_of(submitted)
    refused(
        lambda: ethics.ethics_review_assign(
            review=review, reviewer=camden_reviewer, by=camden_reviewer
        ),
        submitted,
    )
    refused(lambda: decide(submitted, camden_reviewer, "approved"), submitted)


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "library_admin"])
def test_members_cannot_decide(request, in_review, persona):
    person = request.getfixturevalue(persona)
    refused(lambda: decide(in_review, person, "approved"), in_review)
    refused(lambda: decide(in_review, person, "rejected"), in_review)


@pytest.mark.parametrize("persona", ["editor", "lambeth_lead", "loti_staff"])
def test_only_a_lead_acknowledges_the_conditions(request, in_review, loti_staff, persona):
    decide(in_review, loti_staff, "approved_with_conditions", conditions="Publish a notice.")
    person = request.getfixturevalue(persona)
    refused(
        lambda: ethics.ethics_review_acknowledge_conditions(
            review=ethics.review_of(in_review), by=person
        ),
        in_review,
    )


def test_only_the_team_sends_an_approved_project_back_for_review(in_review, loti_staff):
    decide(in_review, loti_staff, "approved")
    refused(
        lambda: ethics.ethics_review_note_stage_change(
            project=in_review, stage=Stage.OUTCOMES, by=loti_staff
        ),
        in_review,
    )
    assert EthicsReview.objects.get(project=in_review).state == ReviewState.APPROVED
