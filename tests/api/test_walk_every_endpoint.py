"""Walk the OpenAPI schema and call every endpoint as each kind of person, comparing what the
API answers with what the same person sees on the pages."""

import csv
import io

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from projects.models import Project
from tests.api.conftest import NOTE, token_client

pytestmark = pytest.mark.django_db

PERSONAS = ["lambeth_lead", "camden_lead", "loti_staff", "library_admin"]


def schema_paths() -> list[str]:
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    return sorted(path for path, item in schema["paths"].items() if "get" in item)


def concrete(path: str, staff_client) -> str:
    """A detail path with the id of the first row its list holds."""
    if "{id}" not in path:
        return path
    listing = staff_client.get(path.split("{id}")[0]).json()["results"]
    return path.replace("{id}", str(listing[0]["id"]))


@pytest.fixture
def paths(london, loti_staff):
    staff = token_client(loti_staff)
    found = [concrete(path, staff) for path in schema_paths()]
    assert len(found) >= 20  # every part's lists and objects
    return found


def test_anonymous_gets_401_everywhere_with_how_to_sign_in(paths):
    client = APIClient()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"].startswith("Bearer"), path


def test_every_person_reads_every_endpoint_and_sees_the_same_except_private_notes(paths, request):
    answers = {}
    for persona in PERSONAS:
        client = token_client(request.getfixturevalue(persona))
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (persona, path, response.content[:300])
            answers[persona, path] = response.json()
    for path in paths:
        if path.startswith("/api/v1/backlog/"):
            continue  # compared below: only LOTI staff see private notes
        seen = {repr(answers[persona, path]) for persona in PERSONAS}
        assert len(seen) == 1, path


def test_every_list_is_csv_too(paths, loti_staff):
    client = token_client(loti_staff)
    for path in paths:
        if path.rstrip("/").split("/")[-1].isdigit():
            continue
        response = client.get(path, {"format": "csv"})
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows, path


def notes_on_page(client, project) -> bool:
    return NOTE in client.get(project.get_absolute_url()).content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_private_notes_are_in_the_api_exactly_when_the_page_shows_them(
    london, persona, request, client
):
    person = request.getfixturevalue(persona)
    client.force_login(person)
    project = Project.objects.order_by("pk").first()
    on_page = notes_on_page(client, project)
    assert on_page == (persona == "loti_staff")
    api = token_client(person)
    row = api.get(f"/api/v1/backlog/{project.pk}/").json()
    assert ("private_notes" in row) == on_page
    listed = api.get("/api/v1/backlog/", {"format": "csv"}).content.decode()
    assert (NOTE in listed) == on_page
    if on_page:
        assert row["private_notes"][0]["text"] == NOTE


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"sort": "created"},
        {"status": ["new", "accepted"], "sort": "interest"},
        {"q": "Project 1"},
        {"organisation": "camden", "needs_triage": "true"},
    ],
)
def test_the_backlog_matches_the_page_for_the_same_query_string(london, query, request, client):
    for persona in PERSONAS:
        person = request.getfixturevalue(persona)
        client.force_login(person)
        cache.clear()  # the page as this persona's request works it out, not as kept
        page = client.get("/backlog/", query).context["page"]
        response = token_client(person).get("/api/v1/backlog/", query)
        assert response.status_code == 200, response.content
        api = response.json()
        assert api["count"] == page.count
        assert [row["title"] for row in api["results"]] == [row["title"] for row in page.rows]


def test_the_ethics_register_matches_the_page(london, lambeth_lead, client):
    client.force_login(lambeth_lead)
    page = client.get("/ethics/register/").context["page"]
    api = token_client(lambeth_lead).get("/api/v1/ethics-decisions/").json()
    assert [row["id"] for row in api["results"]] == [event.pk for event in page]


def test_meetups_match_the_page(london, lambeth_lead, client):
    client.force_login(lambeth_lead)
    for when in ("upcoming", "past"):
        page = client.get("/networks/meetups/", {"when": when}).context["page"]
        api = token_client(lambeth_lead).get("/api/v1/meetups/", {"when": when}).json()
        assert [row["id"] for row in api["results"]] == [meetup.pk for meetup in page]
    row = token_client(lambeth_lead).get("/api/v1/meetups/").json()["results"][0]
    assert [item["title"] for item in row["agenda"]] == ["Welcome"]


def test_the_canvas_chain_is_the_projects(london, lambeth_lead, client):
    project = Project.objects.order_by("pk").first()
    api = token_client(lambeth_lead)
    detail = api.get(f"/api/v1/projects/{project.pk}/").json()
    outcome, action, insight, dataset = (
        detail["outcomes"][0],
        detail["actions"][0],
        detail["insights"][0],
        detail["datasets"][0],
    )
    assert action["outcomes"] == [outcome["id"]]
    assert insight["actions"] == [action["id"]]
    assert dataset["insights"] == [insight["id"]]
    flat = api.get("/api/v1/datasets/", {"project": project.pk}).json()["results"]
    assert flat == [dataset]
    client.force_login(lambeth_lead)
    canvas = client.get(f"/projects/{project.pk}/canvas/").content.decode()
    for text in (outcome["who"], insight["title"], dataset["name"]):
        assert text in canvas
