"""Bad query strings get a 400 that names the parameter, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD = [
    ("/api/v1/backlog/", {"status": "bogus"}, "status"),
    ("/api/v1/backlog/", {"stage": "nowhere"}, "stage"),
    ("/api/v1/backlog/", {"priority": "9"}, "priority"),
    ("/api/v1/backlog/", {"theme": "no-such-theme"}, "theme"),
    ("/api/v1/backlog/", {"organisation": "atlantis"}, "organisation"),
    ("/api/v1/backlog/", {"loti_owner": "abc"}, "loti_owner"),
    ("/api/v1/backlog/", {"min_interest": "-1"}, "min_interest"),
    ("/api/v1/backlog/", {"min_interest": "lots"}, "min_interest"),
    ("/api/v1/backlog/", {"sort": "random"}, "sort"),
    ("/api/v1/backlog/", {"q": "nul\x00byte"}, "q"),
    ("/api/v1/backlog/", {"page": "abc"}, "page"),
    ("/api/v1/backlog/", {"page": "99999"}, "page"),
    ("/api/v1/projects/", {"page_size": "0"}, "page_size"),
    ("/api/v1/projects/", {"page_size": "100000"}, "page_size"),
    ("/api/v1/outcomes/", {"project": "x"}, "project"),
    ("/api/v1/roles/", {"q": "x" * 101}, "q"),
    ("/api/v1/skills/", {"group": "astrology"}, "group"),
    ("/api/v1/salary-benchmarks/", {"year": "1999"}, "year"),
    ("/api/v1/salary-benchmarks/", {"year": "twenty"}, "year"),
    ("/api/v1/meetups/", {"when": "tomorrow"}, "when"),
    ("/api/v1/meetups/", {"network": "no-such-network"}, "network"),
]


@pytest.mark.parametrize(("path", "query", "name"), BAD)
def test_a_bad_parameter_is_a_400_naming_it(api_for, camden_lead, path, query, name):
    response = api_for(camden_lead).get(path, query)
    assert response.status_code == 400, response.content
    assert name in response.json()


@pytest.mark.parametrize(
    "path", ["/api/v1/projects/abc/", "/api/v1/projects/99999999/", "/api/v1/backlog/-1/"]
)
def test_an_unknown_object_is_a_404(api_for, camden_lead, path):
    assert api_for(camden_lead).get(path).status_code == 404


def test_a_bad_parameter_in_csv_is_still_a_400(api_for, camden_lead):
    response = api_for(camden_lead).get("/api/v1/backlog/", {"status": "x", "format": "csv"})
    assert response.status_code == 400
