from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from methodology.checkpoint import APPROVALS, AWAITING_DECISION, ReviewState
from projects.models import EthicsReview, EthicsReviewEvent, ProjectMembership, ProjectPartner


def review_queue(*, show: str = "open", reviewer=None) -> QuerySet[EthicsReview]:
    """Reviews for the reviewers' queue, oldest submission first, with what each row shows."""
    reviews = EthicsReview.objects.select_related(
        "project__lead_organisation", "reviewer"
    ).prefetch_related(
        Prefetch("project__memberships", queryset=ProjectMembership.objects.only("project", "user"))
    )
    rereview_due = Q(state__in=APPROVALS, rereview_on__lte=timezone.localdate())
    if show == "rereview_due":
        reviews = reviews.filter(rereview_due)
    elif show in (ReviewState.SUBMITTED, ReviewState.IN_REVIEW, ReviewState.REREVIEW_REQUIRED):
        reviews = reviews.filter(state=show)
    else:
        reviews = reviews.filter(Q(state__in=AWAITING_DECISION) | rereview_due)
    if reviewer is not None:
        reviews = reviews.filter(reviewer=reviewer)
    return reviews.order_by("submitted_at", "pk")


def decisions_register() -> QuerySet[EthicsReviewEvent]:
    """Every decision ever made, newest first, for the public register."""
    return (
        EthicsReviewEvent.objects.filter(action=EthicsReviewEvent.Action.DECIDED)
        .select_related("review__project__lead_organisation", "actor")
        .prefetch_related(
            Prefetch(
                "review__project__partnerships",
                queryset=ProjectPartner.objects.select_related("organisation"),
            )
        )
        .order_by("-created_at", "-pk")
    )


def review_history(review: EthicsReview) -> QuerySet[EthicsReviewEvent]:
    return review.events.select_related("actor__organisation", "assignee")


def reviews_of_my_projects(user) -> QuerySet[EthicsReview]:
    """Reviews of the projects whose team the person is on that may wait on the team (the
    caller asks ``methodology.checkpoint.team_owes`` of each), with their project."""
    states = [
        ReviewState.CHANGES_REQUESTED,
        ReviewState.REREVIEW_REQUIRED,
        ReviewState.APPROVED_WITH_CONDITIONS,
    ]
    return (
        EthicsReview.objects.filter(project__memberships__user=user, state__in=states)
        .select_related("project")
        .order_by("-decided_at", "pk")
        .distinct()
    )
