"""History per stage, the one-page canvas and the Markdown download."""

import pytest

from methodology.stages import Stage

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what_per_stage(client_for, lambeth_lead, filler):
    filler.through(Stage.ACTIONS)
    client = client_for(lambeth_lead)
    html = client.get(f"/projects/{filler.project.pk}/history/?stage=actions").content.decode()
    assert "Housing officers" in html and "completed the stage" in html
    assert "in Actions" in html and "in Outcomes" not in html
    everything = client.get(f"/projects/{filler.project.pk}/history/").content.decode()
    assert "Residents at risk of eviction" in everything
    assert client.get(f"/projects/{filler.project.pk}/history/?stage=bogus").status_code == 200


def test_the_one_page_canvas_shows_all_six_stages(client_for, lambeth_lead, filler):
    filler.through(Stage.ETHICS)
    html = client_for(lambeth_lead).get(f"/projects/{filler.project.pk}/canvas/").content.decode()
    for text in ["1. Outcomes", "2. Actions", "3. Insights", "4. Enablers", "5. Ethics", "6. Data"]:
        assert text in html
    assert "Arrears risk list" in html and "Low risk" in html
    assert "Data opens once the ethics review is approved" in html
    assert "css/print.css" in html


def test_the_markdown_download_holds_the_whole_canvas(client_for, lambeth_lead, filler):
    filler.through(Stage.ETHICS)
    response = client_for(lambeth_lead).get(f"/projects/{filler.project.pk}/canvas.md")
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert 'filename="eviction-prevention-canvas.md"' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("# Eviction prevention")
    assert "### Outcome 1: Residents at risk of eviction" in text
    assert "- Serves: Residents at risk of eviction" in text
    assert "| Privacy | Low risk | Some. | Many. |" in text
    assert "## 6. Data (locked)" in text


def test_the_stepper_marks_the_current_stage_accessibly(client_for, camden_lead, filler):
    filler.through(Stage.OUTCOMES)
    html = (
        client_for(camden_lead)
        .get(f"/projects/{filler.project.pk}/stages/actions/")
        .content.decode()
    )
    stepper = html[html.index('aria-label="Canvas stages"') :]
    stepper = stepper[: stepper.index("</nav>")]
    assert stepper.count("<li") == 6
    assert stepper.count('aria-current="step"') == 1
    assert "stepper-complete" in stepper and "stepper-locked" in stepper
    assert "Complete" in stepper and "In progress" in stepper and "Locked" in stepper
    assert ", this page" in stepper


def test_every_link_holder_and_member_shows_on_a_big_canvas(
    client_for, camden_lead, filler, data_unlocked
):
    from projects.models import Outcome
    from tests.projects.canvas.test_query_budgets import grow

    filler.through(Stage.ETHICS)
    grow(filler, 3)
    client = client_for(camden_lead)
    pk = filler.project.pk
    text = client.get(f"/projects/{pk}/canvas.md").content.decode()
    assert text.count("- Serves: O0; O1; O2\n") == 3
    assert text.count("- Enables: A0; A1; A2\n") == 3
    assert text.count("- Feeds: I0; I1; I2\n") == 3
    assert text.count(f"- Held by: {camden_lead.organisation.name}\n") >= 3
    assert all(f"M{i} (editor)" in text for i in range(3))
    page = client.get(f"/projects/{pk}/").content.decode()
    outcomes = Outcome.objects.filter(project=filler.project).count()
    assert f"{outcomes} entries" in page
