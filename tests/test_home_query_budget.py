"""The home page's panels cost the same however many projects, reviews and interests wait:
each panel shows the first few and counts the rest in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Interest
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def add_projects(lead, lambeth_lead, n: int) -> None:
    for i in range(n):
        project = ProjectFactory(created_by=lead, title=f"Project {i}")
        Interest.objects.create(
            project=project, organisation=lambeth_lead.organisation, registered_by=lambeth_lead
        )


def test_the_home_page_costs_the_same_with_8_projects_as_with_30(
    client_for, camden_lead, lambeth_lead, django_assert_max_num_queries
):
    client = client_for(camden_lead)
    add_projects(camden_lead, lambeth_lead, 8)
    with_8 = home_queries(client)
    add_projects(camden_lead, lambeth_lead, 22)
    assert home_queries(client) == with_8
    with django_assert_max_num_queries(40):
        client.get("/")
