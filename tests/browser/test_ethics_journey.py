"""The ethics-review checkpoint, end to end in three browsers.

The Camden lead submits the Ethics stage; LOTI staff take the review and ask for changes; the
lead edits and resubmits; the reviewer approves with conditions; the Data stage stays locked
until the lead acknowledges them, then the lead adds a dataset and completes Data. The Lambeth
lead can read the review (pan-London transparency) but not act on it, and the register lists
both decisions. The home page of whoever must act says so at each step, and the stepper shows
the review's state. Zero axe violations on every page visited, and a pass at 390 px wide.
"""

import re

import pytest
from playwright.sync_api import expect

from methodology.stages import Stage
from projects.models import EthicsReview
from tests.browser.conftest import assert_accessible, login_as
from tests.factories import ProjectFactory
from tests.projects.canvas.conftest import CanvasFiller

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Rough sleeping outreach"
DATA_WAITS_FOR_ACKNOWLEDGEMENT = (
    "Data opens once the project lead has acknowledged the review's conditions."
)
CONTROLS = re.compile(r"Submit|Resubmit|Acknowledge|Record decision|Take|Save ethics|Assign")


def sign_in(page, user) -> None:
    login_as(page, user)
    assert_accessible(page)  # the home page they land on


def visit(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def click(page, button) -> None:
    """Press a button that posts a form, wait for the next page and check it."""
    button.click()
    page.wait_for_load_state()
    assert_accessible(page)


def flash(page):
    return page.locator(".messages")


# --- the actors' steps -------------------------------------------------------------------------


def lead_submits(page, project, note: str) -> None:
    visit(page, f"/projects/{project.pk}/stages/ethics/")
    expect(page.get_by_text("Ethics review: Not submitted")).to_be_visible()
    page.get_by_label("Note for the reviewer (optional)").fill(note)
    click(page, page.get_by_role("button", name="Submit for ethics review"))
    expect(flash(page)).to_contain_text("Submitted for ethics review")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ethics review")
    expect(page.get_by_text(f"Note: {note}")).to_be_visible()


def assert_ethics_frozen(page, project) -> None:
    visit(page, f"/projects/{project.pk}/stages/ethics/")
    expect(page.get_by_text("The Ethics stage is with the reviewers")).to_be_visible()
    expect(page.get_by_role("button", name="Save ethics assessment")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Submit"))).to_have_count(0)


def reviewer_takes_from_queue(page, project) -> None:
    visit(page, "/ethics/queue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ethics review queue")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
    expect(row).to_contain_text("Camden")
    expect(row).to_contain_text("Not assigned")
    click(page, page.get_by_role("button", name=f"Take the review of {TITLE}"))
    expect(flash(page)).to_contain_text("is reviewing this project")
    expect(page).to_have_url(re.compile(f"/projects/{project.pk}/ethics/review/$"))
    expect(page.get_by_role("status").filter(has_text="Status: In review")).to_be_visible()


def reviewer_decides(page, project, decision: str, reasons: str, conditions: str = "") -> None:
    visit(page, f"/projects/{project.pk}/ethics/review/")
    page.get_by_role("radio", name=decision, exact=True).check()
    page.get_by_role("textbox", name=re.compile(r"^Reasons")).fill(reasons)
    if conditions:
        page.get_by_role("textbox", name=re.compile(r"^Conditions")).fill(conditions)
    click(page, page.get_by_role("button", name="Record decision"))
    expect(flash(page)).to_contain_text("Decision recorded")
    expect(page.get_by_role("region", name="Latest decision")).to_contain_text(reasons)


def lead_edits_and_resubmits(page, project, reasons: str) -> None:
    visit(page, f"/projects/{project.pk}/stages/ethics/")
    status = page.get_by_role("region", name=re.compile("^Status"))
    expect(status).to_contain_text("Changes requested")
    expect(status).to_contain_text(f"The reviewer asked for changes: {reasons}")
    page.get_by_label("Is this project worthy of citizens' trust?").fill(
        "Outreach workers and people with lived experience shaped the questions."
    )
    click(page, page.get_by_role("button", name="Save ethics assessment"))
    expect(page.get_by_text("Ethics assessment saved.")).to_be_visible()
    page.get_by_label("Note for the reviewer (optional)").fill("We asked people who sleep rough.")
    click(page, page.get_by_role("button", name="Resubmit for ethics review"))
    expect(flash(page)).to_contain_text("Submitted for ethics review")
    expect(page.get_by_role("status").filter(has_text="round 2")).to_be_visible()


def lambeth_reads_but_cannot_act(page, project) -> None:
    visit(page, f"/projects/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("button", name=CONTROLS)).to_have_count(0)
    visit(page, f"/projects/{project.pk}/ethics/review/")
    expect(page.get_by_text("Status: Approved with conditions")).to_be_visible()
    expect(
        page.get_by_text("Waiting for the project lead (Camden Lead) to acknowledge them")
    ).to_be_visible()
    expect(page.get_by_role("button", name=CONTROLS)).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("button")).to_have_count(0)  # header only
    visit(page, f"/projects/{project.pk}/stages/ethics/")
    expect(page.get_by_role("button", name=CONTROLS)).to_have_count(0)

    # A forged acknowledgement, with a valid CSRF token from the "Log out" form, is refused.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    response = page.request.post(
        f"/projects/{project.pk}/ethics/acknowledge/",
        form={"csrfmiddlewaretoken": token},
        max_redirects=0,
    )
    assert response.status == 403
    assert "CSRF verification failed" not in response.text()  # refused by the permission rule
    review = EthicsReview.objects.get(project=project)
    assert review.conditions_acknowledged_at is None
    assert review.events.filter(action="conditions_acknowledged").count() == 0


def lead_acknowledges_and_completes_data(page, project) -> None:
    visit(page, f"/projects/{project.pk}/stages/data/")
    expect(page.get_by_role("heading", name="Status: Locked")).to_be_visible()
    expect(page.get_by_text(DATA_WAITS_FOR_ACKNOWLEDGEMENT)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Add"))).to_have_count(0)

    visit(page, f"/projects/{project.pk}/ethics/review/")
    click(page, page.get_by_role("button", name="Acknowledge the conditions"))
    expect(flash(page)).to_contain_text("Conditions acknowledged. The Data stage is open.")
    expect(page.get_by_text("Acknowledged by Camden Lead")).to_be_visible()
    expect(page.get_by_role("button", name="Acknowledge the conditions")).to_have_count(0)

    visit(page, f"/projects/{project.pk}/stages/data/")
    expect(page.get_by_role("heading", name="Status: Locked")).to_have_count(0)
    page.get_by_label("Name").fill("Outreach contact records")
    page.get_by_label("Holder organisation").select_option(label="Camden")
    page.get_by_role("radio", name="Existing data we hold").check()
    page.get_by_role("group", name="Does it contain personal data?").get_by_label("Yes").check()
    page.get_by_role("group", name="Does it contain special-category data?").get_by_label(
        "No"
    ).check()
    page.get_by_label("Lawful basis").select_option(label="(e) Public task")
    page.get_by_role("radio", name="In draft").check()
    page.get_by_role("checkbox", name="Arrears risk list").check()
    click(page, page.get_by_role("button", name="Add a dataset"))
    expect(page.get_by_role("region", name=re.compile("^Data \\(1\\)"))).to_contain_text(
        "Outreach contact records"
    )
    expect(page.get_by_text("Everything this stage needs is here.")).to_be_visible()
    click(page, page.get_by_role("button", name="Mark Data complete"))
    expect(flash(page)).to_contain_text("Data is complete.")
    stepper = page.get_by_role("navigation", name="Canvas stages")
    expect(stepper.get_by_role("link", name=re.compile("^Data Complete"))).to_be_visible()


def home_panel(page, title):
    visit(page, "/")
    return page.get_by_role("region", name=title)


def ethics_step(page):
    return page.get_by_role("navigation", name="Canvas stages").get_by_role(
        "link", name=re.compile("^Ethics")
    )


def lead_follows_the_home_page_to_the_changes(page, project, reasons: str) -> None:
    panel = home_panel(page, "Ethics reviews waiting on your team")
    expect(panel).to_contain_text(f"The reviewer asked: {reasons}")
    click(page, panel.get_by_role("link", name=f"{TITLE}: changes requested"))
    expect(page).to_have_url(re.compile(f"/projects/{project.pk}/stages/ethics/#entries$"))
    expect(ethics_step(page)).to_contain_text("Changes requested")
    expect(ethics_step(page)).not_to_contain_text("✓")


def lead_is_led_to_the_conditions(page, project, conditions: str) -> None:
    panel = home_panel(page, "Ethics reviews waiting on your team")
    expect(panel).to_contain_text("read and acknowledge them")
    click(page, panel.get_by_role("link", name=f"{TITLE}: conditions to acknowledge"))
    expect(page).to_have_url(re.compile(f"/projects/{project.pk}/#conditions$"))
    expect(page.get_by_role("region", name="Ethics review")).to_contain_text(conditions)
    expect(page.get_by_role("button", name="Acknowledge the conditions")).to_be_visible()
    expect(ethics_step(page)).to_contain_text("Approved with conditions: to acknowledge")
    expect(ethics_step(page)).not_to_contain_text("✓")
    visit(page, f"/projects/{project.pk}/stages/ethics/")
    status = page.get_by_role("region", name=re.compile("^Status"))
    expect(status).to_contain_text(conditions)
    expect(status.get_by_role("button", name="Acknowledge the conditions")).to_be_visible()


def no_horizontal_scroll(page, urls) -> None:
    """At a phone's width, only tables that scroll on purpose may be wider than the page."""
    page.set_viewport_size({"width": 390, "height": 844})
    for url in urls:
        visit(page, url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} scrolls sideways at 390 px ({width} px wide)"


# --- the journey -------------------------------------------------------------------------------


def test_ethics_review_from_submission_to_data(
    page, new_page, camden_lead, lambeth_lead, loti_staff
):
    project = ProjectFactory(created_by=camden_lead, title=TITLE)
    CanvasFiller(project, camden_lead).through(Stage.ENABLERS).ethics()
    reviewer, lambeth = new_page(), new_page()

    # 1. Camden submits; the Ethics stage freezes.
    sign_in(page, camden_lead)
    lead_submits(page, project, note="First review: we would like a view on privacy.")
    assert_ethics_frozen(page, project)

    # 2. LOTI staff see it waiting, take it from the queue and ask for changes.
    sign_in(reviewer, loti_staff)
    expect(home_panel(reviewer, "Ethics reviews waiting (1)")).to_contain_text("not taken yet")
    reviewer_takes_from_queue(reviewer, project)
    expect(home_panel(reviewer, "Ethics reviews waiting (1)")).to_contain_text("assigned to you")
    asked = "Say how people sleeping rough were involved."
    reviewer_decides(reviewer, project, "Request changes", asked)
    expect(reviewer.get_by_text("Status: Changes requested")).to_be_visible()

    # 3. Camden's home page leads to the changes; the lead edits the assessment and resubmits;
    #    the stepper says "In review"; the reviewer (still assigned) approves with conditions.
    lead_follows_the_home_page_to_the_changes(page, project, asked)
    lead_edits_and_resubmits(page, project, asked)
    visit(page, f"/projects/{project.pk}/")
    expect(ethics_step(page)).to_contain_text("In review")
    conditions = "Delete contact records after 12 months."
    reviewer_decides(
        reviewer,
        project,
        "Approve with conditions",
        "Proportionate, with a clear retention limit.",
        conditions=conditions,
    )
    expect(reviewer.get_by_role("region", name="Latest decision")).to_contain_text(conditions)

    # 4. Lambeth reads the review but cannot act on it, not even with a forged request.
    sign_in(lambeth, lambeth_lead)
    lambeth_reads_but_cannot_act(lambeth, project)

    # 5. Camden's home page leads to the conditions; Data stays locked until the lead
    #    acknowledges them; then nothing waits on the team.
    lead_is_led_to_the_conditions(page, project, conditions)
    lead_acknowledges_and_completes_data(page, project)
    expect(home_panel(page, "Ethics reviews waiting on your team")).to_contain_text(
        "No ethics review is waiting on your team."
    )
    expect(ethics_step(page)).to_have_count(0)  # the home page has no stepper
    visit(page, f"/projects/{project.pk}/")
    expect(ethics_step(page)).to_contain_text("✓")

    # 6. The register lists both decisions, for everyone signed in.
    visit(lambeth, "/ethics/register/")
    rows = lambeth.get_by_role("row").filter(has=lambeth.get_by_role("link", name=TITLE))
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Approved with conditions")
    expect(rows.nth(0)).to_contain_text(conditions)
    expect(rows.nth(1)).to_contain_text("Changes requested")
    expect(rows.nth(1)).to_contain_text(asked)

    # 7. The same pages on a phone.
    no_horizontal_scroll(
        page,
        [
            "/",
            f"/projects/{project.pk}/",
            f"/projects/{project.pk}/stages/ethics/",
            f"/projects/{project.pk}/ethics/review/",
            f"/projects/{project.pk}/canvas/",
            "/ethics/register/",
        ],
    )
