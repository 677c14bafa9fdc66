"""Pages that fit and can be used from the keyboard, and error pages people can use.

* The one-page canvas and the staff project page at 1280 px: the ethics principles table stays
  inside its card; the triage panel's selects show their whole text and its history table stays
  inside the panel. At 390 px no page scrolls sideways.
* Tabbing through a stage page: every focused control has a ring of at least 3:1 against what
  is behind it, and the entry form comes before "Mark complete".
* Another borough opening an edit link is told only the team can edit, with a link to the
  project.
* The admin's add pages: no axe violation from our configuration.

axe runs on every page visited.
"""

import re

import pytest
from playwright.sync_api import expect

from methodology.stages import Stage
from projects.backlog import services as triage
from tests.browser.conftest import assert_accessible, login_as
from tests.factories import ProjectFactory, UserFactory
from tests.projects.canvas.conftest import CanvasFiller

pytestmark = pytest.mark.django_db(transaction=True)

LONG = "Residents in temporary accommodation whose housing officer changes more than twice " * 3


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state()
    assert_accessible(page)


def inside(page, inner: str, outer: str) -> bool:
    """Whether every ``inner`` element's right edge is within its ``outer`` ancestor's."""
    return page.evaluate(
        """([inner, outer]) => [...document.querySelectorAll(inner)].every(element => {
            const box = element.closest(outer).getBoundingClientRect();
            return element.getBoundingClientRect().right <= box.right + 0.5;
        })""",
        [inner, outer],
    )


SELECT_FITS = """select => {
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'pre';
    document.body.appendChild(probe);
    let widest = 0;
    for (const option of select.options) {
        probe.textContent = option.text;
        widest = Math.max(widest, probe.getBoundingClientRect().width);
    }
    probe.remove();
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const room = select.clientWidth - padding;
    return widest <= room + 0.5;
}"""


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


# What sticks out of the page (outside tables that scroll on purpose), for the failure message.
WIDE = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .filter(e => !e.parentElement.closest('.table-responsive'))
    .slice(-6).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.trim().slice(0, 30))"""


@pytest.fixture
def project(camden_lead):
    project = ProjectFactory(
        created_by=camden_lead, title="Temporary accommodation moves", summary=LONG
    )
    filler = CanvasFiller(project, camden_lead)
    filler.through(Stage.ENABLERS)
    filler.ethics()
    return project


def test_the_canvas_and_the_staff_project_page_fit_at_1280_and_390(page, project, loti_staff):
    for reason in ("First look", "Waiting for the Camden team's data protection officer " * 4):
        triage.project_set_status(project=project, status="accepted", reason=reason, by=loti_staff)
        triage.project_set_status(project=project, status="new", reason=reason, by=loti_staff)
    login_as(page, loti_staff)
    page.set_viewport_size({"width": 1280, "height": 900})

    visit(page, f"/projects/{project.pk}/canvas/")
    assert inside(page, ".principles", ".canvas-stage")
    assert page_width(page) <= 1280

    for url in (f"/projects/{project.pk}/", f"/backlog/projects/{project.pk}/triage/"):
        visit(page, url)
        selects = page.locator(".triage-panel select")
        assert selects.count() >= 2
        for index in range(selects.count()):
            name = selects.nth(index).get_attribute("name")
            assert selects.nth(index).evaluate(SELECT_FITS), f"{name} cuts its text on {url}"
        assert inside(page, ".triage-history", ".triage-panel")
        assert page_width(page) <= 1280

    page.set_viewport_size({"width": 390, "height": 844})
    for url in (
        "/",
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/canvas/",
        f"/projects/{project.pk}/stages/outcomes/",
        f"/projects/{project.pk}/stages/ethics/",
        f"/projects/{project.pk}/history/",
        f"/backlog/projects/{project.pk}/triage/",
        "/projects/",
        "/backlog/",
        "/ethics/queue/",
        "/skills/",
        "/skills/salaries/",
        "/networks/",
    ):
        visit(page, url)
        assert page_width(page) <= 390, f"{url} is too wide: {page.evaluate(WIDE)}"


FOCUS = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const rgb = value => (value.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const channel = c => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    let behind = element.parentElement, background = [255, 255, 255];
    while (behind) {
        const colour = rgb(getComputedStyle(behind).backgroundColor);
        if (colour.length === 3 || (colour.length === 4 && colour[3] > 0)) {
            background = colour.slice(0, 3);
            break;
        }
        behind = behind.parentElement;
    }
    const ring = luminance(rgb(style.outlineColor));
    const [a, b] = [ring, luminance(background)].sort((x, y) => y - x);
    return {
        what: element.tagName + ' '
            + (element.getAttribute('name') || element.textContent.trim().slice(0, 40)),
        width: parseFloat(style.outlineWidth),
        visible: style.outlineStyle !== 'none',
        contrast: (a + 0.05) / (b + 0.05),
    };
}"""


def test_focus_is_visible_and_the_entry_form_comes_before_mark_complete(page, camden_lead):
    project = ProjectFactory(created_by=camden_lead, title="Street lighting repairs")
    CanvasFiller(project, camden_lead).outcome()
    login_as(page, camden_lead)
    visit(page, f"/projects/{project.pk}/stages/outcomes/")
    page.set_viewport_size({"width": 1280, "height": 900})

    order = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        order.append(focus["what"])
        assert focus["visible"] and focus["width"] >= 2, f"no focus ring on {focus['what']}"
        assert focus["contrast"] >= 3, f"{focus['what']}: focus ring {focus['contrast']:.2f}:1"
        if focus["what"].startswith("BUTTON Mark Outcomes complete"):
            break
    else:
        pytest.fail(f"never reached Mark Outcomes complete: {order}")
    form_fields = [
        what for what in order if what.startswith(("INPUT who", "TEXTAREA", "INPUT measure"))
    ]
    assert form_fields, order
    assert order.index(form_fields[0]) < len(order) - 1  # the form comes before Mark complete

    # Nav links and checkboxes too: the first link in the header, a content link.
    visit(page, f"/projects/{project.pk}/stages/actions/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["contrast"] >= 3


def test_another_borough_opening_an_edit_link_is_told_who_can_edit(page, camden_lead, lambeth_lead):
    project = ProjectFactory(created_by=camden_lead, title="School admissions data")
    login_as(page, lambeth_lead)
    response = page.goto(f"/projects/{project.pk}/edit/")
    assert response.status == 403
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("You can't do that here")
    expect(page.get_by_text("Only the project's team can edit it.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    page.get_by_role("link", name="Go to School admissions data").click()
    expect(page).to_have_url(re.compile(f"/projects/{project.pk}/$"))
    assert_accessible(page)

    response = page.goto("/projects/999999/")
    assert response.status == 404
    assert_accessible(page)


ADMIN_ADD_PAGES = [
    "/admin/skills/meetup/add/",
    "/admin/skills/rsvp/add/",
    "/admin/skills/network/add/",
    "/admin/projects/project/add/",
    "/admin/projects/theme/add/",
    "/admin/skills/role/add/",
    "/admin/skills/rolelevel/add/",
    "/admin/skills/salarysubmission/add/",
    "/admin/accounts/user/add/",
]


def test_the_admin_add_pages_have_no_axe_violations(page, loti):
    admin = UserFactory(
        email="super@loti.example", organisation=loti, is_superuser=True, is_staff=True
    )
    login_as(page, admin)
    for url in ADMIN_ADD_PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        assert_accessible(page)
    page.goto("/admin/skills/meetup/add/")
    page.wait_for_load_state("load")
    expect(page.get_by_label("Starts at: time")).to_be_visible()
    expect(page.get_by_label("Starts at: date")).to_be_visible()
    page.goto("/admin/skills/rsvp/add/")
    page.wait_for_load_state("load")
    expect(page.get_by_role("combobox", name="User")).to_be_visible()
