"""The home page's "Your projects" panel: each project with the stage it is at, and which of
them have a stage ready for the person to mark complete."""

from django.urls import reverse

from loti_data.attention import Item, Panel
from methodology import workflow
from methodology.stages import definition
from projects.canvas import rules
from projects.canvas.selectors import Canvas, my_projects, stage_url

SHOWN = 6


def ready_to_complete(user, project) -> bool:
    """The stage the project is at has all it needs and this person may mark it complete (Ethics
    completes by its review, not here)."""
    if workflow.completes_by_review(project.stage) or not rules.may_edit(user, project):
        return False
    canvas = Canvas(project)
    status = canvas.statuses[project.stage]
    return status.is_open and not canvas.missing(project.stage)


def _item(user, project, ready: bool) -> Item:
    stage = definition(project.stage)
    if ready:
        return Item(
            label=f"{project.title}: {stage.label} is ready to complete",
            url=stage_url(project, project.stage) + "#status-heading",
            detail="Everything it needs is here: mark it complete.",
        )
    return Item(
        label=project.title,
        url=stage_url(project, project.stage),
        detail=f"stage {stage.number} of {stage.total}: {stage.label}",
    )


def my_projects_panel(user) -> Panel:
    """The projects whose team the person is on, most recently changed first."""
    projects = [(ready_to_complete(user, p), p) for p in my_projects(user, limit=SHOWN)]
    # What waits on the person comes first (sorted() is stable: most recent first within).
    projects = sorted(projects, key=lambda pair: not pair[0])
    items = [_item(user, project, ready) for ready, project in projects]
    return Panel(
        title="Your projects",
        empty_text="You are not on any project team yet. Start a project, or ask a lead to "
        "add you to theirs.",
        link_label="See all your projects",
        link_url=reverse("projects:list") + "?mine=1",
        items=items,
    )
