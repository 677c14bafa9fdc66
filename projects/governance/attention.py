"""The sharing routes' home-page panel: agreements waiting for this person's signature, and
for a project's team, agreements declined, due for review or past their review date."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from loti_data.attention import Item, Panel
from projects.governance import rules
from projects.governance.models import SignOff
from projects.governance.selectors import awaiting_signoff, team_routes

SHOWN = 5


def _url(sharing) -> str:
    dataset = sharing.dataset
    return reverse("projects:sharing_route", args=[dataset.project_id, dataset.pk])


def _to_sign(user) -> list[Item]:
    items = []
    for sharing in awaiting_signoff(user.organisation_id):
        if rules.signoff_refusal(user, sharing):
            continue
        dataset = sharing.dataset
        role = (
            "as DPO" if sharing.status == SignOff.HOLDER_APPROVED else "for " + str(dataset.holder)
        )
        items.append(
            Item(
                label=f"{dataset.name}: sign-off requested",
                url=_url(sharing),
                detail=f"{dataset.project.title} asks you to sign off {role}.",
            )
        )
    return items


def _team_items(user) -> list[Item]:
    items = []
    review_by = timezone.localdate() + timedelta(days=max(rules.REMINDER_DAYS))
    for sharing in team_routes(user, review_by=review_by, shown=SHOWN):
        dataset = sharing.dataset
        if sharing.expired:
            detail = f"Agreement past its review date ({sharing.review_on:%d %B %Y})."
        elif rules.review_due_soon(sharing):
            detail = f"Agreement due for review on {sharing.review_on:%d %B %Y}."
        elif sharing.status == SignOff.DECLINED:
            detail = f"{dataset.holder_name} declined the sign-off."
        else:
            continue
        items.append(
            Item(
                label=f"{dataset.name} ({dataset.project.title})", url=_url(sharing), detail=detail
            )
        )
    return items


def sharing_panel(user) -> Panel | None:
    """Not shown to people with nothing to sign and no project with a sharing route."""
    if not user.is_authenticated:
        return None
    to_sign = _to_sign(user)
    team = _team_items(user)
    if not to_sign and not team:
        return None
    items = to_sign + team
    return Panel(
        title=f"Data sharing waiting on you ({len(items)})",
        empty_text="No data sharing is waiting on you.",
        link_label="Open London's register of data sharing",
        link_url=reverse("projects:sharing_register"),
        items=items[:SHOWN],
    )
