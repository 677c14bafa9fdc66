import pytest

from methodology.checkpoint import ReviewState
from projects.backlog import services as triage
from projects.ethics import services as ethics
from projects.models import EthicsReview, Project
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db


def decide_url(project):
    return f"/projects/{project.pk}/ethics/decide/"


def review(project):
    return EthicsReview.objects.get(project=project)


def test_approve_opens_data(client_for, loti_staff, camden_lead, in_review):
    response = client_for(loti_staff).post(
        decide_url(in_review), {"decision": "approved", "reasons": "Proportionate."}
    )
    assert response.status_code == 302
    assert review(in_review).state == ReviewState.APPROVED
    page = client_for(camden_lead).get(f"/projects/{in_review.pk}/stages/data/").content.decode()
    assert "Add a dataset" in page or "Save dataset" in page or "dataset" in page.lower()
    assert "Data opens" not in page


def test_reasons_are_required(client_for, loti_staff, in_review):
    response = client_for(loti_staff).post(decide_url(in_review), {"decision": "approved"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert review(in_review).state == ReviewState.IN_REVIEW


def test_conditions_are_required_for_a_conditional_approval(client_for, loti_staff, in_review):
    response = client_for(loti_staff).post(
        decide_url(in_review), {"decision": "approved_with_conditions", "reasons": "Mostly fine."}
    )
    assert response.status_code == 400
    assert "List the conditions of the approval." in response.content.decode()
    assert review(in_review).state == ReviewState.IN_REVIEW


def test_data_opens_once_the_lead_acknowledges_the_conditions(
    client_for, loti_staff, camden_lead, in_review
):
    client_for(loti_staff).post(
        decide_url(in_review),
        {
            "decision": "approved_with_conditions",
            "reasons": "Good purpose.",
            "conditions": "Pseudonymise before sharing.",
        },
    )
    lead = client_for(camden_lead)
    page = lead.get(f"/projects/{in_review.pk}/stages/data/").content.decode()
    assert "Data opens once the project lead has acknowledged the review" in page

    response = lead.post(f"/projects/{in_review.pk}/ethics/acknowledge/")

    assert response.status_code == 302
    current = review(in_review)
    assert current.conditions_acknowledged_by == camden_lead
    assert current.events.last().action == "conditions_acknowledged"
    page = lead.get(f"/projects/{in_review.pk}/stages/data/").content.decode()
    assert "Data opens once" not in page


def test_only_the_lead_acknowledges(client_for, loti_staff, camden_lead, lambeth_lead, in_review):
    from tests.factories import UserFactory

    ethics.ethics_review_decide(
        review=ethics.review_of(in_review),
        by=loti_staff,
        decision="approved_with_conditions",
        reasons="Fine.",
        conditions="Publish a privacy notice.",
    )
    editor = UserFactory(organisation=camden_lead.organisation)
    in_review.memberships.create(user=editor, role="editor")
    for person in (editor, lambeth_lead, loti_staff):
        assert (
            client_for(person).post(f"/projects/{in_review.pk}/ethics/acknowledge/").status_code
            == 403
        )
    assert not review(in_review).conditions_acknowledged


def test_changes_requested_go_back_to_the_team_who_resubmit(
    client_for, loti_staff, camden_lead, filler, in_review
):
    client_for(loti_staff).post(
        decide_url(in_review), {"decision": "changes_requested", "reasons": "Say more on fairness."}
    )
    assert review(in_review).state == ReviewState.CHANGES_REQUESTED
    lead = client_for(camden_lead)
    page = lead.get(f"/projects/{in_review.pk}/stages/ethics/").content.decode()
    assert "Say more on fairness." in page and "Save ethics assessment" in page

    filler.project = Project.objects.get(pk=in_review.pk)
    filler.ethics()  # the team edits the assessment
    response = lead.post(f"/projects/{in_review.pk}/ethics/submit/", {"note": "Fairness expanded"})

    assert response.status_code == 302
    current = review(in_review)
    assert (current.state, current.round, current.reviewer) == ("submitted", 2, loti_staff)


def test_reject_declines_the_project_with_the_reason(
    client_for, loti_staff, camden_lead, in_review
):
    client_for(loti_staff).post(
        decide_url(in_review), {"decision": "rejected", "reasons": "Not proportionate."}
    )
    in_review.refresh_from_db()
    assert review(in_review).state == ReviewState.REJECTED
    assert in_review.status == "declined"
    page = client_for(camden_lead).get(f"/projects/{in_review.pk}/ethics/review/").content.decode()
    assert "Not proportionate." in page
    assert "Submit for review" not in page and "Resubmit" not in page


def test_only_the_assigned_reviewer_decides(client_for, ethics_reviewer, in_review):
    response = client_for(ethics_reviewer).post(
        decide_url(in_review), {"decision": "approved", "reasons": "Fine."}
    )
    assert response.status_code == 302
    assert review(in_review).state == ReviewState.IN_REVIEW


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "library_admin"])
def test_members_cannot_decide(request, client_for, in_review, persona):
    response = client_for(request.getfixturevalue(persona)).post(
        decide_url(in_review), {"decision": "approved", "reasons": "Self-approved."}
    )
    assert response.status_code == 403
    assert review(in_review).state == ReviewState.IN_REVIEW


def test_a_decided_review_cannot_be_decided_again(loti_staff, in_review):
    ethics.ethics_review_decide(
        review=ethics.review_of(in_review), by=loti_staff, decision="approved", reasons="OK"
    )
    with pytest.raises(ethics.EthicsReviewError, match="not waiting for a decision"):
        ethics.ethics_review_decide(
            review=ethics.review_of(in_review), by=loti_staff, decision="rejected", reasons="No"
        )


def test_rejecting_a_project_already_declined_in_the_backlog(loti_staff, in_review):
    """The backlog has already declined it: the rejection is recorded, the status stays."""
    triage.project_set_status(
        project=in_review, status="declined", reason="Covered elsewhere", by=loti_staff
    )
    decide(in_review, loti_staff, "rejected", reasons="Not proportionate.")
    assert review(in_review).state == ReviewState.REJECTED
    assert Project.objects.get(pk=in_review.pk).status == "declined"
    assert in_review.triage_changes.count() == 1
