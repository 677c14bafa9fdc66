"""A dataset's sharing route, end to end in two browsers.

The Camden lead answers the route questions of a dataset Lambeth holds, reads the drafted
agreement and downloads it as a Word document (read back here with python-docx), and asks
Lambeth to sign it off. A Lambeth information governance officer finds the request on their
home page and signs it off; the Camden lead sees it signed, on the Data stage and on London's
register. Zero axe violations on every page visited, and a pass at 390 px wide.
"""

import re
from datetime import timedelta

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from methodology.stages import Stage
from projects.governance.models import DataSharing
from projects.models import Dataset
from tests.browser.conftest import assert_accessible, login_as
from tests.factories import ProjectFactory, UserFactory
from tests.projects.canvas.conftest import CanvasFiller

pytestmark = pytest.mark.django_db(transaction=True)

DATASET = "Rent arrears by household"


def visit(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def click(page, control) -> None:
    control.click()
    page.wait_for_load_state()
    assert_accessible(page)


@pytest.fixture
def dataset(camden_lead, loti_staff, lambeth):
    project = ProjectFactory(created_by=camden_lead, title="Eviction prevention")
    filler = CanvasFiller(project, camden_lead)
    filler.approver = loti_staff
    filler.through(Stage.ETHICS)
    return filler.add(
        Dataset(
            name=DATASET,
            holder=lambeth,
            source=Dataset.Source.OTHER_ORGANISATION,
            personal_data=True,
            lawful_basis=Dataset.LawfulBasis.PUBLIC_TASK,
        ),
        [project.insights.get()],
    )


def test_route_draft_and_sign_off_across_boroughs(page, new_page, camden_lead, lambeth, dataset):
    officer = UserFactory(organisation=lambeth, email="ig@lambeth.example", name="Lambeth IG")
    project = dataset.project

    # The Camden lead answers the route questions from the Data stage.
    login_as(page, camden_lead)
    assert_accessible(page)
    visit(page, f"/projects/{project.pk}/stages/data/")
    click(page, page.get_by_role("link", name=f"Answer the route questions for “{DATASET}”"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sharing route: {DATASET}")
    page.get_by_label("Yes: it is about people who can be identified").check()
    page.get_by_label("Separate controllers: each decides for itself").check()
    page.get_by_label("Lawful basis (UK GDPR Article 6)").select_option("public_task")
    page.get_by_label("Routine: shared regularly or continuously").check()
    page.get_by_label("Retention and deletion").fill("Two years, then deleted.")
    page.get_by_label("Security").fill("Our data platform; access is logged.")
    page.get_by_label("Transparency").fill("Both privacy notices name the sharing.")
    # A contradiction first: special category data without its Article 9 condition.
    page.get_by_label(re.compile("It holds special category data")).check()
    review_on = timezone.localdate() + timedelta(days=365)
    page.get_by_label("Review date of the agreement").fill(review_on.isoformat())
    click(page, page.get_by_role("button", name="Save the answers"))
    expect(page.get_by_text("needs an Article 9 condition")).to_be_visible()
    page.get_by_label(re.compile("It holds special category data")).uncheck()
    click(page, page.get_by_role("button", name="Save the answers"))
    expect(page.locator("#route-label")).to_have_text(
        "Personal data: an agreement and a DPIA screening"
    )
    expect(page.locator(".route-reasons")).to_contain_text("ICO data sharing code")

    # The draft agreement: a page, and a Word document with the purpose chain.
    click(page, page.get_by_role("link", name="Data sharing agreement", exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data sharing agreement")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a Word document").click()
    document = docx.Document(download.value.path())
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Outcome: Residents at risk of eviction will be better off" in text
    assert "Holder (discloses the data): Lambeth" in text

    # The lead asks Lambeth to sign it off.
    click(page, page.get_by_role("link", name="Back to the sharing route"))
    click(page, page.get_by_role("button", name="Ask Lambeth to sign off"))
    expect(page.locator(".messages")).to_contain_text("Sign-off requested")
    expect(page.locator("#sign-off")).to_contain_text("Waiting for: ")

    # Lambeth's officer finds it on their home page and signs it off.
    other = new_page()
    login_as(other, officer)
    assert_accessible(other)
    click(other, other.get_by_role("link", name=f"{DATASET}: sign-off requested"))
    other.get_by_label("Approve: sign it off").check()
    other.get_by_label("Reasons").fill("A clear purpose and a lawful basis.")
    click(other, other.get_by_role("button", name="Record my decision"))
    expect(other.locator(".messages")).to_contain_text("Signed off")
    expect(other.locator("#sign-off")).to_contain_text("Signed off")
    assert DataSharing.objects.get(dataset=dataset).status == "signed"

    # The lead sees it signed on the Data stage and on the register, also on a phone.
    visit(page, f"/projects/{project.pk}/stages/data/")
    expect(page.locator(".sharing-route")).to_contain_text("Signed off")
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, "/data-sharing/")
    expect(page.locator(".register-group")).to_contain_text(DATASET)
    expect(page.locator(".register-group")).to_contain_text("Signed off")
    history = page.evaluate("document.documentElement.scrollWidth <= 390")
    assert history, "the register scrolls sideways at 390 px"
