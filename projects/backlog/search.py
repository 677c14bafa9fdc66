"""What the backlog makes searchable: lessons learned (everyone signed in, as on the lessons
page) and private triage notes (only whom ``rules.may_keep_private_notes`` allows)."""

from django.urls import reverse

from loti_data import registry
from loti_data.search.documents import Document
from projects.backlog import rules
from projects.backlog.models import Evaluation, TriageNote
from projects.canvas import rules as canvas_rules
from projects.canvas.models import Project


def lesson_document(evaluation_id: int) -> Document | None:
    evaluation = (
        Evaluation.objects.select_related("project__lead_organisation")
        .filter(pk=evaluation_id)
        .first()
    )
    if evaluation is None:
        return None
    project = evaluation.project
    return Document(
        title=f"Lessons from {project.title}",
        summary=evaluation.lessons_learned,
        body=evaluation.outcomes_achieved,
        meta=f"{project.lead_organisation.name} · recorded {evaluation.recorded_at:%d %b %Y}",
        url=f"{reverse('projects:lessons')}#lesson-{evaluation.pk}",
        organisation_id=project.lead_organisation_id,
    )


def note_document(note_id: int) -> Document | None:
    note = TriageNote.objects.select_related("project__lead_organisation").filter(pk=note_id)
    note = note.first()
    if note is None:
        return None
    project = note.project
    return Document(
        title=f"Private note on {project.title}",
        summary=note.text,
        meta=f"{project.lead_organisation.name} · LOTI staff only",
        url=reverse("projects:triage", args=[project.pk]),
        organisation_id=project.lead_organisation_id,
    )


def register() -> None:
    registry.register_search(
        "lesson",
        "Lessons learned",
        build=lesson_document,
        all_ids=lambda: Evaluation.objects.values_list("pk", flat=True),
        visible=lambda user: canvas_rules.may_read(user, Project()),
        order=20,
    )
    registry.register_search_source(Evaluation, "lesson", lambda evaluation: evaluation.pk)
    registry.register_search(
        "triage-note",
        "Private triage note",
        build=note_document,
        all_ids=lambda: TriageNote.objects.values_list("pk", flat=True),
        visible=rules.may_keep_private_notes,
        order=70,
    )
    registry.register_search_source(TriageNote, "triage-note", lambda note: note.pk)
