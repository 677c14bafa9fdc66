"""Helpers for the backlog tests: projects led by Camden and Lambeth, with their leads."""

import pytest

from projects.models import Theme
from tests.factories import ProjectFactory


@pytest.fixture
def housing(reference_data) -> Theme:
    return Theme.objects.get(slug="housing")


@pytest.fixture
def health(reference_data) -> Theme:
    return Theme.objects.get(slug="health")


@pytest.fixture
def camden_project(camden_lead):
    return ProjectFactory(title="Camden early warning", created_by=camden_lead)


@pytest.fixture
def lambeth_project(lambeth_lead):
    return ProjectFactory(title="Lambeth school data", created_by=lambeth_lead)
