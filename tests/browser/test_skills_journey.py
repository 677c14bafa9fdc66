"""The library admin imports the framework in the admin; the Camden lead uses the library."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from loti_data.accounts.models import Organisation
from skills.library.demo import SAMPLE_FRAMEWORK_CSV
from skills.models import RoleLevel, SalarySubmission
from tests.browser.conftest import assert_accessible, login_as
from tests.skills.library.factories import SalarySubmissionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_imports_and_camden_lead_browses_compares_and_shares_a_salary(
    page, new_page, library_admin, camden_lead
):
    # The library admin imports the sample CSV from the admin.
    login_as(page, library_admin)
    page.goto("/admin/skills/framework/")
    assert_accessible(page)
    page.get_by_role("link", name="Import the framework's CSV").click()
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files(str(SAMPLE_FRAMEWORK_CSV))
    page.get_by_role("button", name="Import").click()
    assert "Created 1 framework" in page.locator("ul.messagelist").inner_text()
    expect(
        page.get_by_role("heading", name="Recent imports that changed the library")
    ).to_be_visible()
    assert_accessible(page)
    assert RoleLevel.objects.count() == 12

    # The Camden lead browses to a role level.
    lead = new_page()
    login_as(lead, camden_lead)
    lead.get_by_role("navigation", name="Main").get_by_role("link", name="Skills & jobs").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Skills & jobs")
    assert_accessible(lead)
    analyst = RoleLevel.objects.get(name="Data analyst")
    lead.locator(f'a[href="{analyst.get_absolute_url()}"]').click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Data analyst")
    expect(lead.get_by_role("heading", name="Skills needed")).to_be_visible()
    expect(lead.get_by_text("No benchmark is published for this level yet.")).to_be_visible()
    assert_accessible(lead)

    # … compares it with the next level …
    lead.get_by_role("link", name="Compare with Senior data analyst").click()
    heading = lead.get_by_role("heading", name="From Data analyst to Senior data analyst")
    expect(heading).to_be_visible()
    row = lead.get_by_role("row").filter(has_text="Data visualisation")
    assert "Grows 1 level" in row.inner_text()
    assert_accessible(lead)

    # … and shares Camden's salary range for it.
    lead.get_by_role("link", name="Data analyst", exact=True).first.click()
    lead.get_by_role("link", name="Share Camden's salary range").click()
    assert_accessible(lead)
    last_year = timezone.localdate().year - 1
    lead.get_by_role("spinbutton", name=re.compile(r"^Year")).fill(str(last_year))
    lead.get_by_label("Minimum").fill("52000")
    lead.get_by_label("Maximum").fill("41000")
    lead.get_by_label("Source").select_option("advertised")
    lead.get_by_role("button", name="Save").click()
    expect(lead.get_by_text("The maximum must be at least the minimum.")).to_be_visible()
    assert_accessible(lead)
    lead.get_by_label("Minimum").fill("38000")
    lead.get_by_role("button", name="Save").click()
    expect(lead.get_by_text("Saved Camden's range.")).to_be_visible()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Data analyst")
    expect(lead.get_by_text("No benchmark is published for this level yet.")).to_be_visible()
    assert_accessible(lead)
    expect(lead.get_by_role("link", name="See all your organisation's ranges")).to_be_visible()

    submission = SalarySubmission.objects.get()
    assert (submission.organisation, submission.minimum, submission.maximum) == (
        camden_lead.organisation,
        38_000,
        41_000,
    )

    # Four more organisations share theirs: the benchmark appears, rounded, without anyone's range.
    for slug in ("lambeth", "hackney", "islington", "southwark"):
        SalarySubmissionFactory(
            organisation=Organisation.objects.get(slug=slug),
            role_level=submission.role_level,
            minimum=39_111,
            maximum=42_777,
        )
    lead.reload()
    expect(lead.get_by_role("img", name=re.compile("Box plot of yearly salaries"))).to_be_visible()
    table = lead.get_by_role("table", name="Yearly salary benchmark for this role level")
    assert "5 to 9" in table.inner_text() and "to the nearest £" in table.inner_text()
    for raw in ("39,111", "42,777", "40,944"):  # the others' ends and midpoint
        assert raw not in lead.content()
    assert_accessible(lead)
