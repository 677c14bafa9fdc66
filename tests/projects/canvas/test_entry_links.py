"""The chain from data to outcome: an action serves an outcome, an insight an action, a dataset
an insight; no link to another project's entries; no removal that breaks the chain."""

import pytest

from methodology.stages import Stage
from projects.models import Action
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def post_action(client, project, version, outcomes):
    return client.post(
        f"/projects/{project.pk}/stages/actions/",
        {"version": version, "actor": "Officers", "change": "Act", "outcomes": outcomes},
    )


def test_an_action_must_serve_an_outcome(client_for, camden_lead, filler):
    filler.through(Stage.OUTCOMES)
    response = post_action(client_for(camden_lead), filler.project, 0, [])
    assert response.status_code == 400
    assert "every action must serve an outcome" in response.content.decode()
    assert not Action.objects.exists()


def test_the_link_choices_are_the_previous_stages_entries(client_for, camden_lead, filler):
    filler.through(Stage.OUTCOMES)
    page = client_for(camden_lead).get(f"/projects/{filler.project.pk}/stages/actions/")
    html = page.content.decode()
    assert 'type="checkbox" class="form-check-input"  name="outcomes"' in html
    assert "Residents at risk of eviction" in html


def test_a_forged_link_to_another_projects_entry_is_refused(
    client_for, camden_lead, lambeth_lead, filler
):
    filler.through(Stage.OUTCOMES)
    other = ProjectFactory(created_by=lambeth_lead)
    from tests.projects.canvas.conftest import CanvasFiller

    foreign = CanvasFiller(other, lambeth_lead).outcome(who="Lambeth residents")
    response = post_action(client_for(camden_lead), filler.project, 0, [foreign.pk])
    assert response.status_code == 400
    assert "not part of this project" in response.content.decode()
    assert not filler.project.actions.exists()


@pytest.mark.parametrize("forged", ["abc", "-1", "99999999999999999999", "1 OR 1=1"])
def test_broken_link_ids_get_a_clear_error(client_for, camden_lead, filler, forged):
    filler.through(Stage.OUTCOMES)
    response = post_action(client_for(camden_lead), filler.project, 0, [forged])
    assert response.status_code == 400
    assert not filler.project.actions.exists()


def test_an_outcome_an_action_relies_on_cannot_be_removed(client_for, camden_lead, filler):
    filler.through(Stage.ACTIONS)
    outcome = filler.project.outcomes.get()
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/outcomes/{outcome.pk}/delete/",
        {"version": filler.version(Stage.OUTCOMES)},
        follow=True,
    )
    assert "be removed: it is the only link of “Housing officers" in response.content.decode()
    assert filler.project.outcomes.exists()


def test_removing_an_entry_is_recorded(client_for, camden_lead, filler):
    filler.outcome()
    extra = filler.outcome(who="Young carers")
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/outcomes/{extra.pk}/delete/",
        {"version": filler.version(Stage.OUTCOMES)},
    )
    assert response.status_code == 302
    assert filler.project.outcomes.count() == 1
    event = filler.project.events.get(kind="deleted")
    assert event.subject == "Young carers"
    assert ["Who is better off", "Young carers", ""] in event.changes


def test_why_this_data_traces_each_dataset_to_an_outcome(
    client_for, lambeth_lead, filler, data_unlocked
):
    filler.through(Stage.ETHICS)
    filler.dataset(list(filler.project.insights.all()), name="Rent arrears ledger")
    page = client_for(lambeth_lead).get(f"/projects/{filler.project.pk}/why-this-data/")
    html = page.content.decode()
    chain = [
        "Rent arrears ledger",
        "Arrears risk list",
        "Housing officers",
        "Residents at risk of eviction",
    ]
    positions = [html.index(text) for text in chain]
    assert positions == sorted(positions)


def test_a_dataset_needs_a_holder_and_consistent_answers(
    client_for, camden_lead, filler, data_unlocked
):
    filler.through(Stage.ETHICS)
    response = client_for(camden_lead).post(
        f"/projects/{filler.project.pk}/stages/data/",
        {
            "version": 0,
            "name": "Health records",
            "source": "existing",
            "personal_data": "False",
            "special_category": "True",
            "lawful_basis": "",
            "sharing_agreement": "not_needed",
            "insights": [filler.project.insights.get().pk],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the holder organisation, or name it below." in html
    assert "Special-category data is personal data" in html
    assert not filler.project.datasets.exists()
