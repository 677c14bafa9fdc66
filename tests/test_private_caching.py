"""Nothing Django answers may be kept by a browser's or a proxy's cache: every signed-in page,
every export (CSV, calendar files, the canvas), the lockout and the log-in form carry
``Cache-Control: private, no-store`` (loti_data/caching.py)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from skills.models import Network
from skills.networks.models import CalendarFeed
from skills.networks.services import meetup_create
from tests.factories import ProjectFactory, UserFactory
from tests.test_login_required import walk

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def objects(camden_lead, loti_staff):
    project = ProjectFactory(created_by=camden_lead, lead_organisation=camden_lead.organisation)
    network = Network.objects.create(name="Data Leaders", slug="data-leaders", purpose="x")
    starts = datetime.combine(timezone.localdate() + timedelta(days=30), time(9, 30), LONDON)
    meetup = meetup_create(
        network=network,
        by=loti_staff,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        title="Data Leaders meet-up",
        location="City Hall",
    )
    feed = CalendarFeed.objects.create(user=camden_lead)
    return {"project": project, "network": network, "meetup": meetup, "feed": feed}


def real_path(route: str, objects) -> str | None:
    """The route with the ids of real objects, so the pages answer with their content."""
    if route.startswith("^") or "(?P" in route:
        return None
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        converter, _, name = path[start + 1 : end].rpartition(":")
        if converter == "int":
            value = objects["meetup" if "meetups" in path[:start] else "project"].pk
        elif converter == "slug":
            value = objects["network"].slug
        elif name == "token":
            value = objects["feed"].token
        elif name == "stage":
            value = "outcomes"
        else:
            value = "1"
        path = path[:start] + str(value) + path[end + 1 :]
    return "/" + path


def test_every_page_and_export_is_private_for_a_signed_in_person(client, objects, loti):
    superuser = UserFactory(
        email="root@loti.example", organisation=loti, is_staff=True, is_superuser=True
    )
    client.force_login(superuser)
    seen = {}
    for route, name in walk(get_resolver().url_patterns):
        path = real_path(route, objects)
        if name == "skills:calendar_feed":  # a regular expression, for the token's alphabet
            path = reverse(name, kwargs={"token": objects["feed"].token})
        if path is None or route.startswith("static/") or name == "logout":
            continue
        response = client.get(path)
        seen[name or route] = response.status_code
        assert response.status_code < 500, path
        assert response["Cache-Control"] == PRIVATE, f"{path}: {response.get('Cache-Control')}"
    # The walk reached the pages and exports themselves, not only refusals.
    for name in (
        "projects:list",
        "projects:markdown",
        "projects:canvas",
        "projects:backlog",
        "projects:backlog_export",
        "skills:salary_export",
        "skills:meetup_ics",
        "skills:meetup_attendees_csv",
        "skills:calendar_feed",
        "home",
    ):
        assert seen.get(name) == 200, (name, seen.get(name))
    assert sum(status == 200 for status in seen.values()) >= 30, seen


@pytest.mark.parametrize(
    "name, path",
    [
        ("csv", "/backlog/export.csv"),
        ("salary csv", "/skills/salaries/export.csv"),
        ("canvas", "/projects/{project}/canvas/"),
        ("markdown", "/projects/{project}/canvas.md"),
        ("ics", "/networks/meetups/{meetup}/calendar.ics"),
        ("attendees", "/networks/meetups/{meetup}/attendees.csv"),
    ],
)
def test_exports_are_private_whatever_the_view_said(client_for, loti_staff, objects, name, path):
    response = client_for(loti_staff).get(
        path.format(project=objects["project"].pk, meetup=objects["meetup"].pk)
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_person_s_calendar_feed_is_private_though_fetched_without_a_session(client, objects):
    response = client.get(f"/calendar/{objects['feed'].token}.ics")
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/", "/accounts/password_reset/", "/nowhere/"]
)
def test_anonymous_pages_and_errors_are_not_stored_either(client, reference_data, path):
    response = client.get(path)
    assert response["Cache-Control"] == PRIVATE


def test_the_lockout_page_is_private(client, camden_lead):
    for _ in range(6):
        response = client.post("/accounts/login/", {"username": camden_lead.email, "password": "x"})
    assert response.status_code == 429
    assert response["Cache-Control"] == PRIVATE
