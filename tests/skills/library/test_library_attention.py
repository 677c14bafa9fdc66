"""The home page's library panel points library admins at what needs doing."""

import pytest
from django.urls import reverse

from skills.library.demo import SAMPLE_FRAMEWORK_CSV
from skills.library.services import framework_import_csv
from tests.skills.library.factories import RoleLevelFactory

pytestmark = pytest.mark.django_db


def test_before_any_import_the_panel_offers_the_import(client_for, library_admin):
    html = client_for(library_admin).get("/").content.decode()
    assert reverse("admin:skills_framework_import_csv") in html
    assert "The library has not been imported yet" in html


def test_after_an_import_it_shows_when_and_flags_levels_without_skills(client_for, library_admin):
    framework_import_csv(by=library_admin, data=SAMPLE_FRAMEWORK_CSV.read_bytes())
    RoleLevelFactory()
    html = client_for(library_admin).get("/").content.decode()
    assert "Last changed by an import on" in html
    assert "1 role level with no skills recorded" in html


def test_members_do_not_get_the_panel(client_for, camden_lead):
    html = client_for(camden_lead).get("/").content.decode()
    assert "Capability model and jobs library" not in html
