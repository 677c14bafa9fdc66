"""No lost updates: two team members open the same stage; the second to save is refused and
shown what the first changed."""

import pytest

from methodology.stages import Stage
from projects.models import ProjectMembership, StageState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(project, camden):
    user = UserFactory(email="analyst@camden.example", name="Ada Analyst", organisation=camden)
    ProjectMembership.objects.create(project=project, user=user, role="editor")
    return user


def test_the_second_save_of_the_same_stage_is_refused(
    client, camden_lead, colleague, filler, django_user_model
):
    outcome = filler.outcome()
    version = filler.version(Stage.OUTCOMES)
    url = f"/projects/{filler.project.pk}/stages/outcomes/{outcome.pk}/edit/"

    client.force_login(camden_lead)
    first = client.post(url, {"version": version, "who": "Tenants in arrears", "how": "Stay"})
    assert first.status_code == 302

    client.force_login(colleague)
    second = client.post(url, {"version": version, "who": "Private renters", "how": "Stay put"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else changed Outcomes while you were editing it" in page
    assert "Tenants in arrears" in page  # what the first person changed
    assert "Private renters" in page  # the second person's text is kept in the form
    outcome.refresh_from_db()
    assert outcome.who == "Tenants in arrears"
    # The form now carries the current version: saving again is a deliberate overwrite.
    current = StageState.objects.get(project=filler.project, stage="outcomes").version
    assert f'name="version" value="{current}"' in page


def test_a_stale_add_is_refused_and_not_saved(client_for, camden_lead, filler):
    filler.outcome()
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/outcomes/",
        {"version": 0, "who": "Stale", "how": "Stale"},
    )
    assert response.status_code == 409
    assert filler.project.outcomes.count() == 1


def test_a_stale_delete_is_refused(client_for, camden_lead, filler):
    first = filler.outcome()
    filler.outcome(who="Second")
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/outcomes/{first.pk}/delete/", {"version": 1}
    )
    assert response.status_code == 409
    assert "Second" in response.content.decode()
    assert filler.project.outcomes.count() == 2


def test_a_stale_ethics_save_is_refused(client_for, camden_lead, filler):
    filler.through(Stage.ENABLERS)
    filler.ethics()
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/ethics/",
        {"version": 0, "legal_use": "Overwrite"},
    )
    assert response.status_code == 409
    assert filler.project.ethics.legal_use == "Public task."
    assert "Overwrite" in response.content.decode()


def test_changes_to_other_stages_do_not_conflict(client_for, camden_lead, filler):
    filler.through(Stage.OUTCOMES)
    actions_version = filler.version(Stage.ACTIONS)
    filler.outcome(who="Another group")  # a change to Outcomes
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/actions/",
        {
            "version": actions_version,
            "actor": "Officers",
            "change": "Act",
            "outcomes": [o.pk for o in filler.project.outcomes.all()],
        },
    )
    assert response.status_code == 302
