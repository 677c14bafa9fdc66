"""LOTI's outcomes-based data methodology: the six stages, in order, in LOTI's own words.

This module is the one source of truth for the stages. Views, templates, admin and other apps ask
it; none of them re-list the stages.
"""

from dataclasses import dataclass

from django.db import models


class Stage(models.TextChoices):
    OUTCOMES = "outcomes", "Outcomes"
    ACTIONS = "actions", "Actions"
    INSIGHTS = "insights", "Insights"
    ENABLERS = "enablers", "Enablers"
    ETHICS = "ethics", "Ethics"
    DATA = "data", "Data"


@dataclass(frozen=True)
class StageDefinition:
    """One stage of the method: LOTI's questions and guidance, and what the canvas holds for it.

    ``entries`` names the stage's structured entries ("outcomes"; empty for Ethics, which holds
    one assessment instead), ``noun`` one of them ("an outcome"), and ``links_to`` the earlier
    stage whose entries each entry must link to: the chain dataset → insight → action → outcome.
    """

    stage: Stage
    questions: tuple[str, ...]
    guidance: str
    entries: str = ""
    noun: str = ""
    links_to: Stage | None = None

    @property
    def label(self) -> str:
        return self.stage.label

    @property
    def number(self) -> int:
        return STAGE_ORDER.index(self.stage) + 1

    @property
    def total(self) -> int:
        """How many stages there are, for "stage 2 of 6"."""
        return len(STAGE_ORDER)

    @property
    def has_entries(self) -> bool:
        return bool(self.entries)

    @property
    def link_field(self) -> str | None:
        """The name under which an entry holds its links (the linked stage's entries)."""
        return DEFINITIONS[self.links_to].entries if self.links_to else None

    @property
    def completes_by_review(self) -> bool:
        """Ethics is completed by submitting it for review, not by the team alone."""
        return self.stage == Stage.ETHICS

    @property
    def gated_by_review(self) -> bool:
        """Data opens only when the ethics review allows it."""
        return self.stage == Stage.DATA


STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)

DEFINITIONS: dict[Stage, StageDefinition] = {
    Stage.OUTCOMES: StageDefinition(
        Stage.OUTCOMES,
        (
            "Which specific people do we want to be better off in which specific ways because "
            "we acted?",
            "What are our desired outcomes?",
        ),
        "Start here, with real-world outcomes, not with data. Name who will be better off, in "
        "what way, and how you would know.",
        entries="outcomes",
        noun="an outcome",
    ),
    Stage.ACTIONS: StageDefinition(
        Stage.ACTIONS,
        (
            "WHO could do WHAT differently if they had better information?",
            "What's the intervention?",
        ),
        "Each action is someone doing something differently. Link every action to the outcome "
        "it serves.",
        entries="actions",
        noun="an action",
        links_to=Stage.OUTCOMES,
    ),
    Stage.INSIGHTS: StageDefinition(
        Stage.INSIGHTS,
        (
            "What would we need to see on a screen to enable those actions?",
            "What's the data product?",
        ),
        "Describe the screen, alert or report that would let people act. Link each insight to "
        "the actions it enables.",
        entries="insights",
        noun="an insight",
        links_to=Stage.ACTIONS,
    ),
    Stage.ENABLERS: StageDefinition(
        Stage.ENABLERS,
        (
            "Beyond the data product, what else is needed to achieve our desired outcome?",
            "What other enablers need to be present?",
        ),
        "Skills, processes, technology, governance, funding and partnerships: list what must be "
        "in place for the insight to lead to action.",
        entries="enablers",
        noun="an enabler",
    ),
    Stage.ETHICS: StageDefinition(
        Stage.ETHICS,
        (
            "Can we access and use the data legally and ethically?",
            "Is this project worthy of citizens' trust?",
            "Just because we can, should we do it? What are the potential limitations and "
            "unintended negative impacts of acting on this data?",
        ),
        "Assess the project against LOTI's five data ethics principles: transparency, "
        "accountability, privacy, fairness and safety. A reviewer must approve before the Data "
        "stage opens.",
    ),
    Stage.DATA: StageDefinition(
        Stage.DATA,
        (
            "What data is required to create those insights?",
            "Can we use our existing data?",
            "Can we get data from other public or private sector organisations?",
            "Do we need new (e.g. smart city) tech to generate the data?",
        ),
        "Only now, list the datasets. Each one must feed an insight, so you can always say why "
        "it is needed.",
        entries="datasets",
        noun="a dataset",
        links_to=Stage.INSIGHTS,
    ),
}


def definition(stage: Stage | str) -> StageDefinition:
    return DEFINITIONS[Stage(stage)]


def stage_index(stage: Stage | str) -> int:
    return STAGE_ORDER.index(Stage(stage))


def previous_stage(stage: Stage | str) -> Stage | None:
    index = stage_index(stage)
    return STAGE_ORDER[index - 1] if index else None


def next_stage(stage: Stage | str) -> Stage | None:
    index = stage_index(stage) + 1
    return STAGE_ORDER[index] if index < len(STAGE_ORDER) else None


def first_stage() -> Stage:
    return STAGE_ORDER[0]


def reviewed_stage() -> Stage:
    """The stage the ethics review looks at, completed by submitting it for review."""
    return next(d.stage for d in DEFINITIONS.values() if d.completes_by_review)


def dependent_stage(stage: Stage | str) -> Stage | None:
    """The stage whose entries link to this stage's entries (Actions for Outcomes), if any."""
    stage = Stage(stage)
    return next((d.stage for d in DEFINITIONS.values() if d.links_to == stage), None)


class Principle(models.TextChoices):
    """LOTI's five data ethics principles, assessed at the Ethics stage."""

    TRANSPARENCY = "transparency", "Transparency"
    ACCOUNTABILITY = "accountability", "Accountability"
    PRIVACY = "privacy", "Privacy"
    FAIRNESS = "fairness", "Fairness"
    SAFETY = "safety", "Safety"


PRINCIPLE_GUIDANCE: dict[Principle, str] = {
    Principle.TRANSPARENCY: "Will residents be able to find out what data is used and why?",
    Principle.ACCOUNTABILITY: "Who is answerable for decisions made with this data, and how "
    "can people challenge them?",
    Principle.PRIVACY: "Is the data minimised, protected and used only for this purpose?",
    Principle.FAIRNESS: "Could the data or its use treat some groups unfairly or leave them out?",
    Principle.SAFETY: "Could acting on the data put anyone at risk of harm?",
}
