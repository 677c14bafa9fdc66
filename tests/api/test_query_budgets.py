"""Every list costs at most 10 queries, the same with 1 row as with 50, asked with a token
(the token's person and roles included) as a report would ask."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.api.conftest import populate, token_client

pytestmark = pytest.mark.django_db

BUDGET = 10


def list_paths() -> list[str]:
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    return sorted(path for path in schema["paths"] if "{" not in path)


def costs(client, paths) -> dict[str, int]:
    out = {}
    for path in paths:
        client.get(path)  # the token's last use is written once a minute, not counted here
        with CaptureQueriesContext(connection) as context:
            response = client.get(path, {"page_size": 100})
        assert response.status_code == 200, path
        out[path] = len(context)
    return out


@pytest.mark.parametrize("persona", ["lambeth_lead", "loti_staff"])
def test_every_list_costs_the_same_for_1_and_50_rows(persona, camden_lead, loti_staff, request):
    client = token_client(request.getfixturevalue(persona))
    paths = list_paths()
    populate(1, lead=camden_lead, staff=loti_staff)
    one = costs(client, paths)
    populate(49, lead=camden_lead, staff=loti_staff, start=1)
    fifty = costs(client, paths)
    assert client.get("/api/v1/projects/", {"page_size": 100}).json()["count"] == 50
    assert fifty == one
    assert max(one.values()) <= BUDGET, one
