"""Services for the ethics-review checkpoint: every move of a review, in one module.

Each service checks the move with ``methodology.checkpoint``, saves inside a transaction, writes an
append-only ``EthicsReviewEvent`` (who, when, from → to, why) and, in the same transaction, owes
the emails about it to the outbox (``projects/ethics/emails.py`` builds them). Views call these
and turn ``EthicsReviewError`` into a message for the person.
"""

from datetime import date

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.models import User
from loti_data.outbox.services import owe
from methodology import checkpoint, workflow
from methodology.checkpoint import Decision, ReviewState
from methodology.stages import Stage
from projects.ethics import emails
from projects.models import EthicsReview, EthicsReviewEvent, Project


class EthicsReviewError(Exception):
    """A move the checkpoint does not allow; the message is shown to the person as it is."""


def existing_review(project: Project) -> EthicsReview | None:
    """The project's review if it has one (reading a page creates nothing)."""
    try:
        return project.ethics_review
    except EthicsReview.DoesNotExist:
        return None


def review_of(project: Project) -> EthicsReview:
    """The project's review, created as a draft the first time. The review and the project
    point at each other, so the services keep the caller's objects up to date."""
    review = existing_review(project)
    if review is None:
        review, _ = EthicsReview.objects.get_or_create(project=project)
    review.project = project
    project.ethics_review = review
    return review


def reviewer_conflict(user: User, project: Project) -> str:
    """Why this person may not review this project, or "" if they may."""
    if not user.is_ethics_reviewer:
        return "Only ethics reviewers review projects."
    if project.lead_organisation_id == user.organisation_id:
        return f"{user.organisation} leads this project, so someone else must review it."
    # memberships.all() uses the queue's prefetch when there is one.
    if any(membership.user_id == user.pk for membership in project.memberships.all()):
        return "You are on this project's team, so someone else must review it."
    return ""


def _record(review, *, action, actor, from_state, **details) -> EthicsReviewEvent:
    event = EthicsReviewEvent.objects.create(
        review=review,
        action=action,
        actor=actor,
        from_state=from_state,
        to_state=review.state,
        round=review.round,
        **details,
    )
    owe(
        kind=emails.EVENT,
        key=str(event.pk),
        recipients=email_recipients(event),
        payload={"event": event.pk},
    )
    return event


def _team(review: EthicsReview) -> list[User]:
    return [m.user for m in review.project.memberships.select_related("user") if m.user.is_active]


def _eligible_reviewers(review: EthicsReview) -> list[User]:
    group = Group.objects.filter(name=roles.ETHICS_REVIEWERS).first()
    if group is None:
        return []
    return [
        user
        for user in group.user_set.filter(is_active=True).select_related("organisation")
        if not reviewer_conflict(user, review.project)
    ]


def email_recipients(event: EthicsReviewEvent) -> list[User]:
    """Who hears about a step of a review."""
    review = event.review
    Action = EthicsReviewEvent.Action
    if event.action == Action.SUBMITTED:
        # A resubmission goes back to the reviewer who asked for changes.
        if event.round > 1 and review.reviewer and review.reviewer.is_active:
            return [review.reviewer]
        return _eligible_reviewers(review)
    if event.action == Action.ASSIGNED:
        return [event.assignee] if event.assignee and event.assignee != event.actor else []
    if event.action == Action.DECIDED:
        return _team(review)
    if event.action == Action.CONDITIONS_ACKNOWLEDGED:
        return [review.reviewer] if review.reviewer else []
    if event.action == Action.REREVIEW_REQUIRED:
        return _team(review) + ([review.reviewer] if review.reviewer else [])
    return []


def _forget_cached_review(project: Project, review: EthicsReview) -> None:
    """The caller's project object sees the review's new state (the Data gate reads it)."""
    project.ethics_review = review


def _locked_review(project: Project) -> EthicsReview:
    review_of(project)
    return EthicsReview.objects.select_for_update().select_related("project").get(project=project)


@transaction.atomic
def ethics_review_submit(*, project: Project, by: User, note: str = "") -> EthicsReview:
    """The team sends its Ethics stage to the reviewers.

    1. Check the team member, the review's state and the Ethics stage's content.
    2. Complete the Ethics stage (submitting is how Ethics completes).
    3. Move the review to "submitted": the Ethics stage is frozen until a decision.
    """
    from projects.canvas import services
    from projects.canvas.selectors import Canvas

    review = _locked_review(project)
    if not project.memberships.filter(user=by).exists():
        raise EthicsReviewError("Only the project's team can submit it for ethics review.")
    if not checkpoint.can_submit(review.state):
        raise EthicsReviewError(
            f"The ethics review is {review.get_state_display().lower()}, so it cannot be "
            "submitted now."
        )
    canvas = Canvas(project)
    if canvas.statuses[Stage.ETHICS] == workflow.StageStatus.LOCKED:
        raise EthicsReviewError(workflow.lock_reason(project, Stage.ETHICS, canvas.statuses))
    if missing := canvas.missing(Stage.ETHICS):
        raise EthicsReviewError(
            "Complete the Ethics stage first: " + "; ".join(item.message for item in missing)
        )
    ethics_state = canvas.states[Stage.ETHICS]
    if not ethics_state.is_complete:
        services.stage_complete(
            project=project,
            stage=Stage.ETHICS,
            by=by,
            version=ethics_state.version,
            by_review=True,
        )
    from_state = review.state
    review.state = ReviewState.SUBMITTED
    review.round += 1
    review.submitted_at = timezone.now()
    review.conditions_acknowledged_at = None
    review.conditions_acknowledged_by = None
    review.save()
    _record(
        review,
        action=EthicsReviewEvent.Action.SUBMITTED,
        actor=by,
        from_state=from_state,
        note=note,
    )
    _forget_cached_review(project, review)
    return review


@transaction.atomic
def ethics_review_assign(*, review: EthicsReview, reviewer: User, by: User) -> EthicsReview:
    """A reviewer takes a review (``reviewer == by``) or assigns it to another reviewer."""
    caller_project = review.project
    review = _locked_review(caller_project)
    if not by.is_ethics_reviewer:
        raise EthicsReviewError("Only ethics reviewers assign reviews.")
    if not checkpoint.awaits_decision(review.state):
        raise EthicsReviewError("This review is not waiting for a reviewer.")
    conflict = reviewer_conflict(reviewer, review.project)
    if conflict:
        raise EthicsReviewError(
            conflict if reviewer == by else f"{reviewer} cannot review this project: {conflict}"
        )
    from_state = review.state
    review.reviewer = reviewer
    review.state = ReviewState.IN_REVIEW
    review.save(update_fields=["reviewer", "state"])
    _record(
        review,
        action=EthicsReviewEvent.Action.ASSIGNED,
        actor=by,
        from_state=from_state,
        assignee=reviewer,
    )
    _forget_cached_review(caller_project, review)
    return review


@transaction.atomic
def ethics_review_decide(
    *,
    review: EthicsReview,
    by: User,
    decision: str,
    reasons: str,
    conditions: str = "",
    rereview_on: date | None = None,
) -> EthicsReview:
    """1. Check the reviewer may decide; 2. record the decision with its reasons;
    3. a rejection declines the project in the backlog."""
    caller_project = review.project
    review = _locked_review(caller_project)
    conflict = reviewer_conflict(by, review.project)
    if conflict:
        raise EthicsReviewError(conflict)
    if not checkpoint.awaits_decision(review.state):
        raise EthicsReviewError("This review is not waiting for a decision.")
    if review.reviewer_id and review.reviewer_id != by.pk:
        raise EthicsReviewError(f"{review.reviewer} is reviewing this project.")
    decision = Decision(decision)
    if not reasons.strip():
        raise EthicsReviewError("Give the reasons for your decision.")
    if decision == Decision.APPROVE_WITH_CONDITIONS and not conditions.strip():
        raise EthicsReviewError("List the conditions of the approval.")
    if decision != Decision.APPROVE_WITH_CONDITIONS:
        conditions = ""
    if rereview_on and rereview_on <= timezone.localdate():
        raise EthicsReviewError("The re-review date must be in the future.")
    from_state = review.state
    review.state = ReviewState(decision.value)
    review.reviewer = by
    review.decided_at = timezone.now()
    review.reasons = reasons.strip()
    review.conditions = conditions.strip()
    review.rereview_on = rereview_on if review.state in checkpoint.APPROVALS else None
    review.save()
    _record(
        review,
        action=EthicsReviewEvent.Action.DECIDED,
        actor=by,
        from_state=from_state,
        note=review.reasons,
        conditions=review.conditions,
        rereview_on=review.rereview_on,
    )
    if review.state == ReviewState.REJECTED:
        _decline_in_backlog(review, by)
    _forget_cached_review(caller_project, review)
    return review


def _decline_in_backlog(review: EthicsReview, by: User) -> None:
    """A rejected project leaves the active backlog as declined, with the reason."""
    try:
        from projects.backlog.services import project_set_status
    except ImportError:  # the backlog is not installed yet
        return
    project_set_status(
        project=review.project,
        status="declined",
        reason=f"Ethics review rejected the project: {review.reasons}",
        by=by,
    )


@transaction.atomic
def ethics_review_acknowledge_conditions(*, review: EthicsReview, by: User) -> EthicsReview:
    """The project lead accepts the conditions of an approval; then Data opens."""
    caller_project = review.project
    review = _locked_review(caller_project)
    if not review.project.memberships.filter(user=by, role="lead").exists():
        raise EthicsReviewError("Only the project lead can acknowledge the conditions.")
    if review.state != ReviewState.APPROVED_WITH_CONDITIONS:
        raise EthicsReviewError("There are no conditions waiting to be acknowledged.")
    if review.conditions_acknowledged:
        raise EthicsReviewError("The conditions have already been acknowledged.")
    review.conditions_acknowledged_at = timezone.now()
    review.conditions_acknowledged_by = by
    review.save(update_fields=["conditions_acknowledged_at", "conditions_acknowledged_by"])
    _record(
        review,
        action=EthicsReviewEvent.Action.CONDITIONS_ACKNOWLEDGED,
        actor=by,
        from_state=review.state,
        conditions=review.conditions,
    )
    _forget_cached_review(caller_project, review)
    return review


def ethics_review_note_stage_change(*, project: Project, by: User, stage_label: str) -> bool:
    """Called whenever a stage before Data changes. After an approval, the project needs a new
    review and Data closes again. Returns whether that happened. Runs in the caller's
    transaction."""
    review = EthicsReview.objects.select_for_update().filter(project=project).first()
    if review is None or not checkpoint.edit_requires_rereview(review.state):
        return False
    from_state = review.state
    review.state = ReviewState.REREVIEW_REQUIRED
    review.save(update_fields=["state"])
    _record(
        review,
        action=EthicsReviewEvent.Action.REREVIEW_REQUIRED,
        actor=by,
        from_state=from_state,
        note=f"{stage_label} changed after the ethics approval.",
    )
    _forget_cached_review(project, review)
    return True


def ethics_stage_frozen(project: Project) -> bool:
    review = EthicsReview.objects.filter(project=project).only("state").first()
    return review is not None and checkpoint.ethics_stage_frozen(review.state)
