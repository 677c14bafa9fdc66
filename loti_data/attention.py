"""What needs each person's attention, for the home page.

Each app contributes panels; a panel is a heading, a short text, items (label and URL) and a link
to see everything. Apps add their own function to ``PANEL_BUILDERS``.
"""

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class Item:
    label: str
    url: str
    detail: str = ""


@dataclass
class Panel:
    title: str
    empty_text: str
    link_label: str
    link_url: str
    items: list[Item] = field(default_factory=list)


def my_projects_panel(user) -> Panel | None:
    return Panel(
        title="Your projects",
        empty_text="You are not on any project team yet.",
        link_label="Browse projects",
        link_url=reverse("projects:list"),
    )


def triage_panel(user) -> Panel | None:
    if not user.is_loti_staff:
        return None
    from projects.backlog_selectors import projects_needing_triage

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


def library_panel(user) -> Panel | None:
    if not user.is_library_admin:
        return None
    return Panel(
        title="Capability model and jobs library",
        empty_text="Keep the capability model, jobs library and salary data up to date.",
        link_label="Manage the library",
        link_url=reverse("admin:index"),
    )


def networks_panel(user) -> Panel | None:
    return Panel(
        title="Upcoming meet-ups",
        empty_text="No meet-ups are scheduled for your networks.",
        link_label="See the data networks",
        link_url=reverse("skills:networks"),
    )


PANEL_BUILDERS = [my_projects_panel, triage_panel, library_panel, networks_panel]


def attention_for(user) -> list[Panel]:
    return [panel for build in PANEL_BUILDERS if (panel := build(user)) is not None]
