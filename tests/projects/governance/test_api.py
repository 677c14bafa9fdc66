"""London's register of data sharing in the read API: the page's rows, filters and rule."""

import pytest

from projects.governance import rules
from tests.api.conftest import token_client
from tests.projects.governance.conftest import decide, request_signoff

pytestmark = pytest.mark.django_db

API = "/api/v1/data-sharing/"


def test_the_api_lists_the_register(routed, camden_lead, lambeth_officer, lambeth_lead):
    decide(request_signoff(routed, camden_lead), lambeth_officer)
    rows = token_client(lambeth_lead).get(API).json()["results"]
    row = next(row for row in rows if row["id"] == routed.dataset_id)
    assert row["holder"] == "Lambeth" and row["holder_organisation"] == "lambeth"
    assert (row["route"], row["status"], row["expired"]) == ("agreement", "signed", False)
    assert row["outcomes"] == ["Residents at risk of eviction"]
    assert row["project_title"] == "Eviction prevention"


def test_the_api_filters_and_asks_the_rule(routed, lambeth_lead, monkeypatch):
    client = token_client(lambeth_lead)
    assert client.get(API, {"organisation": "camden"}).json()["count"] == 1
    assert client.get(API, {"route": "dpia"}).json()["count"] == 0
    monkeypatch.setattr(rules, "may_read", lambda user, project: False)
    assert client.get(API).json()["results"] == []
    assert client.get(f"{API}{routed.dataset_id}/").status_code in (403, 404)
