import pytest

from methodology.checkpoint import ReviewState
from projects.ethics import services as ethics
from projects.models import EthicsAssessment, EthicsReview, StageState

pytestmark = pytest.mark.django_db


def submit_url(project):
    return f"/projects/{project.pk}/ethics/submit/"


def test_the_team_submits_with_a_note(client_for, camden_lead, project):
    response = client_for(camden_lead).post(submit_url(project), {"note": "Ready for review"})

    assert response.status_code == 302
    review = EthicsReview.objects.get(project=project)
    assert review.state == ReviewState.SUBMITTED
    assert review.round == 1
    event = review.events.get()
    assert (event.action, event.actor, event.note) == ("submitted", camden_lead, "Ready for review")
    assert StageState.objects.get(project=project, stage="ethics").is_complete


def test_submitting_freezes_the_ethics_stage(client_for, camden_lead, submitted):
    client = client_for(camden_lead)
    page = client.get(f"/projects/{submitted.pk}/stages/ethics/").content.decode()
    assert "Save ethics assessment" not in page
    assert "is with the reviewers and cannot change until they decide" in page

    response = client.post(
        f"/projects/{submitted.pk}/stages/ethics/",
        {
            "version": StageState.objects.get(project=submitted, stage="ethics").version,
            "legal_use": "Changed behind the reviewer's back",
        },
    )
    assert response.status_code in (400, 403, 409)
    assert EthicsAssessment.objects.get(project=submitted).legal_use != (
        "Changed behind the reviewer's back"
    )


def test_an_incomplete_ethics_stage_cannot_be_submitted(client_for, camden_lead, project):
    EthicsAssessment.objects.filter(project=project).update(trust="")
    response = client_for(camden_lead).post(submit_url(project))

    assert response.status_code == 400
    assert "Complete the Ethics stage before submitting it for review." in response.content.decode()
    assert not EthicsReview.objects.filter(project=project, state="submitted").exists()


def test_ethics_cannot_be_marked_complete_without_a_review(client_for, camden_lead, project):
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/stages/ethics/complete/",
        {"version": StageState.objects.get(project=project, stage="ethics").version},
    )
    assert response.status_code == 400
    assert "completed by submitting it for ethics review" in response.content.decode()
    assert not StageState.objects.get(project=project, stage="ethics").is_complete


@pytest.mark.parametrize("persona", ["lambeth_lead", "loti_staff", "library_admin"])
def test_only_the_team_submits(request, client_for, project, persona):
    response = client_for(request.getfixturevalue(persona)).post(submit_url(project))
    assert response.status_code == 403
    assert not EthicsReview.objects.filter(project=project).exclude(state="draft").exists()


def test_a_submitted_review_cannot_be_submitted_again(camden_lead, submitted):
    with pytest.raises(ethics.EthicsReviewError, match="cannot be submitted now"):
        ethics.ethics_review_submit(project=submitted, by=camden_lead)
    assert EthicsReview.objects.get(project=submitted).round == 1


def test_a_project_at_an_earlier_stage_cannot_be_submitted(client_for, camden_lead):
    from tests.factories import ProjectFactory

    young = ProjectFactory(created_by=camden_lead)
    response = client_for(camden_lead).post(submit_url(young))
    assert response.status_code in (302, 400)
    assert not EthicsReview.objects.filter(project=young, state="submitted").exists()


def test_anonymous_visitors_are_sent_to_log_in(client, project):
    response = client.post(submit_url(project))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
