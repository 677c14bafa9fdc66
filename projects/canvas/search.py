"""What the canvas makes searchable: each project, its title (ranked first), its summary and
themes (second), and every canvas entry (third). Who finds it is ``rules.may_read``."""

from loti_data import registry
from loti_data.search.documents import Document
from projects.canvas import rules
from projects.canvas.models import Action, Dataset, Enabler, Insight, Outcome, Project


def _entries_text(project: Project) -> str:
    parts = []
    for outcome in project.outcomes.all():
        parts += [outcome.who, outcome.how, outcome.measure]
    for action in project.actions.all():
        parts += [action.actor, action.change, action.intervention]
    for insight in project.insights.all():
        parts += [insight.title, insight.screen]
    for enabler in project.enablers.all():
        parts += [enabler.get_kind_display(), enabler.need]
    for dataset in project.datasets.all():
        parts += [dataset.name]
    return "\n".join(part for part in parts if part)


def _projects(ids):
    return (
        Project.objects.select_related("lead_organisation")
        .prefetch_related("themes", "outcomes", "actions", "insights", "enablers", "datasets")
        .filter(pk__in=ids)
    )


def project_document(project_id: int) -> Document | None:
    project = _projects([project_id]).first()
    return _document(project) if project else None


def project_documents(ids: list[int]) -> dict[int, Document]:
    return {project.pk: _document(project) for project in _projects(ids)}


def _document(project: Project) -> Document:
    themes = ", ".join(theme.name for theme in project.themes.all())
    return Document(
        title=project.title,
        summary=f"{project.summary}\n{themes}",
        body=_entries_text(project),
        meta=(
            f"{project.lead_organisation.name} · {project.get_stage_display()} · "
            f"{project.get_status_display()}"
        ),
        url=project.get_absolute_url(),
        organisation_id=project.lead_organisation_id,
    )


def _project_ids():
    return Project.objects.order_by("pk").values_list("pk", flat=True)


def _visible(user) -> bool:
    return rules.may_read(user, Project())


def register() -> None:
    registry.register_search(
        "project",
        "Project",
        build=project_document,
        all_ids=_project_ids,
        visible=_visible,
        order=10,
        build_many=project_documents,
    )
    registry.register_search_source(Project, "project", lambda project: project.pk)
    for model in (Outcome, Action, Insight, Enabler, Dataset):
        registry.register_search_source(model, "project", lambda entry: entry.project_id)
