import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import ProjectPartner
from tests.factories import ProjectFactory
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db

REGISTER = "/ethics/register/"


def test_every_signed_in_member_reads_the_register(
    client_for, lambeth_lead, loti_staff, lambeth, in_review
):
    ProjectPartner.objects.create(project=in_review, organisation=lambeth)
    decide(
        in_review,
        loti_staff,
        "approved_with_conditions",
        reasons="Clear purpose.",
        conditions="Annual review.",
    )
    page = client_for(lambeth_lead).get(REGISTER).content.decode()
    for text in (
        in_review.title,
        "Camden, Lambeth",
        "Approved with conditions",
        "Clear purpose.",
        "Annual review.",
    ):
        assert text in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(REGISTER)["Location"].startswith("/accounts/login/")


def test_empty_register_says_so(client_for, camden_lead):
    assert "No decisions yet." in client_for(camden_lead).get(REGISTER).content.decode()


def test_the_register_costs_the_same_for_1_and_50_decisions(
    client_for, camden_lead, lambeth_lead, loti_staff, lambeth
):
    from methodology.checkpoint import ReviewState
    from projects.models import EthicsReview, EthicsReviewEvent

    def decided_project(n):
        project = ProjectFactory(created_by=camden_lead, title=f"Decided {n}")
        ProjectPartner.objects.create(project=project, organisation=lambeth)
        review = EthicsReview.objects.create(project=project, state=ReviewState.APPROVED, round=1)
        EthicsReviewEvent.objects.create(
            review=review,
            action="decided",
            actor=loti_staff,
            from_state="in_review",
            to_state="approved",
            note="Fine.",
        )

    client = client_for(lambeth_lead)
    decided_project(0)
    client.get(REGISTER)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(REGISTER).status_code == 200
        return len(context)

    one = count()
    for n in range(1, 50):
        decided_project(n)
    assert count() == one
    assert one <= 12
