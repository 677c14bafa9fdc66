from datetime import timedelta

import pytest
from django.utils import timezone

from methodology.checkpoint import ReviewState
from projects.ethics import services as ethics
from projects.models import EthicsReview, Project, StageState
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db


def test_changing_an_earlier_stage_after_approval_requires_a_rereview(
    client_for, camden_lead, loti_staff, in_review
):
    decide(in_review, loti_staff, "approved")
    outcome = in_review.outcomes.get()
    client = client_for(camden_lead)

    response = client.post(
        f"/projects/{in_review.pk}/stages/outcomes/{outcome.pk}/edit/",
        {
            "version": StageState.objects.get(project=in_review, stage="outcomes").version,
            "who": "Young people sleeping rough",
            "how": outcome.how,
            "measure": outcome.measure,
        },
        follow=True,
    )

    review = EthicsReview.objects.get(project=in_review)
    assert review.state == ReviewState.REREVIEW_REQUIRED
    assert "needs a new ethics review" in response.content.decode()
    event = review.events.last()
    assert (event.action, event.from_state, event.note) == (
        "rereview_required",
        "approved",
        "Outcomes changed after the ethics approval.",
    )
    page = client.get(f"/projects/{in_review.pk}/stages/data/").content.decode()
    assert "needs a new ethics review before Data opens again" in page


def test_the_team_resubmits_after_a_rereview_is_required(
    camden_lead, loti_staff, filler, in_review
):
    decide(in_review, loti_staff, "approved")
    filler.project = Project.objects.get(pk=in_review.pk)
    filler.enabler()
    review = ethics.ethics_review_submit(project=filler.project, by=camden_lead)
    assert (review.state, review.round) == (ReviewState.SUBMITTED, 2)


def test_changing_data_after_approval_needs_no_rereview(camden_lead, loti_staff, filler, in_review):
    decide(in_review, loti_staff, "approved")
    filler.project = Project.objects.get(pk=in_review.pk)
    filler.dataset([filler.project.insights.get()])
    assert EthicsReview.objects.get(project=in_review).state == ReviewState.APPROVED


def test_a_past_rereview_date_puts_the_project_in_the_queue(client_for, loti_staff, in_review):
    decide(in_review, loti_staff, "approved", rereview_on=timezone.localdate() + timedelta(days=30))
    client = client_for(loti_staff)
    assert in_review.title not in client.get("/ethics/queue/").content.decode()

    EthicsReview.objects.filter(project=in_review).update(
        rereview_on=timezone.localdate() - timedelta(days=1)
    )

    page = client.get("/ethics/queue/", {"show": "rereview_due"}).content.decode()
    assert in_review.title in page and "due for re-review" in page
    assert in_review.title in client.get("/ethics/queue/").content.decode()


def test_a_rereview_date_must_be_in_the_future(client_for, loti_staff, in_review):
    response = client_for(loti_staff).post(
        f"/projects/{in_review.pk}/ethics/decide/",
        {
            "decision": "approved",
            "reasons": "Fine.",
            "rereview_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The re-review date must be in the future." in response.content.decode()
