"""The backlog's home-page panels: interest for a project's leads to answer, and the projects
LOTI staff have to triage."""

from django.urls import reverse

from loti_data.attention import Item, Panel
from projects.backlog import rules
from projects.backlog.selectors import open_interests, projects_needing_triage
from projects.canvas.selectors import my_projects

SHOWN = 5


def interest_panel(user) -> Panel | None:
    """For project leads: organisations that registered interest, to accept or decline."""
    led = [p for p in my_projects(user, limit=50) if rules.may_decide_interest(user, p)]
    if not led:
        return None
    interests = list(open_interests(led)[:SHOWN])
    return Panel(
        title="Interest in your projects",
        empty_text="No organisation is waiting for an answer about joining your projects.",
        link_label="Open the backlog",
        link_url=reverse("projects:backlog"),
        items=[
            Item(
                label=f"{interest.organisation.name} wants to join {interest.project.title}",
                url=interest.project.get_absolute_url() + "#backlog-panel-heading",
                detail=f"registered {interest.registered_at:%d %B %Y}: answer it",
            )
            for interest in interests
        ],
    )


def triage_panel(user) -> Panel | None:
    if not rules.may_triage(user):
        return None
    count, projects = projects_needing_triage(limit=SHOWN)
    return Panel(
        title=f"Backlog to triage ({count})",
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
