"""The ethics review's home-page panels: what the review waits for from a project's team, and
what waits for the ethics reviewers."""

from django.template.defaultfilters import truncatewords
from django.urls import reverse

from loti_data.attention import Item, Panel
from methodology import checkpoint
from methodology.checkpoint import ReviewState
from methodology.stages import Stage
from projects.canvas.selectors import stage_url
from projects.ethics import rules
from projects.ethics.selectors import review_queue, reviews_of_my_projects

SHOWN = 5


def _team_item(user, review) -> Item:
    project = review.project
    ethics_page = stage_url(project, Stage.ETHICS)
    if review.state == ReviewState.CHANGES_REQUESTED:
        return Item(
            label=f"{project.title}: changes requested",
            url=f"{ethics_page}#entries",
            detail=f"The reviewer asked: {truncatewords(review.reasons, 25)}",
        )
    if review.state == ReviewState.REREVIEW_REQUIRED:
        return Item(
            label=f"{project.title}: re-review required",
            url=ethics_page,
            detail="An earlier stage changed after the approval: submit Ethics again.",
        )
    if rules.may_acknowledge(user, project):
        detail = "Approved with conditions: read and acknowledge them to open Data."
    else:
        leads = ", ".join(str(person) for person in rules.who_acknowledges(project))
        detail = f"Approved with conditions: waiting for {leads or 'the project lead'} to "
        detail += "acknowledge them."
    return Item(
        label=f"{project.title}: conditions to acknowledge",
        url=f"{project.get_absolute_url()}#conditions",
        detail=detail,
    )


def team_reviews_panel(user) -> Panel | None:
    """For a project's team: changes requested (with the reason), conditions to acknowledge,
    re-reviews after an edit. Not shown to people on no team."""
    if not user.project_memberships.exists():
        return None
    reviews = [
        review
        for review in reviews_of_my_projects(user)
        if checkpoint.team_owes(review.state, review.conditions_acknowledged)
    ]
    return Panel(
        title="Ethics reviews waiting on your team",
        empty_text="No ethics review is waiting on your team.",
        link_label="See all your projects",
        link_url=reverse("projects:list") + "?mine=1",
        items=[_team_item(user, review) for review in reviews[:SHOWN]],
    )


def _queue_detail(user, review) -> str:
    if review.rereview_due:
        return f"re-review due since {review.rereview_on:%d %B %Y}"
    if review.reviewer_id == user.pk:
        return f"assigned to you · {review.get_state_display()}"
    if review.reviewer_id is None:
        return f"{review.get_state_display()} · not taken yet"
    return f"{review.get_state_display()} · with {review.reviewer}"


def ethics_queue_panel(user) -> Panel | None:
    """For ethics reviewers: how many reviews wait, those assigned to them first, then re-reviews
    due, then the rest they may take (never a project they have a conflict with)."""
    if not rules.is_reviewer(user):
        return None
    reviews = [
        review for review in review_queue() if not rules.reviewer_conflict(user, review.project)
    ]

    def order(review) -> int:
        if review.reviewer_id == user.pk and checkpoint.awaits_decision(review.state):
            return 0
        return 1 if review.rereview_due else 2

    reviews.sort(key=order)  # stable: oldest submission first within each group
    count = len(reviews)
    mine = sum(1 for review in reviews if order(review) == 0)
    return Panel(
        title=f"Ethics reviews waiting ({count})",
        empty_text="No ethics review is waiting for you.",
        link_label=(
            f"Open the review queue ({mine} assigned to you)" if mine else "Open the review queue"
        ),
        link_url=reverse("projects:ethics_queue"),
        items=[
            Item(
                label=review.project.title,
                url=reverse("projects:ethics_review", args=[review.project_id]),
                detail=_queue_detail(user, review),
            )
            for review in reviews[:SHOWN]
        ],
    )
