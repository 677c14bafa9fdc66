"""Journey: LOTI staff filter the backlog and triage a project; Lambeth registers interest in a
Camden project; Camden's lead accepts Lambeth as a partner. Zero axe violations on every page."""

import pytest
from playwright.sync_api import expect

from projects.models import Interest, Project, ProjectPartner, Theme, TriageChange
from tests.browser.conftest import assert_accessible, login_as
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_backlog_triage_interest_and_partnership(
    page, new_page, loti_staff, camden_lead, lambeth_lead
):
    housing = Theme.objects.get(slug="housing")
    project = ProjectFactory(
        title="Preventing homelessness with early-warning data",
        created_by=camden_lead,
        themes=[housing],
    )
    settled = ProjectFactory(title="Already triaged", created_by=lambeth_lead)
    Project.objects.filter(pk=settled.pk).update(status="done")

    # LOTI staff filter the backlog to what needs triage in housing.
    login_as(page, loti_staff)
    page.goto("/backlog/")
    assert_accessible(page)
    page.get_by_label("Needs triage only").check()
    page.get_by_label("Theme", exact=True).select_option("housing")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "needs_triage=on" in page.url and "theme=housing" in page.url
    expect(page.get_by_role("heading", name="1 project matches your filters")).to_be_visible()
    assert page.get_by_role("link", name="Already triaged").count() == 0
    assert_accessible(page)

    # …open the project and triage it.
    page.get_by_role("link", name=project.title).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    assert_accessible(page)
    page.get_by_label("New status").select_option("accepted")
    page.get_by_label("Reason").fill("Strong outcomes case; Hackney and Lambeth want in.")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Status changed to Accepted.")).to_be_visible()
    page.get_by_role("combobox", name="Priority").select_option("3")
    page.get_by_role("button", name="Save triage").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Triage saved.")).to_be_visible()
    page.get_by_label("Private note").fill("Check the benefit extract is weekly.")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_load_state()
    history = page.get_by_role("region", name="Triage history")
    expect(history.get_by_text("Strong outcomes case")).to_be_visible()
    assert_accessible(page)
    project.refresh_from_db()
    assert (project.status, project.priority) == ("accepted", 3)
    assert TriageChange.objects.filter(project=project).count() == 2

    page.goto("/backlog/dashboard/")
    assert_accessible(page)

    # The Lambeth lead registers Lambeth's interest in the Camden project.
    lambeth_page = new_page()
    login_as(lambeth_page, lambeth_lead)
    lambeth_page.goto(project.get_absolute_url())
    assert_accessible(lambeth_page)
    assert lambeth_page.get_by_text("Check the benefit extract").count() == 0
    lambeth_page.get_by_label("How you could help").fill("We run the same early-help service.")
    lambeth_page.get_by_role("button", name="Register Lambeth's interest").click()
    lambeth_page.wait_for_load_state()
    expect(lambeth_page.get_by_text("Lambeth is registered as interested")).to_be_visible()
    assert_accessible(lambeth_page)
    assert Interest.objects.filter(project=project, status="interested").count() == 1

    # The Camden lead accepts Lambeth as a partner.
    camden_page = new_page()
    login_as(camden_page, camden_lead)
    camden_page.goto(project.get_absolute_url())
    assert_accessible(camden_page)
    camden_page.get_by_role("button", name="Accept Lambeth as a partner").click()
    camden_page.wait_for_load_state()
    expect(camden_page.get_by_text("Lambeth is now a partner on this project.")).to_be_visible()
    assert_accessible(camden_page)
    assert ProjectPartner.objects.filter(project=project, organisation__slug="lambeth").exists()

    camden_page.goto("/backlog/?organisation=lambeth")
    expect(camden_page.get_by_role("link", name=project.title)).to_be_visible()
    assert_accessible(camden_page)


def test_the_lead_declines_an_interest_with_a_reason_the_borough_then_reads(
    page, new_page, camden_lead, lambeth_lead
):
    project = ProjectFactory(title="Camden early warning", created_by=camden_lead)
    Interest.objects.create(
        project=project, organisation=lambeth_lead.organisation, registered_by=lambeth_lead
    )

    login_as(page, camden_lead)
    page.goto(project.get_absolute_url())
    page.get_by_text("Decline Lambeth", exact=True).click()
    assert_accessible(page)  # the open reason form too
    page.get_by_label("Why are you declining Lambeth?").fill("The pilot is full this year.")
    page.get_by_role("button", name="Decline Lambeth's interest").click()
    expect(page.get_by_text("Lambeth's interest is declined; they are told why.")).to_be_visible()
    assert_accessible(page)

    lambeth_page = new_page()
    login_as(lambeth_page, lambeth_lead)
    lambeth_page.goto(project.get_absolute_url())
    expect(lambeth_page.get_by_text("The pilot is full this year.")).to_be_visible()
    assert_accessible(lambeth_page)
