"""The rules of moving through the canvas, in one place.

* **Order**: Outcomes → Actions → Insights → Enablers → Ethics → Data (``methodology.stages``).
* **Open stages**: a stage opens when every stage before it is complete. Data also needs the
  ethics checkpoint: :func:`data_stage_unlocked` is the one place that decides it.
* **Completing a stage**: :func:`missing` lists what the stage still needs; a stage completes
  only when the list is empty. Each item says where on the page it belongs (``target``).
* **Editing a completed stage**: allowed. :func:`after_edit` decides what it does: the stage
  stays complete while it still meets its requirements; if the edit breaks them, the stage is
  back in progress and every later stage locks (its content kept) until it is completed again.

Views, templates, services and other apps ask this module; none of them re-implement a rule.
It reads the canvas through plain attributes (``canvas.outcomes`` …, see
``projects.canvas.selectors``) so it imports no models.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from methodology import checkpoint
from methodology.stages import (
    STAGE_ORDER,
    Principle,
    Stage,
    definition,
    next_stage,
    previous_stage,
    stage_index,
)

__all__ = [
    "STAGE_ORDER",
    "Gate",
    "Missing",
    "StageStatus",
    "after_edit",
    "can_edit",
    "completes_by_review",
    "data_stage_unlocked",
    "edit_needs_rereview",
    "edit_refusal",
    "furthest_open_stage",
    "lock_reason",
    "missing",
    "next_stage",
    "previous_stage",
    "review_progress",
    "stage_statuses",
]


class StageStatus(models.TextChoices):
    LOCKED = "locked", "Locked"
    OPEN = "open", "In progress"
    COMPLETE = "complete", "Complete"

    # Templates ask these instead of comparing with the values.
    @property
    def is_locked(self) -> bool:
        return self == StageStatus.LOCKED

    @property
    def is_open(self) -> bool:
        return self == StageStatus.OPEN

    @property
    def is_complete(self) -> bool:
        return self == StageStatus.COMPLETE


@dataclass(frozen=True)
class Gate:
    allowed: bool
    reason: str = ""


@dataclass(frozen=True)
class Missing:
    """Something a stage needs before it can be completed.

    ``target`` is where the page shows it: ``"stage"`` (the stage as a whole, next to the list
    of entries), an entry's anchor (``"outcome-12"``) or a form field name (``"legal_use"``,
    with ``is_field``). ``anchor`` is the element of the page that the item links to.
    """

    message: str
    target: str = "stage"
    is_field: bool = False

    @property
    def anchor(self) -> str:
        if self.target == "stage":
            return "entries"
        return f"id_{self.target}" if self.is_field else self.target


# --- the ethics checkpoint ------------------------------------------------------------------


def data_stage_unlocked(project) -> Gate:
    """Whether the ethics checkpoint lets this project open its Data stage.

    The review's state machine is ``methodology.checkpoint``; the project's review is
    ``project.ethics_review`` (no review yet: a draft).
    """
    state, acknowledged = _review_state(project)
    allowed, reason = checkpoint.data_stage_open(state, acknowledged)
    return Gate(allowed, reason)


@dataclass(frozen=True)
class ReviewProgress:
    """The ethics review as the stepper shows it on the Ethics stage: its words, whether it is
    passed (the Data stage may open) and whether the team owes something."""

    label: str
    passed: bool
    team_owes: bool


def review_progress(project) -> ReviewProgress:
    state, acknowledged = _review_state(project)
    return ReviewProgress(
        label=checkpoint.stage_label(state, acknowledged),
        passed=checkpoint.data_stage_open(state, acknowledged)[0],
        team_owes=checkpoint.team_owes(state, acknowledged),
    )


def edit_refusal(project, stage: Stage | str) -> str:
    """Why the checkpoint forbids editing this open stage right now ("" when it does not)."""
    if not definition(stage).completes_by_review:
        return ""
    state, _ = _review_state(project)
    if state == checkpoint.ReviewState.REJECTED:
        return "The ethics review rejected this project, so its Ethics stage is closed."
    if checkpoint.ethics_stage_frozen(state):
        return (
            "The Ethics stage is with the reviewers and cannot change until they decide. "
            "If they ask for changes, you can edit it again."
        )
    return ""


def completes_by_review(stage: Stage | str) -> bool:
    """Ethics is not marked complete by the team: submitting it for review completes it."""
    return definition(stage).completes_by_review


def edit_needs_rereview(project, stage: Stage | str) -> bool:
    """Changing any stage before Data after an approval sends the project back for review."""
    if definition(stage).gated_by_review:
        return False
    state, _ = _review_state(project)
    return checkpoint.edit_requires_rereview(state)


def _review_state(project) -> tuple[str, bool]:
    try:
        review = project.ethics_review
    except ObjectDoesNotExist:
        return checkpoint.ReviewState.DRAFT, False
    return review.state, review.conditions_acknowledged


# --- which stages are open ------------------------------------------------------------------


def stage_statuses(project, completed: Iterable[Stage | str]) -> dict[Stage, StageStatus]:
    """The status of each stage, given the stages whose completion is recorded.

    A recorded completion counts only while every earlier stage is complete too: a stage after
    one that went back in progress is locked, whatever it was before.
    """
    completed = {Stage(stage) for stage in completed}
    statuses: dict[Stage, StageStatus] = {}
    earlier_complete = True
    for stage in STAGE_ORDER:
        if not earlier_complete or (
            definition(stage).gated_by_review and not data_stage_unlocked(project).allowed
        ):
            statuses[stage] = StageStatus.LOCKED
        elif stage in completed:
            statuses[stage] = StageStatus.COMPLETE
        else:
            statuses[stage] = StageStatus.OPEN
        earlier_complete = earlier_complete and stage in completed
    return statuses


def lock_reason(project, stage: Stage | str, statuses: dict[Stage, StageStatus]) -> str:
    """Why a locked stage is locked, in words for the page ("" when it is open)."""
    stage = Stage(stage)
    if statuses[stage] != StageStatus.LOCKED:
        return ""
    for earlier in STAGE_ORDER[: stage_index(stage)]:
        if statuses[earlier] != StageStatus.COMPLETE:
            return f"{stage.label} opens when {earlier.label} is complete."
    return data_stage_unlocked(project).reason


def can_edit(stage: Stage | str, statuses: dict[Stage, StageStatus]) -> bool:
    """Open and complete stages can be edited; locked ones cannot."""
    return statuses[Stage(stage)] != StageStatus.LOCKED


def furthest_open_stage(statuses: dict[Stage, StageStatus]) -> Stage:
    """The stage a project is "at": the last stage that is not locked."""
    open_stages = [stage for stage in STAGE_ORDER if statuses[stage] != StageStatus.LOCKED]
    return open_stages[-1] if open_stages else STAGE_ORDER[0]


# --- editing a completed stage --------------------------------------------------------------


def after_edit(*, stage: Stage | str, was_complete: bool, missing_now: list[Missing]) -> bool:
    """Whether a stage is still complete after an edit.

    A completed stage stays complete while it still meets its requirements. If the edit breaks
    them it goes back in progress, which locks every later stage (see :func:`stage_statuses`).
    The ethics review hooks its "re-review required" rule in beside this one.
    """
    return was_complete and not missing_now


# --- what completing a stage requires -------------------------------------------------------


def missing(stage: Stage | str, canvas) -> list[Missing]:
    """What the stage still needs before it can be completed (empty: it can be)."""
    return _CHECKS[Stage(stage)](canvas)


def _outcomes(canvas) -> list[Missing]:
    if not canvas.outcomes:
        return [Missing("Add at least one outcome: who is better off, and in what way.")]
    return [
        Missing(f"Say how we would know that “{outcome.who}” is better off.", outcome.anchor)
        for outcome in canvas.outcomes
        if not outcome.measure.strip()
    ]


def _actions(canvas) -> list[Missing]:
    if not canvas.actions:
        return [Missing("Add at least one action: who could do what differently.")]
    items = [
        Missing(f"Describe the intervention for “{action.actor}”.", action.anchor)
        for action in canvas.actions
        if not action.intervention.strip()
    ]
    served = {outcome.pk for action in canvas.actions for outcome in action.outcomes.all()}
    items += [
        Missing(f"No action serves the outcome for “{outcome.who}” yet.")
        for outcome in canvas.outcomes
        if outcome.pk not in served
    ]
    return items


def _insights(canvas) -> list[Missing]:
    if not canvas.insights:
        return [Missing("Add at least one insight: the data product that enables an action.")]
    return [
        Missing(f"Describe what would be on the screen for “{insight.title}”.", insight.anchor)
        for insight in canvas.insights
        if not insight.screen.strip()
    ]


def _enablers(canvas) -> list[Missing]:
    if not canvas.enablers:
        return [Missing("Add at least one enabler: what else is needed beyond the data.")]
    return []


ETHICS_QUESTIONS = {
    "legal_use": "Can we access and use the data legally and ethically?",
    "trust": "Is this project worthy of citizens' trust?",
    "limitations": "Just because we can, should we?",
}
PRINCIPLE_PARTS = (
    ("rating", "a rating"),
    ("risks", "the risks"),
    ("mitigations", "the mitigations"),
)


def _ethics(canvas) -> list[Missing]:
    items = []
    ethics = canvas.ethics
    for field, question in ETHICS_QUESTIONS.items():
        if ethics is None or not getattr(ethics, field).strip():
            items.append(Missing(f"Answer “{question}”", field, is_field=True))
    assessed = {assessment.principle: assessment for assessment in canvas.principles}
    for principle in Principle:
        assessment = assessed.get(principle.value)
        for part, words in PRINCIPLE_PARTS:
            if assessment is None or not getattr(assessment, part).strip():
                items.append(
                    Missing(
                        f"{principle.label}: give {words}.", f"{principle}_{part}", is_field=True
                    )
                )
    return items


def _data(canvas) -> list[Missing]:
    if not canvas.datasets:
        return [Missing("Add at least one dataset, and the insight it feeds.")]
    items = [
        Missing(f"“{dataset.name}” holds personal data: give its lawful basis.", dataset.anchor)
        for dataset in canvas.datasets
        if dataset.personal_data and not dataset.lawful_basis
    ]
    fed = {insight.pk for dataset in canvas.datasets for insight in dataset.insights.all()}
    items += [
        Missing(f"No dataset feeds the insight “{insight.title}” yet.")
        for insight in canvas.insights
        if insight.pk not in fed
    ]
    return items


_CHECKS = {
    Stage.OUTCOMES: _outcomes,
    Stage.ACTIONS: _actions,
    Stage.INSIGHTS: _insights,
    Stage.ENABLERS: _enablers,
    Stage.ETHICS: _ethics,
    Stage.DATA: _data,
}
