"""The backlog page is worked out once per change: asked again, it reads no project; after any
change (a project, its status, a renamed organisation, theme or LOTI owner) it is fresh at
once; and what it keeps is the same for everyone, so nothing personal passes between people."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.backlog import counts
from projects.backlog import services as triage
from projects.backlog.counts import VERSION_KEY
from projects.models import Project

pytestmark = pytest.mark.django_db

URL = "/backlog/?status=new&sort=priority"


def page(client, url: str = URL) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    return response.content.decode(), sql


def test_asked_again_the_page_reads_no_project(client_for, loti_staff, camden_project):
    cache.clear()
    client = client_for(loti_staff)
    first, first_sql = page(client)
    again, again_sql = page(client)
    assert "Camden early warning" in first and "Camden early warning" in again
    assert any("projects_project" in sql for sql in first_sql)
    assert not any("projects_project" in sql for sql in again_sql), again_sql
    # The session, the person and their groups (what every signed-in page costs), and the
    # backlog's version.
    assert len(again_sql) <= 4, again_sql


def test_a_saved_project_shows_at_once(client_for, loti_staff, camden_project):
    client = client_for(loti_staff)
    page(client)
    camden_project.title = "Camden early warning, renamed"
    camden_project.save()
    body, _ = page(client)
    assert "Camden early warning, renamed" in body


def test_a_status_change_takes_the_project_out_of_the_filter(
    client_for, loti_staff, camden_project, lambeth_project
):
    client = client_for(loti_staff)
    before, _ = page(client)
    assert "Lambeth school data" in before and "2 projects match" in before
    triage.project_set_status(
        project=lambeth_project, status=Project.Status.ACCEPTED, reason="Agreed", by=loti_staff
    )
    after, _ = page(client)
    assert "Lambeth school data" not in after and "1 project matches" in after


def test_renamed_organisation_theme_and_owner_show_at_once(
    client_for, loti_staff, camden_project, housing
):
    triage.project_triage_update(
        project=camden_project, by=loti_staff, priority=3, loti_owner=loti_staff, themes=[housing]
    )
    client = client_for(loti_staff)
    before, _ = page(client)
    assert "Camden" in before and housing.name in before and loti_staff.name in before
    organisation = camden_project.lead_organisation
    organisation.name = "London Borough of Camden (renamed)"
    organisation.save()
    housing.name = "Homes and housing"
    housing.save()
    loti_staff.name = "Renamed Staff"
    loti_staff.save()
    after, _ = page(client)
    assert "London Borough of Camden (renamed)" in after
    assert "Homes and housing" in after
    assert "Renamed Staff" in after


def test_a_lost_version_never_brings_back_an_old_page(
    client_for, loti_staff, camden_project, monkeypatch
):
    """Where the version lives in the cache (SQLite), losing it starts a new series."""
    monkeypatch.setattr(counts, "uses_sequence", lambda: False)
    cache.clear()
    client = client_for(loti_staff)
    page(client)  # kept under the first version the cache handed out
    cache.delete(VERSION_KEY)  # evicted, or a restarted cache that kept the pages
    camden_project.title = "Changed while the version was lost"
    camden_project.save()
    body, _ = page(client)
    assert "Changed while the version was lost" in body


def test_what_is_kept_is_not_personal(client_for, loti_staff, camden_lead, camden_project):
    staff_page, _ = page(client_for(loti_staff))
    assert "triage it" in staff_page
    lead_page, lead_sql = page(client_for(camden_lead))
    assert not any("projects_project" in sql for sql in lead_sql)  # the kept page
    assert "register your organisation" in lead_page and "triage it" not in lead_page
    assert "Camden Lead" in lead_page  # the header is the person's own
    assert 'href="/admin/"' not in lead_page


def test_hostile_query_strings_get_a_page(client_for, loti_staff, camden_project):
    client = client_for(loti_staff)
    many = "&".join(f"p{i}={'x' * 50}" for i in range(900))
    body, _ = page(client, f"/backlog/?{many}")
    assert "Camden early warning" in body
    body, _ = page(client, "/backlog/?theme=%00%0a%E2%80%AE&page=-1&sort=nonsense")
    assert "Select a valid choice" in body


@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_another_process_shows_at_once(client_for, loti_staff, camden_project):
    """Another gunicorn worker, with its own cache, changes a project: this process's kept page
    is not shown again, because the version is the database's."""
    import psycopg2
    from django.db import connection as ours

    client = client_for(loti_staff)
    assert "Camden early warning" in page(client)[0]
    settings = ours.settings_dict
    other = psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    try:
        with other, other.cursor() as cursor:
            cursor.execute(
                "UPDATE projects_project SET title = %s WHERE id = %s",
                ["Renamed in another worker", camden_project.pk],
            )
            cursor.execute("SELECT nextval(%s)", [counts.SEQUENCE])
    finally:
        other.close()
    assert "Renamed in another worker" in page(client)[0]
