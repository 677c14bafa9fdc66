import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_the_landing_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Pan-London data projects" in response.content
    assert b"Log in" in response.content


def test_a_borough_lead_sees_their_projects_and_meetups(client_for, camden_lead):
    page = client_for(camden_lead).get("/").content.decode()
    assert "Your projects" in page
    assert "Upcoming meet-ups" in page
    assert "Backlog to triage" not in page
    assert 'href="/admin/"' not in page


def test_loti_staff_see_the_backlog_to_triage(client_for, loti_staff):
    page = client_for(loti_staff).get("/").content.decode()
    assert "Backlog to triage" in page


def test_library_admins_see_the_library_and_the_admin_link(client_for, library_admin):
    page = client_for(library_admin).get("/").content.decode()
    assert "Capability model and jobs library" in page
    assert 'href="/admin/"' in page


def test_library_admins_can_open_the_django_admin(client_for, library_admin, camden_lead):
    assert client_for(library_admin).get("/admin/").status_code == 200
    response = client_for(camden_lead).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
