"""Fixtures for the canvas tests: a Camden project and a helper that fills its stages."""

import pytest

from methodology.stages import Principle, Stage
from projects.canvas import services
from projects.ethics import services as ethics
from projects.models import Action, Dataset, Enabler, Insight, Outcome, StageState
from tests.factories import ProjectFactory


class CanvasFiller:
    """Fills a project's canvas through the services, as a team member would."""

    def __init__(self, project, by):
        self.project, self.by = project, by
        self.approver = None  # an ethics reviewer who approves Ethics when it is submitted

    def approve_ethics(self, reviewer):
        review = ethics.review_of(self.project)
        ethics.ethics_review_assign(review=review, reviewer=reviewer, by=reviewer)
        ethics.ethics_review_decide(
            review=review, by=reviewer, decision="approved", reasons="Proportionate and fair."
        )

    def version(self, stage) -> int:
        state = StageState.objects.filter(project=self.project, stage=stage).first()
        return state.version if state else 0

    def add(self, entry, links=()):
        return services.entry_save(
            project=self.project,
            by=self.by,
            version=self.version(entry.STAGE),
            entry=entry,
            links=links,
        ).entry

    def complete(self, stage):
        if stage == Stage.ETHICS:  # Ethics completes by its submission for review
            ethics.ethics_review_submit(project=self.project, by=self.by)
            if self.approver:
                self.approve_ethics(self.approver)
            return
        services.stage_complete(
            project=self.project, stage=stage, by=self.by, version=self.version(stage)
        )

    def outcome(self, who="Residents at risk of eviction", measure="Evictions fall by a third"):
        return self.add(Outcome(who=who, how="They keep their homes.", measure=measure))

    def action(self, outcomes, actor="Housing officers"):
        return self.add(
            Action(actor=actor, change="Visit earlier.", intervention="Early visits"), outcomes
        )

    def insight(self, actions, title="Arrears risk list"):
        return self.add(Insight(title=title, screen="A weekly list of tenants."), actions)

    def enabler(self):
        return self.add(Enabler(kind=Enabler.Kind.SKILLS, need="Training for officers"))

    def dataset(self, insights, name="Rent accounts"):
        return self.add(
            Dataset(
                name=name,
                holder=self.project.lead_organisation,
                source=Dataset.Source.EXISTING,
                personal_data=True,
                lawful_basis=Dataset.LawfulBasis.PUBLIC_TASK,
            ),
            insights,
        )

    def ethics(self):
        services.ethics_save(
            project=self.project,
            by=self.by,
            version=self.version(Stage.ETHICS),
            answers={"legal_use": "Public task.", "trust": "Yes.", "limitations": "Few."},
            principles={
                p.value: {"rating": "low", "risks": "Some.", "mitigations": "Many."}
                for p in Principle
            },
        )

    def through(self, last_stage):
        """Fill and complete every stage up to and including ``last_stage``."""
        order = [Stage.OUTCOMES, Stage.ACTIONS, Stage.INSIGHTS, Stage.ENABLERS, Stage.ETHICS]
        outcome = action = None
        for stage in order[: order.index(last_stage) + 1]:
            if stage == Stage.OUTCOMES:
                outcome = self.outcome()
            elif stage == Stage.ACTIONS:
                action = self.action([outcome])
            elif stage == Stage.INSIGHTS:
                self.insight([action])
            elif stage == Stage.ENABLERS:
                self.enabler()
            else:
                self.ethics()
            self.complete(stage)
        return self


@pytest.fixture
def project(camden_lead):
    return ProjectFactory(created_by=camden_lead, title="Eviction prevention")


@pytest.fixture
def filler(project, camden_lead):
    return CanvasFiller(project, camden_lead)


@pytest.fixture
def data_unlocked(filler, loti_staff):
    """Open the Data stage the real way: when the filler submits Ethics, LOTI staff (ethics
    reviewers from outside Camden) approve it."""
    filler.approver = loti_staff
    return filler
