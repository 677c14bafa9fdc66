"""The Lambeth lead starts "rough sleeping", sees Camden's project and registers interest in it
instead; then finds another borough's project with the header search and replicates it in
Lambeth. Zero axe violations on every page visited."""

import pytest
from playwright.sync_api import expect

from projects.canvas import services
from projects.models import Outcome, Project, Theme
from tests.browser.conftest import assert_accessible, login_as
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_lambeth_joins_camden_then_replicates_hackney(page, camden_lead, lambeth_lead):
    camden = ProjectFactory(
        title="Rough sleeping insights",
        summary="People new to sleeping rough are found days after they arrive.",
        created_by=camden_lead,
    )
    camden.themes.add(Theme.objects.get(name="Housing"))
    hackney_lead = UserFactory(
        email="data@hackney.example",
        organisation=type(lambeth_lead.organisation).objects.get(slug="hackney"),
    )
    meals = ProjectFactory(
        title="Free school meals take-up",
        summary="Eligible families do not claim free school meals.",
        created_by=hackney_lead,
    )
    services.entry_save(
        project=meals,
        by=hackney_lead,
        version=0,
        entry=Outcome(who="Eligible children", how="Get a free school meal every day."),
        links=(),
    )

    login_as(page, lambeth_lead)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="Start a project").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Rough sleeping outreach")
    page.get_by_label("Summary of the problem").fill("We find new rough sleepers too late.")
    page.get_by_label("Housing").check()
    page.get_by_role("button", name="Create project").click()

    # Before anything is created: Camden's project, with its lead and why it is similar.
    similar = page.get_by_role("region", name="Similar projects across London")
    expect(similar.get_by_role("link", name="Rough sleeping insights")).to_be_visible()
    expect(similar).to_contain_text("Led by Camden")
    expect(similar).to_contain_text("Its title shares")
    assert_accessible(page)
    assert not Project.objects.filter(lead_organisation=lambeth_lead.organisation).exists()
    similar.get_by_role(
        "button", name="Register Lambeth's interest in Rough sleeping insights"
    ).click()
    expect(page.get_by_text("Lambeth is registered as interested")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rough sleeping insights")
    assert_accessible(page)

    # The header search finds Hackney's project; replicate it in Lambeth.
    page.get_by_role("searchbox", name="Search loti-data").fill("school meal")
    page.get_by_role("searchbox", name="Search loti-data").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    assert_accessible(page)
    page.get_by_role("link", name="Free school meals take-up").click()
    assert_accessible(page)
    page.get_by_role("link", name="Replicate in Lambeth").click()
    expect(page.get_by_role("heading", name="What is not copied")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Replicate in Lambeth").click()
    expect(page.get_by_text("Lambeth now has its own copy")).to_be_visible()
    expect(page.get_by_text("Replicated from")).to_be_visible()
    assert_accessible(page)
    copy = Project.objects.get(lead_organisation=lambeth_lead.organisation)
    assert copy.replicated_from == meals and copy.outcomes.count() == 1
    page.get_by_role("link", name="Free school meals take-up").first.click()
    expect(page.get_by_text("Replicated by 1 organisation")).to_be_visible()
    assert_accessible(page)
