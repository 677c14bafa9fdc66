"""The ethics-review checkpoint between the Ethics and Data stages.

The states, the moves allowed between them and the rule that opens the Data stage live here, in
one place. ``projects`` stores each project's review and asks this module before every move.
"""

from django.db import models


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Approved with conditions"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    REREVIEW_REQUIRED = "rereview_required", "Re-review required"


class Decision(models.TextChoices):
    """What a reviewer may decide, each leading to the review state of the same name."""

    APPROVE = ReviewState.APPROVED.value, "Approve"
    APPROVE_WITH_CONDITIONS = ReviewState.APPROVED_WITH_CONDITIONS.value, "Approve with conditions"
    REQUEST_CHANGES = ReviewState.CHANGES_REQUESTED.value, "Request changes"
    REJECT = ReviewState.REJECTED.value, "Reject"


# The team may submit from these states.
SUBMITTABLE = frozenset(
    {ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED, ReviewState.REREVIEW_REQUIRED}
)
# A reviewer may take, assign or decide a review in these states.
AWAITING_DECISION = frozenset({ReviewState.SUBMITTED, ReviewState.IN_REVIEW})
APPROVALS = frozenset({ReviewState.APPROVED, ReviewState.APPROVED_WITH_CONDITIONS})


def can_submit(state: str) -> bool:
    return state in SUBMITTABLE


def awaits_decision(state: str) -> bool:
    return state in AWAITING_DECISION


def ethics_stage_frozen(state: str) -> bool:
    """The Ethics stage cannot be edited while reviewers look at it, nor after a rejection."""
    return state in AWAITING_DECISION or state == ReviewState.REJECTED


def edit_requires_rereview(state: str) -> bool:
    """Changing Outcomes…Ethics after an approval sends the project back for re-review."""
    return state in APPROVALS


def data_stage_open(state: str, conditions_acknowledged: bool) -> tuple[bool, str]:
    """Whether the Data stage is open for a project whose review is in ``state``, and why not."""
    if state == ReviewState.APPROVED:
        return True, ""
    if state == ReviewState.APPROVED_WITH_CONDITIONS:
        if conditions_acknowledged:
            return True, ""
        return False, "Data opens once the project lead has acknowledged the review's conditions."
    if state == ReviewState.REREVIEW_REQUIRED:
        return False, (
            "An earlier stage changed after the ethics approval, so the project needs a new "
            "ethics review before Data opens again."
        )
    if state == ReviewState.REJECTED:
        return False, "The ethics review rejected this project, so its Data stage stays closed."
    if state in AWAITING_DECISION:
        return False, "Data opens once the ethics review is approved. The review is in progress."
    if state == ReviewState.CHANGES_REQUESTED:
        return False, "The ethics reviewer asked for changes: edit Ethics and submit it again."
    return False, "Data opens after the Ethics stage is submitted and approved by a reviewer."


def team_owes(state: str, conditions_acknowledged: bool) -> bool:
    """The team must act before the review moves on: make the changes asked for, resubmit
    after an edit, or acknowledge the approval's conditions."""
    if state == ReviewState.APPROVED_WITH_CONDITIONS:
        return not conditions_acknowledged
    return state in (ReviewState.CHANGES_REQUESTED, ReviewState.REREVIEW_REQUIRED)


def stage_label(state: str, conditions_acknowledged: bool) -> str:
    """What the canvas stepper says of the Ethics stage once it went to review ("" for a draft,
    whose stage status says it all)."""
    if state == ReviewState.DRAFT:
        return ""
    if state == ReviewState.SUBMITTED:
        return "In review"
    if state == ReviewState.APPROVED_WITH_CONDITIONS and not conditions_acknowledged:
        return "Approved with conditions: to acknowledge"
    return ReviewState(state).label
