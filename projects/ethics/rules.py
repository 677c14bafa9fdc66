"""Who may do what in a project's ethics review, written once.

The review's states and the moves between them are ``methodology.checkpoint``'s; this module
says who may make each move. The team submits; ethics reviewers take, assign and decide
reviews, except for projects whose team they are on or whose lead organisation is theirs; the
project's lead acknowledges an approval's conditions. Views, templates (through the context),
services, the emails and the admin ask these functions; the services refuse with
``EthicsReviewNotAllowed`` when they say no.
"""

from django.db.models import QuerySet, prefetch_related_objects

from loti_data.accounts import roles
from loti_data.accounts.models import User
from methodology import checkpoint
from methodology.checkpoint import ReviewState
from projects.canvas import rules as canvas_rules
from projects.canvas.models import Project, ProjectMembership
from projects.ethics.models import EthicsReview


def _state(review: EthicsReview | None) -> str:
    return review.state if review is not None else ReviewState.DRAFT


def is_reviewer(user) -> bool:
    """Ethics reviewers see the queue and may be given reviews."""
    return user.is_authenticated and user.is_ethics_reviewer


def reviewer_conflict(user, project: Project) -> str:
    """Why this person may not review this project, or "" if they may."""
    if not is_reviewer(user):
        return "Only ethics reviewers review projects."
    return _independence_conflict(user, project)


def _independence_conflict(user, project: Project) -> str:
    """A reviewer must be independent of the project: not its lead organisation, not its team."""
    if project.lead_organisation_id == user.organisation_id:
        return f"{user.organisation} leads this project, so someone else must review it."
    # memberships.all() uses the queue's prefetch when there is one.
    if any(membership.user_id == user.pk for membership in project.memberships.all()):
        return "You are on this project's team, so someone else must review it."
    return ""


def eligible_reviewers(project: Project) -> QuerySet[User]:
    """Everyone who may review this project (active reviewers, as :func:`reviewer_conflict`
    says), for choosing a reviewer and for telling them about a submission."""
    prefetch_related_objects([project], "memberships")
    reviewers = User.objects.filter(groups__name=roles.ETHICS_REVIEWERS, is_active=True)
    eligible = [user.pk for user in reviewers if not _independence_conflict(user, project)]
    return User.objects.filter(pk__in=eligible).order_by("name")


def may_submit(user, project: Project) -> bool:
    """The project's team sends its Ethics stage to the reviewers."""
    return canvas_rules.is_on_team(user, project)


def submittable(review: EthicsReview | None) -> bool:
    """The review can be (re)submitted: a draft, changes requested, or re-review required."""
    return checkpoint.can_submit(_state(review))


def can_submit_now(user, project: Project, review: EthicsReview | None) -> bool:
    """Whether to offer this person the submission."""
    return may_submit(user, project) and submittable(review)


def may_assign(user, review: EthicsReview) -> bool:
    """Any ethics reviewer gives a review waiting for a decision to a reviewer (themself or
    another without a conflict)."""
    return is_reviewer(user) and checkpoint.awaits_decision(review.state)


def may_take(user, review: EthicsReview) -> bool:
    """A reviewer without a conflict takes a review nobody has taken yet."""
    return (
        may_assign(user, review)
        and review.reviewer_id is None
        and not reviewer_conflict(user, review.project)
    )


def reviewed_by_someone_else(user, review: EthicsReview) -> bool:
    return review.reviewer_id is not None and review.reviewer_id != user.pk


def may_decide(user, review: EthicsReview) -> bool:
    """A reviewer without a conflict decides a review waiting for a decision, unless another
    reviewer has it."""
    return (
        not reviewer_conflict(user, review.project)
        and checkpoint.awaits_decision(review.state)
        and not reviewed_by_someone_else(user, review)
    )


def conditions_awaiting_acknowledgement(review: EthicsReview | None) -> bool:
    return (
        review is not None
        and review.state == ReviewState.APPROVED_WITH_CONDITIONS
        and not review.conditions_acknowledged
    )


def may_acknowledge(user, project: Project) -> bool:
    """Only the project's leads accept the conditions of an approval."""
    return canvas_rules.is_lead(user, project)


def who_acknowledges(project: Project) -> list[User]:
    """The people who may acknowledge the conditions (the project's leads, as
    :func:`may_acknowledge` says), for telling everyone else who must act."""
    leads = ProjectMembership.objects.filter(project=project, role=ProjectMembership.Role.LEAD)
    return list(User.objects.filter(pk__in=leads.values("user")).order_by("name"))


def can_acknowledge_now(user, project: Project, review: EthicsReview | None) -> bool:
    """Whether to offer this person to acknowledge the conditions."""
    return may_acknowledge(user, project) and conditions_awaiting_acknowledgement(review)


def rejected_by(user, project: Project) -> bool:
    """Whether this person is the reviewer who rejected the project (the backlog lets them
    decline it)."""
    try:
        review = project.ethics_review
    except EthicsReview.DoesNotExist:
        return False
    return review.state == ReviewState.REJECTED and review.reviewer_id == user.pk
