"""The one-page canvas prints on a single A4 sheet."""

import re

import pytest

from methodology.stages import Stage
from tests.browser.conftest import assert_accessible, login_as
from tests.factories import ProjectFactory
from tests.projects.canvas.conftest import CanvasFiller

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_filled_canvas_prints_on_one_a4_page(page, camden_lead, lambeth_lead):
    project = ProjectFactory(created_by=camden_lead, title="Eviction prevention")
    filler = CanvasFiller(project, camden_lead).through(Stage.ETHICS)
    filler.outcome(who="Young carers")
    login_as(page, lambeth_lead)
    page.goto(f"/projects/{project.pk}/canvas/")
    assert_accessible(page)
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
