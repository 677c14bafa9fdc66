"""Services for the ethics-review checkpoint: every move of a review, in one module.

Each service asks ``projects.ethics.rules`` whether the person (``by``) may make the move and
``methodology.checkpoint`` whether the review's state allows it, saves inside a transaction,
writes an append-only ``EthicsReviewEvent`` (who, when, from → to, why) and, in the same
transaction, owes the emails about it to the outbox (``projects/ethics/emails.py`` says who hears
and builds them). Views call these and turn ``EthicsReviewError`` into a message for the person;
``EthicsReviewNotAllowed`` (who may not) is a 403.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from loti_data.accounts.models import User
from loti_data.errors import NotAllowed, RuleError
from loti_data.outbox.services import owe
from methodology import checkpoint, workflow
from methodology.checkpoint import Decision, ReviewState
from methodology.stages import Stage, reviewed_stage
from projects.backlog import services as backlog
from projects.canvas import rules as canvas_rules
from projects.canvas import services as canvas_services
from projects.canvas.selectors import Canvas
from projects.ethics import emails, rules
from projects.ethics.rules import reviewer_conflict
from projects.models import EthicsReview, EthicsReviewEvent, Project


class EthicsReviewError(RuleError):
    """A move the checkpoint does not allow; the message is shown to the person as it is."""


class EthicsReviewNotAllowed(NotAllowed):
    """Refused because of who asks: a 403 unless a caller handles it."""


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
        recipients=emails.recipients(event),
        payload={"event": event.pk},
    )
    return event


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
    if not rules.may_submit(by, project):
        raise EthicsReviewNotAllowed("Only the project's team can submit it for ethics review.")
    review = _locked_review(project)
    if not checkpoint.can_submit(review.state):
        raise EthicsReviewError(
            f"The ethics review is {review.get_state_display().lower()}, so it cannot be "
            "submitted now."
        )
    canvas = Canvas(project)
    if canvas.statuses[reviewed_stage()].is_locked:
        raise EthicsReviewError(workflow.lock_reason(project, reviewed_stage(), canvas.statuses))
    if missing := canvas.missing(reviewed_stage()):
        raise EthicsReviewError(
            "Complete the Ethics stage first: " + "; ".join(item.message for item in missing)
        )
    ethics_state = canvas.states[reviewed_stage()]
    if not ethics_state.is_complete:
        canvas_services.stage_complete(
            project=project,
            stage=reviewed_stage(),
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
    if not rules.is_reviewer(by):
        raise EthicsReviewNotAllowed("Only ethics reviewers assign reviews.")
    caller_project = review.project
    review = _locked_review(caller_project)
    if not checkpoint.awaits_decision(review.state):
        raise EthicsReviewError("This review is not waiting for a reviewer.")
    if conflict := reviewer_conflict(reviewer, review.project):
        if reviewer == by:
            raise EthicsReviewNotAllowed(conflict)
        raise EthicsReviewError(f"{reviewer} cannot review this project: {conflict}")
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
    if conflict := reviewer_conflict(by, review.project):
        raise EthicsReviewNotAllowed(conflict)
    caller_project = review.project
    review = _locked_review(caller_project)
    if not checkpoint.awaits_decision(review.state):
        raise EthicsReviewError("This review is not waiting for a decision.")
    if rules.reviewed_by_someone_else(by, review):
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
    """A rejected project leaves the active backlog as declined, with the reason. The backlog's
    rules let the reviewer who rejected it do this (``backlog.rules.may_change_status``)."""
    if review.project.status == Project.Status.DECLINED:
        return
    backlog.project_set_status(
        project=review.project,
        status=Project.Status.DECLINED,
        reason=f"Ethics review rejected the project: {review.reasons}",
        by=by,
    )


@transaction.atomic
def ethics_review_acknowledge_conditions(*, review: EthicsReview, by: User) -> EthicsReview:
    """The project lead accepts the conditions of an approval; then Data opens."""
    caller_project = review.project
    if not rules.may_acknowledge(by, caller_project):
        raise EthicsReviewNotAllowed("Only the project lead can acknowledge the conditions.")
    review = _locked_review(caller_project)
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


def ethics_review_note_stage_change(*, project: Project, stage: Stage, by: User) -> bool:
    """Called (through ``methodology.registry.require_rereview``) whenever the team changes a
    stage that the review looked at. After an approval, the project needs a new review and Data
    closes again. Returns whether that happened. Runs in the caller's transaction."""
    if not canvas_rules.may_edit(by, project):
        raise EthicsReviewNotAllowed("Only the project's team changes its canvas.")
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
        note=f"{Stage(stage).label} changed after the ethics approval.",
    )
    _forget_cached_review(project, review)
    return True
