"""The home page's "Ethics reviews waiting" panel, for ethics reviewers."""

from django.urls import reverse

from loti_data.attention import Item, Panel
from projects.ethics import rules
from projects.ethics.selectors import review_queue


def ethics_queue_panel(user) -> Panel | None:
    if not rules.is_reviewer(user):
        return None
    reviews = list(review_queue()[:20])
    items = [
        Item(
            label=review.project.title,
            url=reverse("projects:ethics_review", args=[review.project_id]),
            detail=("due for re-review" if review.rereview_due else review.get_state_display()),
        )
        for review in reviews
        if not rules.reviewer_conflict(user, review.project)
    ][:5]
    return Panel(
        title="Ethics reviews waiting",
        empty_text="No ethics review is waiting for you.",
        link_label="Open the review queue",
        link_url=reverse("projects:ethics_queue"),
        items=items,
    )
