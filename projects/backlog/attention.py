"""The home page's "Backlog to triage" panel, for LOTI staff."""

from django.urls import reverse

from loti_data.attention import Item, Panel
from projects.backlog import rules
from projects.backlog.selectors import projects_needing_triage


def triage_panel(user) -> Panel | None:
    if not rules.may_triage(user):
        return None
    count, projects = projects_needing_triage(limit=5)
    return Panel(
        title="Backlog to triage",
        empty_text="Nothing is waiting for triage.",
        link_label=f"See all {count} needing triage" if count else "Open the backlog",
        link_url=reverse("projects:backlog") + ("?needs_triage=on" if count else ""),
        items=[
            Item(
                label=project.title,
                url=reverse("projects:triage", args=[project.pk]),
                detail=f"{project.lead_organisation.name} · {project.get_status_display()}",
            )
            for project in projects
        ],
    )
