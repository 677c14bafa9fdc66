"""A Camden project ready for its ethics review, and helpers to move the review along."""

import pytest

from methodology.stages import Stage
from projects.ethics import services as ethics
from tests.factories import ProjectFactory
from tests.projects.canvas.conftest import CanvasFiller


@pytest.fixture
def filler(camden_lead):
    project = ProjectFactory(created_by=camden_lead, title="Rough sleeping insights")
    filler = CanvasFiller(project, camden_lead)
    filler.through(Stage.ENABLERS)
    filler.ethics()
    return filler


@pytest.fixture
def project(filler):
    """Outcomes…Enablers complete, the Ethics assessment filled in, not yet submitted."""
    return filler.project


@pytest.fixture
def submitted(project, camden_lead):
    ethics.ethics_review_submit(project=project, by=camden_lead, note="First look please")
    return project


@pytest.fixture
def in_review(submitted, loti_staff):
    ethics.ethics_review_assign(
        review=ethics.review_of(submitted), reviewer=loti_staff, by=loti_staff
    )
    return submitted


def decide(project, reviewer, decision, reasons="Because.", **extra):
    return ethics.ethics_review_decide(
        review=ethics.review_of(project), by=reviewer, decision=decision, reasons=reasons, **extra
    )
