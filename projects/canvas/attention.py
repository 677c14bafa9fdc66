"""The home page's "Your projects" panel."""

from django.urls import reverse

from loti_data.attention import Item, Panel
from methodology.stages import definition
from projects.canvas.selectors import projects_of, stage_url


def my_projects_panel(user) -> Panel:
    """The projects whose team the person is on, most recently changed first, with the stage
    each one is at (one query)."""
    projects = projects_of(user).order_by("-updated_at")[:6]
    items = []
    for project in projects:
        stage = definition(project.stage)
        items.append(
            Item(
                label=project.title,
                url=stage_url(project, project.stage),
                detail=f"stage {stage.number} of {stage.total}: {stage.label}",
            )
        )
    return Panel(
        title="Your projects",
        empty_text="You are not on any project team yet. Start a project, or ask a lead to "
        "add you to theirs.",
        link_label="See all your projects",
        link_url=reverse("projects:list") + "?mine=1",
        items=items,
    )
