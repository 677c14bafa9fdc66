"""A finished project's evaluation keeps its earlier versions: every record or revision is a
row, never overwritten, shown to readers and read-only in the admin."""

import importlib

import pytest
from django.contrib import admin
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from projects.backlog import services as triage
from projects.models import Evaluation, EvaluationRevision, Project
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(camden_project, loti_staff):
    triage.project_set_status(
        project=camden_project,
        status=Project.Status.DONE,
        reason="Live since spring",
        by=loti_staff,
        outcomes_achieved="Fewer evictions",
        lessons_learned="Agree data sharing first",
    )
    return camden_project


def revise(project, by, outcomes="Evictions fell by a third", lessons="Agree data sharing first"):
    return triage.evaluation_record(
        project=project, outcomes_achieved=outcomes, lessons_learned=lessons, by=by
    )


def test_marking_done_records_the_first_version(finished, loti_staff):
    (revision,) = EvaluationRevision.objects.filter(evaluation__project=finished)
    assert (revision.outcomes_achieved, revision.lessons_learned, revision.recorded_by) == (
        "Fewer evictions",
        "Agree data sharing first",
        loti_staff,
    )


def test_a_revision_keeps_the_earlier_version(finished, loti_staff):
    evaluation = revise(finished, loti_staff)
    assert evaluation.outcomes_achieved == "Evictions fell by a third"
    versions = list(evaluation.revisions.values_list("outcomes_achieved", flat=True))
    assert versions == ["Evictions fell by a third", "Fewer evictions"]


def test_saving_the_same_text_adds_no_version(finished, loti_staff):
    revise(finished, loti_staff, outcomes="Fewer evictions")
    assert EvaluationRevision.objects.filter(evaluation__project=finished).count() == 1


def test_versions_cannot_be_changed_or_deleted(finished):
    versions = EvaluationRevision.objects.filter(evaluation__project=finished)
    revision = versions.get()
    revision.lessons_learned = "Rewritten"
    with pytest.raises(PermissionError):
        revision.save()
    with pytest.raises(PermissionError):
        revision.delete()
    with pytest.raises(PermissionError):
        versions.update(lessons_learned="Rewritten")
    with pytest.raises(PermissionError):
        versions.delete()
    assert versions.get().lessons_learned == "Agree data sharing first"


def test_readers_see_the_earlier_versions(client_for, finished, loti_staff, lambeth_lead):
    revise(finished, loti_staff)
    client = client_for(lambeth_lead)
    page = client.get(finished.get_absolute_url()).content.decode()
    assert "Evictions fell by a third" in page
    assert "Earlier versions of the evaluation (1)" in page
    assert "Fewer evictions" in page
    lessons = client.get("/backlog/lessons/").content.decode()
    assert "earlier versions kept" in lessons


def test_a_single_version_shows_no_history(client_for, finished, lambeth_lead):
    page = client_for(lambeth_lead).get(finished.get_absolute_url()).content.decode()
    assert "Earlier versions of the evaluation" not in page
    lessons = client_for(lambeth_lead).get("/backlog/lessons/").content.decode()
    assert "earlier versions kept" not in lessons


def test_the_admin_shows_evaluations_and_their_versions_read_only(rf, finished):
    request = rf.get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    evaluation_admin = admin.site._registry[Evaluation]
    (inline,) = evaluation_admin.get_inline_instances(request, finished.evaluation)
    assert inline.model == EvaluationRevision
    for model_admin in (evaluation_admin, inline):
        assert not model_admin.has_add_permission(request, finished.evaluation)
        assert not model_admin.has_change_permission(request, finished.evaluation)
        assert not model_admin.has_delete_permission(request, finished.evaluation)


def test_the_migration_keeps_each_existing_evaluation_as_its_first_version(
    camden_project, loti_staff
):
    migration = importlib.import_module("projects.migrations.0007_evaluation_revisions")
    state = MigrationLoader(connection).project_state(("projects", "0007_evaluation_revisions"))
    evaluation = Evaluation.objects.create(
        project=camden_project,
        outcomes_achieved="Recorded before versions were kept",
        lessons_learned="Keep history",
        recorded_by=loti_staff,
    )
    migration.keep_each_evaluation_as_its_first_revision(state.apps, None)
    revision = EvaluationRevision.objects.get(evaluation=evaluation)
    assert revision.outcomes_achieved == "Recorded before versions were kept"
    assert revision.recorded_by == loti_staff
    assert revision.recorded_at == evaluation.updated_at
