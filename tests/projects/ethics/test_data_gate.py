"""Every way round the gate: the page, a direct URL, a forged POST, a stale form."""

import pytest

from methodology.stages import Stage
from projects.models import Dataset, Project, StageState
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db


def data_url(project):
    return f"/projects/{project.pk}/stages/data/"


def dataset_post(project, insight, version=0):
    return {
        "version": version,
        "name": "Street outreach records",
        "holder": project.lead_organisation_id,
        "source": "existing",
        "personal_data": "True",
        "special_category": "False",
        "lawful_basis": "public_task",
        "sharing_agreement": "not_needed",
        "insights": [insight.pk],
    }


@pytest.mark.parametrize("fixture", ["project", "submitted", "in_review"])
def test_data_is_locked_before_approval(request, client_for, camden_lead, fixture):
    project = request.getfixturevalue(fixture)
    client = client_for(camden_lead)

    page = client.get(data_url(project)).content.decode()
    assert "Data opens" in page
    assert "Save dataset" not in page and "Add dataset" not in page

    insight = project.insights.get()
    response = client.post(data_url(project), dataset_post(project, insight))
    assert response.status_code in (400, 403)
    assert "Data opens" in response.content.decode()
    assert not Dataset.objects.filter(project=project).exists()

    response = client.post(f"/projects/{project.pk}/stages/data/complete/", {"version": 0})
    assert not StageState.objects.filter(
        project=project, stage="data", completed_at__isnull=False
    ).exists()


def test_data_opens_after_approval_and_takes_a_dataset(
    client_for, camden_lead, loti_staff, in_review
):
    decide(in_review, loti_staff, "approved")
    client = client_for(camden_lead)
    insight = in_review.insights.get()

    response = client.post(data_url(in_review), dataset_post(in_review, insight))

    assert response.status_code == 302
    assert Dataset.objects.filter(project=in_review, name="Street outreach records").exists()


def test_a_form_opened_before_a_rereview_is_refused(
    client_for, camden_lead, loti_staff, filler, in_review
):
    decide(in_review, loti_staff, "approved")
    version = StageState.objects.get(project=in_review, stage="data").version
    # The team changes an outcome: the approval no longer covers the project.
    filler.project = Project.objects.get(pk=in_review.pk)
    filler.outcome(who="Families in temporary accommodation")

    response = client_for(camden_lead).post(
        data_url(in_review), dataset_post(in_review, in_review.insights.get(), version)
    )

    assert response.status_code in (400, 403, 409)
    assert not Dataset.objects.filter(project=in_review).exists()


def test_another_borough_cannot_post_to_data_even_when_open(
    client_for, lambeth_lead, loti_staff, in_review
):
    decide(in_review, loti_staff, "approved")
    response = client_for(lambeth_lead).post(
        data_url(in_review), dataset_post(in_review, in_review.insights.get())
    )
    assert response.status_code == 403
    assert not Dataset.objects.filter(project=in_review).exists()


def test_the_stepper_shows_data_locked_until_approval(
    client_for, lambeth_lead, loti_staff, in_review
):
    client = client_for(lambeth_lead)
    assert (
        'Data</span>\n        <span class="stepper-state">Locked'
        in client.get(f"/projects/{in_review.pk}/").content.decode()
    )
    decide(in_review, loti_staff, "approved")
    page = client.get(f"/projects/{in_review.pk}/").content.decode()
    assert 'Data</span>\n        <span class="stepper-state">Locked' not in page
    assert Stage.DATA.label in page
