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
    """The projects whose team the person is on, most recently changed first, with the stage
    each one is at (one query)."""
    from methodology.stages import stage_index
    from projects.canvas.selectors import projects_of, stage_url

    projects = projects_of(user).order_by("-updated_at")[:6]
    return Panel(
        title="Your projects",
        empty_text="You are not on any project team yet. Start a project, or ask a lead to "
        "add you to theirs.",
        link_label="See all your projects",
        link_url=reverse("projects:list") + "?mine=1",
        items=[
            Item(
                label=project.title,
                url=stage_url(project, project.stage),
                detail=f"stage {stage_index(project.stage) + 1} of 6: "
                f"{project.get_stage_display()}",
            )
            for project in projects
        ],
    )


def triage_panel(user) -> Panel | None:
    if not user.is_loti_staff:
        return None
    from projects.backlog.selectors import projects_needing_triage

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


def ethics_queue_panel(user) -> Panel | None:
    if not user.is_ethics_reviewer:
        return None
    from projects.ethics import services as ethics
    from projects.ethics.selectors import review_queue

    reviews = list(review_queue()[:20])
    items = [
        Item(
            label=review.project.title,
            url=reverse("projects:ethics_review", args=[review.project_id]),
            detail=("due for re-review" if review.rereview_due else review.get_state_display()),
        )
        for review in reviews
        if not ethics.reviewer_conflict(user, review.project)
    ][:5]
    return Panel(
        title="Ethics reviews waiting",
        empty_text="No ethics review is waiting for you.",
        link_label="Open the review queue",
        link_url=reverse("projects:ethics_queue"),
        items=items,
    )


def library_panel(user) -> Panel | None:
    if not user.is_library_admin:
        return None
    from skills.library.attention import library_items

    return Panel(
        title="Capability model and jobs library",
        empty_text="Keep the capability model, jobs library and salary data up to date.",
        link_label="Manage the library",
        link_url=reverse("admin:index"),
        items=library_items(),
    )


def networks_panel(user) -> Panel | None:
    from django.template.defaultfilters import date as format_date

    from skills.networks.selectors import my_next_meetups

    replies = {"going": "you're going", "waitlisted": "you're on the waiting list"}
    items = [
        Item(
            label=meetup.title,
            url=meetup.get_absolute_url(),
            detail=", ".join(
                part
                for part in (
                    format_date(meetup.starts_at, "D j M, H:i"),
                    meetup.network.name,
                    replies.get(meetup.my_status, ""),
                )
                if part
            ),
        )
        for meetup in my_next_meetups(user)
    ]
    return Panel(
        title="Upcoming meet-ups",
        empty_text="No meet-ups are scheduled for your networks.",
        link_label="See the data networks",
        link_url=reverse("skills:networks"),
        items=items,
    )


PANEL_BUILDERS = [
    my_projects_panel,
    triage_panel,
    ethics_queue_panel,
    library_panel,
    networks_panel,
]


def attention_for(user) -> list[Panel]:
    return [panel for build in PANEL_BUILDERS if (panel := build(user)) is not None]
