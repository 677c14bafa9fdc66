"""The stage rules in methodology.workflow: order, open stages, requirements, the Data gate."""

import pytest

from methodology import workflow
from methodology.stages import STAGE_ORDER, Stage
from methodology.workflow import StageStatus
from projects.canvas.selectors import Canvas

pytestmark = pytest.mark.django_db


def test_the_six_stages_are_in_loti_order():
    assert [stage.label for stage in STAGE_ORDER] == [
        "Outcomes",
        "Actions",
        "Insights",
        "Enablers",
        "Ethics",
        "Data",
    ]


def test_a_new_project_has_only_outcomes_open():
    statuses = workflow.stage_statuses(None, completed=[])
    assert statuses[Stage.OUTCOMES] == StageStatus.OPEN
    assert all(statuses[stage] == StageStatus.LOCKED for stage in STAGE_ORDER[1:])


def test_a_stage_opens_when_the_one_before_is_complete():
    statuses = workflow.stage_statuses(None, completed=[Stage.OUTCOMES, Stage.ACTIONS])
    assert statuses[Stage.ACTIONS] == StageStatus.COMPLETE
    assert statuses[Stage.INSIGHTS] == StageStatus.OPEN
    assert statuses[Stage.ENABLERS] == StageStatus.LOCKED
    assert workflow.furthest_open_stage(statuses) == Stage.INSIGHTS
    assert workflow.lock_reason(None, Stage.ENABLERS, statuses) == (
        "Enablers opens when Insights is complete."
    )


def test_a_completion_after_an_incomplete_stage_does_not_count():
    statuses = workflow.stage_statuses(None, completed=[Stage.ACTIONS])
    assert statuses[Stage.ACTIONS] == StageStatus.LOCKED


def test_data_stays_locked_until_the_ethics_checkpoint_allows_it(filler):
    statuses = workflow.stage_statuses(filler.project, completed=STAGE_ORDER[:5])
    assert statuses[Stage.ETHICS] == StageStatus.COMPLETE
    assert statuses[Stage.DATA] == StageStatus.LOCKED
    gate = workflow.data_stage_unlocked(filler.project)
    assert not gate.allowed
    assert "submitted and approved by a reviewer" in gate.reason
    assert workflow.lock_reason(filler.project, Stage.DATA, statuses) == gate.reason


def test_data_opens_when_the_checkpoint_allows(data_unlocked):
    data_unlocked.through(Stage.ETHICS)
    assert Canvas(data_unlocked.project).statuses[Stage.DATA] == StageStatus.OPEN


def test_what_each_stage_needs(filler):
    canvas = Canvas(filler.project)
    assert [m.message for m in canvas.missing(Stage.OUTCOMES)] == [
        "Add at least one outcome: who is better off, and in what way."
    ]
    outcome = filler.outcome(measure="")
    missing = Canvas(filler.project).missing(Stage.OUTCOMES)
    assert [m.target for m in missing] == [outcome.anchor]

    filler.outcome(who="Young carers")
    missing = Canvas(filler.project).missing(Stage.ETHICS)
    assert {m.target for m in missing} >= {"legal_use", "transparency_rating", "safety_mitigations"}
    assert len(missing) == 3 + 5 * 3


def test_actions_must_serve_every_outcome(filler):
    first, second = filler.outcome(), filler.outcome(who="Young carers")
    filler.complete(Stage.OUTCOMES)
    filler.action([first])
    messages = [m.message for m in Canvas(filler.project).missing(Stage.ACTIONS)]
    assert messages == ["No action serves the outcome for “Young carers” yet."]
    filler.action([second], actor="Carers' support workers")
    assert Canvas(filler.project).missing(Stage.ACTIONS) == []


def test_editing_a_completed_stage_keeps_it_complete_while_it_meets_its_needs():
    assert workflow.after_edit(stage=Stage.OUTCOMES, was_complete=True, missing_now=[])
    assert not workflow.after_edit(
        stage=Stage.OUTCOMES, was_complete=True, missing_now=[workflow.Missing("x")]
    )
    assert not workflow.after_edit(stage=Stage.OUTCOMES, was_complete=False, missing_now=[])
