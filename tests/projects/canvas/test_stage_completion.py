"""Completing a stage: it checks the required content, says what is missing next to the field,
and opens the next stage. Editing a completed stage keeps it complete only while it still has
what it needs."""

import pytest

from methodology.stages import Stage
from projects.models import Project, StageEvent, StageState

pytestmark = pytest.mark.django_db


def complete_url(project, stage):
    return f"/projects/{project.pk}/stages/{stage}/complete/"


def test_completing_an_empty_stage_says_what_is_missing(client_for, camden_lead, project):
    response = client_for(camden_lead).post(complete_url(project, "outcomes"), {"version": 0})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Outcomes is not complete yet" in page
    assert '<a class="alert-link" href="#entries">Add at least one outcome' in page
    assert 'id="entries"' in page
    assert not StageState.objects.filter(project=project, completed_at__isnull=False).exists()


def test_missing_measure_is_shown_next_to_the_outcome(client_for, camden_lead, filler):
    outcome = filler.outcome(measure="")
    response = client_for(camden_lead).post(
        complete_url(filler.project, "outcomes"), {"version": filler.version("outcomes")}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#{outcome.anchor}">Say how we would know' in page
    entry = page[page.index(f'id="{outcome.anchor}"') :]
    assert "Say how we would know" in entry[: entry.index("</article>")]


def test_missing_ethics_answers_are_shown_next_to_their_fields(client_for, camden_lead, filler):
    filler.through(Stage.ENABLERS)
    response = client_for(camden_lead).post(f"/projects/{filler.project.pk}/ethics/submit/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Complete the Ethics stage before submitting it for review." in page
    assert 'href="#id_legal_use"' in page
    # crispy renders the error right under the field, linked with aria-describedby
    field = page[page.index('id="id_privacy_risks"') - 400 :]
    assert "Privacy: give the risks." in field[: field.index("</textarea>") + 400]


def test_completing_opens_the_next_stage(client_for, camden_lead, filler):
    filler.outcome()
    response = client_for(camden_lead).post(
        complete_url(filler.project, "outcomes"), {"version": filler.version("outcomes")}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{filler.project.pk}/stages/actions/"
    filler.project.refresh_from_db()
    assert filler.project.stage == Stage.ACTIONS
    assert StageEvent.objects.filter(project=filler.project, kind="completed").count() == 1


def test_a_stage_posted_out_of_order_is_refused(client_for, camden_lead, project):
    before = StageEvent.objects.count()
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/stages/insights/",
        {"version": 0, "title": "A map", "screen": "A map"},
    )
    assert response.status_code in (400, 409)
    assert "Insights opens when Outcomes is complete." in response.content.decode()
    assert not project.insights.exists()
    assert StageEvent.objects.count() == before


def test_completing_a_locked_stage_is_refused(client_for, camden_lead, project):
    response = client_for(camden_lead).post(complete_url(project, "actions"), {"version": 0})
    assert response.status_code == 400
    assert "Actions opens when Outcomes is complete." in response.content.decode()
    assert not StageState.objects.filter(project=project, completed_at__isnull=False).exists()


def test_data_is_locked_until_the_ethics_review_allows_it(client_for, camden_lead, filler):
    filler.through(Stage.ETHICS)
    page = client_for(camden_lead).get(f"/projects/{filler.project.pk}/stages/data/")
    assert "Data opens once the ethics review is approved" in page.content.decode()
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/data/", {"version": 0, "name": "x"}
    )
    assert response.status_code == 400
    assert not filler.project.datasets.exists()


def test_data_stage_completes_when_open(client_for, camden_lead, filler, data_unlocked):
    filler.through(Stage.ETHICS)
    insight = filler.project.insights.get()
    filler.dataset([insight])
    filler.complete(Stage.DATA)
    assert StageState.objects.get(project=filler.project, stage="data").is_complete


def test_editing_a_completed_stage_that_stays_valid_keeps_it_complete(
    client_for, camden_lead, filler
):
    filler.through(Stage.ACTIONS)
    outcome = filler.project.outcomes.get()
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/outcomes/{outcome.pk}/edit/",
        {"version": filler.version("outcomes"), "who": "Tenants", "how": "Stay", "measure": "M"},
    )
    assert response.status_code == 302
    assert StageState.objects.get(project=filler.project, stage="outcomes").is_complete
    event = StageEvent.objects.filter(project=filler.project, kind="updated").get()
    assert ["Who is better off", "Residents at risk of eviction", "Tenants"] in event.changes


def test_an_edit_that_breaks_a_completed_stage_puts_it_back_in_progress(
    client_for, camden_lead, filler
):
    filler.through(Stage.INSIGHTS)
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/outcomes/",
        {
            "version": filler.version("outcomes"),
            "who": "Young carers",
            "how": "Rest",
            "measure": "M",
        },
        follow=True,
    )
    assert "Actions is back in progress" in response.content.decode()
    states = {s.stage: s.is_complete for s in StageState.objects.filter(project=filler.project)}
    assert states["outcomes"] and not states["actions"]
    assert states["insights"]  # its completion is kept, but it is locked behind Actions
    filler.project.refresh_from_db()
    assert filler.project.stage == Stage.ACTIONS
    reopened = StageEvent.objects.get(project=filler.project, kind="reopened")
    assert reopened.stage == "actions"
    assert "Young carers" in reopened.changes[0][2]


def test_complete_button_only_for_the_team(client_for, lambeth_lead, filler):
    page = client_for(lambeth_lead).get(f"/projects/{filler.project.pk}/stages/outcomes/")
    assert page.status_code == 200
    assert "Mark Outcomes complete" not in page.content.decode()
    assert Project.objects.count() == 1
