"""The Camden lead creates a project and fills its canvas stage by stage; the Lambeth lead reads
it but finds no edit controls. Zero axe violations on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login_as

pytestmark = pytest.mark.django_db(transaction=True)


def add_entry(page, fields: dict, links=(), button="Add"):
    for label, value in fields.items():
        page.get_by_label(label).fill(value)  # crispy adds "*" to required fields' labels
    for link in links:
        page.get_by_role("checkbox", name=link).check()
    page.get_by_role("button", name=re.compile(f"^{button}")).click()
    page.wait_for_load_state()
    assert_accessible(page)


def complete_stage(page, label: str):
    page.get_by_role("button", name=f"Mark {label} complete").click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_camden_creates_a_canvas_and_lambeth_reads_it(page, new_page, camden_lead, lambeth_lead):
    login_as(page, camden_lead)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a project").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Temporary accommodation moves")
    page.get_by_label("Summary of the problem").fill(
        "Families in temporary accommodation are moved without schools being told."
    )
    page.get_by_label("Housing").check()
    page.get_by_label("Children's services").check()
    page.get_by_role("button", name="Create project").click()
    assert_accessible(page)

    # Outcomes: LOTI's questions are on the page; completing an empty stage says what's missing.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Outcomes")
    expect(page.get_by_text("Which specific people do we want to be better off")).to_be_visible()
    complete_stage(page, "Outcomes")
    expect(page.get_by_role("alert")).to_contain_text("Add at least one outcome")
    add_entry(
        page,
        {
            "Who is better off": "Children in temporary accommodation",
            "In what way": "Stay in the same school when their family is moved.",
            "How we would know": "School moves per family moved.",
        },
    )
    expect(page.get_by_text("Added to Outcomes")).to_be_visible()
    complete_stage(page, "Outcomes")

    # Actions, linked to the outcome.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actions")
    add_entry(
        page,
        {
            "Who": "Placement officers",
            "Could do what differently": "Place families near their children's school.",
            "The intervention": "School-aware placement checks",
        },
        links=["Children in temporary accommodation"],
    )
    complete_stage(page, "Actions")

    # Insights, linked to the action.
    add_entry(
        page,
        {
            "Data product": "School distance check",
            "What would be on the screen": "Each offered property with travel time to school.",
        },
        links=[re.compile("Placement officers")],
    )
    complete_stage(page, "Insights")

    # Enablers.
    page.get_by_label("Kind of enabler").select_option("process")
    add_entry(page, {"What is needed": "Placement policy allows school distance to count."})
    complete_stage(page, "Enablers")

    # Ethics: fill LOTI's questions and the five principles.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ethics")
    page.get_by_label("Can we access and use the data legally and ethically?").fill(
        "Public task; school data shared under the existing education agreement."
    )
    page.get_by_label("Is this project worthy of citizens' trust?").fill("Families asked for it.")
    page.get_by_label("Just because we can").fill("Could limit offers.")
    for principle in ["transparency", "accountability", "privacy", "fairness", "safety"]:
        page.locator(f"#id_{principle}_rating").select_option("low")
        page.locator(f"#id_{principle}_risks").fill(f"Risks to {principle}.")
        page.locator(f"#id_{principle}_mitigations").fill(f"Mitigations for {principle}.")
    page.get_by_role("button", name="Save ethics assessment").click()
    assert_accessible(page)
    expect(page.get_by_text("Ethics assessment saved.")).to_be_visible()
    expect(page.get_by_text("Everything this stage needs is here")).to_be_visible()
    expect(page.get_by_role("button", name="Submit for ethics review")).to_be_visible()
    project_url = page.url.split("/stages/")[0] + "/"

    page.goto(project_url)
    assert_accessible(page)
    stepper = page.get_by_role("navigation", name="Canvas stages")
    expect(stepper.get_by_role("listitem")).to_have_count(6)

    # Lambeth reads everything and finds no edit controls.
    other = new_page()
    login_as(other, lambeth_lead)
    other.goto(project_url)
    assert_accessible(other)
    expect(other.get_by_role("heading", level=1)).to_have_text("Temporary accommodation moves")
    expect(other.get_by_role("link", name="Edit details")).to_have_count(0)
    for stage in ["outcomes", "actions", "ethics"]:
        other.goto(f"{project_url}stages/{stage}/")
        assert_accessible(other)
        # No edit controls: the only buttons are the header's (search, log out).
        expect(other.get_by_role("main").get_by_role("button")).to_have_count(0)
        expect(other.get_by_role("link", name=re.compile("^(Edit|Remove)"))).to_have_count(0)
    expect(other.get_by_text("Public task; school data shared")).to_be_visible()
    for view in ["canvas/", "why-this-data/", "history/"]:
        other.goto(project_url + view)
        assert_accessible(other)
