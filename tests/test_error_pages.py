"""The 403, 404 and 500 pages keep the site's layout and say what happened and what to do; a
refused request is logged on one line."""

import logging

import pytest
from django.test import Client

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def camden_project(camden_lead):
    return ProjectFactory(created_by=camden_lead, title="Temporary accommodation")


def test_another_borough_opening_an_edit_link_is_told_only_the_team_can_edit(
    client_for, camden_project, lambeth_lead
):
    response = client_for(lambeth_lead).get(f"/projects/{camden_project.pk}/edit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>You can't do that here</h1>" in page
    assert "Only the project&#x27;s team can edit it." in page
    assert (
        f'<a href="{camden_project.get_absolute_url()}">Go to Temporary accommodation</a>' in page
    )
    assert "Log out" in page  # the site's header and navigation


def test_a_missing_page_keeps_the_layout(client_for, camden_lead, settings):
    settings.DEBUG = False
    response = client_for(camden_lead).get("/projects/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page
    assert "Log out" in page
    assert 'href="/"' in page


def test_a_server_error_says_so_plainly(camden_lead, settings, monkeypatch):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("the database fell over")

    monkeypatch.setattr("loti_data.views.attention_for", broken)
    client = Client(raise_request_exception=False)
    client.force_login(camden_lead)
    response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert "the database fell over" not in page


def test_a_refused_request_logs_one_line_without_a_traceback(
    client_for, camden_project, lambeth_lead, caplog
):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client_for(lambeth_lead).get(f"/projects/{camden_project.pk}/edit/")
    # The filter on the logger takes the traceback off; caplog sees the record as handlers do.
    records = [record for record in caplog.records if record.name == "django.request"]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "Forbidden" in records[0].getMessage()
