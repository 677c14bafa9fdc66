"""Demo data for the backlog, and the home page's "Backlog to triage" panel."""

from io import StringIO

import pytest
from django.core.management import call_command

from projects.backlog.demo import seed_backlog
from projects.models import Evaluation, Interest, Project, TriageChange, TriageNote
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_seed_backlog_is_idempotent_and_covers_every_status(reference_data):
    call_command("seed_demo", stdout=StringIO())
    seed_backlog()
    counts = [m.objects.count() for m in (Project, Interest, TriageChange, TriageNote, Evaluation)]
    seed_backlog()
    assert [
        m.objects.count() for m in (Project, Interest, TriageChange, TriageNote, Evaluation)
    ] == counts
    assert set(Project.objects.values_list("status", flat=True)) == set(Project.Status.values)
    done = Project.objects.get(status="done")
    assert Evaluation.objects.filter(project=done).exists()
    assert Project.objects.get(status="duplicate").duplicate_of is not None
    for project in Project.objects.all():
        assert project.interest_count == project.interests.filter(status="interested").count()


def test_staff_home_lists_projects_needing_triage(client_for, loti_staff, camden_lead):
    waiting = ProjectFactory(title="Waiting for LOTI", created_by=camden_lead)
    done = ProjectFactory(title="All sorted", created_by=camden_lead)
    Project.objects.filter(pk=done.pk).update(status="done")
    html = client_for(loti_staff).get("/").content.decode()
    assert "Backlog to triage" in html
    assert "Waiting for LOTI" in html
    assert f"/backlog/projects/{waiting.pk}/triage/" in html
    assert "All sorted" not in html
    assert "See all 1 needing triage" in html


def test_members_have_no_triage_panel(client_for, camden_lead):
    ProjectFactory(title="Waiting for LOTI", created_by=camden_lead)
    html = client_for(camden_lead).get("/").content.decode()
    assert "Backlog to triage" not in html
