from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation
from loti_data.errors import NotAllowed
from methodology.checkpoint import ReviewState
from projects.ethics import services as ethics
from projects.models import EthicsReview
from tests.factories import ProjectFactory, UserFactory
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db

QUEUE = "/ethics/queue/"


def submitted_project(lead, title, days_ago):
    project = ProjectFactory(created_by=lead, title=title)
    EthicsReview.objects.create(
        project=project,
        state=ReviewState.SUBMITTED,
        round=1,
        submitted_at=timezone.now() - timedelta(days=days_ago),
    )
    return project


def test_reviewers_see_submissions_oldest_first(client_for, loti_staff, camden_lead, lambeth_lead):
    submitted_project(camden_lead, "Newer project", days_ago=1)
    submitted_project(lambeth_lead, "Older project", days_ago=9)

    page = client_for(loti_staff).get(QUEUE).content.decode()

    assert page.index("Older project") < page.index("Newer project")
    assert "2 reviews" in page


def test_members_cannot_open_the_queue(client_for, camden_lead, library_admin):
    assert client_for(camden_lead).get(QUEUE).status_code == 403
    assert client_for(library_admin).get(QUEUE).status_code == 403


def test_assigned_to_me_and_state_filters(client_for, loti_staff, ethics_reviewer, in_review):
    other = submitted_project(in_review.created_by, "Nobody has it", days_ago=2)
    client = client_for(loti_staff)

    mine = client.get(QUEUE, {"mine": "on"}).content.decode()
    assert in_review.title in mine and other.title not in mine
    waiting = client.get(QUEUE, {"show": "submitted"}).content.decode()
    assert other.title in waiting and in_review.title not in waiting
    assert (
        in_review.title
        not in client_for(ethics_reviewer).get(QUEUE, {"mine": "on"}).content.decode()
    )


def test_a_reviewer_takes_a_review(client_for, loti_staff, submitted):
    response = client_for(loti_staff).post(
        f"/projects/{submitted.pk}/ethics/assign/", {"take": "1"}
    )
    assert response.status_code == 302
    review = EthicsReview.objects.get(project=submitted)
    assert (review.state, review.reviewer) == (ReviewState.IN_REVIEW, loti_staff)
    assert review.events.last().action == "assigned"


def test_a_reviewer_assigns_another_reviewer(client_for, loti_staff, ethics_reviewer, submitted):
    response = client_for(loti_staff).post(
        f"/projects/{submitted.pk}/ethics/assign/", {"reviewer": ethics_reviewer.pk}
    )
    assert response.status_code == 302
    assert EthicsReview.objects.get(project=submitted).reviewer == ethics_reviewer


def camden_reviewer():
    return UserFactory(
        email="ig@camden.example",
        organisation=Organisation.objects.get(slug="camden"),
        groups=[roles.ETHICS_REVIEWERS],
    )


def test_a_reviewer_from_the_lead_organisation_is_told_and_refused(client_for, submitted):
    reviewer = camden_reviewer()
    client = client_for(reviewer)

    page = client.get(QUEUE).content.decode()
    assert "Camden leads this project, so someone else must review it." in page
    assert "Take the review of" not in page

    client.post(f"/projects/{submitted.pk}/ethics/assign/", {"take": "1"})
    assert EthicsReview.objects.get(project=submitted).reviewer is None
    with pytest.raises(NotAllowed, match="leads this project"):
        decide(submitted, reviewer, "approved")


def test_a_reviewer_on_the_team_is_refused(loti_staff, submitted):
    submitted.memberships.create(user=loti_staff, role="editor")
    with pytest.raises(NotAllowed, match="on this project's team"):
        ethics.ethics_review_assign(
            review=ethics.review_of(submitted), reviewer=loti_staff, by=loti_staff
        )
    with pytest.raises(NotAllowed, match="on this project's team"):
        decide(submitted, loti_staff, "approved")


def test_nobody_can_be_assigned_a_conflicted_review(client_for, loti_staff, submitted):
    reviewer = camden_reviewer()
    client_for(loti_staff).post(
        f"/projects/{submitted.pk}/ethics/assign/", {"reviewer": reviewer.pk}
    )
    assert EthicsReview.objects.get(project=submitted).reviewer is None


def test_the_queue_costs_the_same_for_1_and_50_reviews(client_for, loti_staff, camden_lead):
    client = client_for(loti_staff)
    submitted_project(camden_lead, "Project 0", days_ago=60)
    client.get(QUEUE)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(QUEUE).status_code == 200
        return len(context)

    one = count()
    for n in range(1, 50):
        submitted_project(camden_lead, f"Project {n}", days_ago=50 - n)
    assert count() == one
    assert one <= 12
