"""Reads that cross relations, with their joins and prefetches already applied."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import CharField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone

from loti_data.accounts.models import Organisation, User
from methodology import workflow
from methodology.stages import STAGE_ORDER, Stage, definition
from projects.models import (
    Action,
    Dataset,
    Enabler,
    EthicsAssessment,
    Insight,
    Outcome,
    PrincipleAssessment,
    Project,
    ProjectMembership,
    ProjectPartner,
    StageEvent,
    StageState,
    Theme,
)


def project_list() -> QuerySet[Project]:
    return Project.objects.select_related("lead_organisation").prefetch_related("themes")


def projects_of(user) -> QuerySet[Project]:
    return project_list().filter(memberships__user=user)


def my_projects(user, *, limit: int) -> list[Project]:
    """The person's projects, most recently changed first, each knowing the person's team role
    (``viewer_role``, as ``access.project_for_user`` sets it) so the rules ask no more queries."""
    role = ProjectMembership.objects.filter(project=OuterRef("pk"), user=user.pk).values("role")
    projects = list(
        projects_of(user)
        .select_related("ethics_review")
        .annotate(viewer_role=Subquery(role[:1]))
        .order_by("-updated_at")[:limit]
    )
    for project in projects:
        project.viewer_pk = user.pk
    return projects


class Canvas:
    """One project's canvas, loaded lazily: each part is one query (two with its links), read
    only when a page asks for it, so a page costs the same with 1 entry per stage as with 30."""

    def __init__(self, project: Project):
        self.project = project

    @cached_property
    def states(self) -> dict[Stage, StageState]:
        saved = {state.stage: state for state in self.project.stage_states.all()}
        return {
            stage: saved.get(stage) or StageState(project=self.project, stage=stage)
            for stage in STAGE_ORDER
        }

    @cached_property
    def statuses(self) -> dict[Stage, workflow.StageStatus]:
        completed = [stage for stage, state in self.states.items() if state.is_complete]
        return workflow.stage_statuses(self.project, completed)

    @cached_property
    def outcomes(self) -> list[Outcome]:
        return list(self.project.outcomes.all())

    @cached_property
    def actions(self) -> list[Action]:
        return list(self.project.actions.prefetch_related("outcomes"))

    @cached_property
    def insights(self) -> list[Insight]:
        return list(self.project.insights.prefetch_related("actions"))

    @cached_property
    def enablers(self) -> list[Enabler]:
        return list(self.project.enablers.all())

    @cached_property
    def ethics(self) -> EthicsAssessment | None:
        return EthicsAssessment.objects.filter(project=self.project).first()

    @cached_property
    def principles(self) -> list[PrincipleAssessment]:
        return list(self.project.principle_assessments.all())

    @cached_property
    def datasets(self) -> list[Dataset]:
        return list(self.project.datasets.select_related("holder").prefetch_related("insights"))

    @cached_property
    def team(self) -> list[ProjectMembership]:
        return team(self.project)

    @cached_property
    def partners(self) -> list[ProjectPartner]:
        return partners(self.project)

    def entries(self, stage: Stage) -> list:
        name = definition(stage).entries
        return getattr(self, name) if name else []

    def missing(self, stage: Stage) -> list[workflow.Missing]:
        return workflow.missing(stage, self)

    def stage_summaries(self) -> list[StageSummary]:
        return [
            StageSummary(
                stage=stage,
                status=self.statuses[stage],
                entries=self.entries(stage),
                missing=[] if self.statuses[stage].is_locked else self.missing(stage),
                lock_reason=workflow.lock_reason(self.project, stage, self.statuses),
                url=stage_url(self.project, stage),
            )
            for stage in STAGE_ORDER
        ]


# --- the whole canvas in one query -----------------------------------------------------------
#
# The one-page canvas, its Markdown export and the project page show every part of the canvas,
# its links, team, partners and themes. Read part by part that is some fifteen queries; here it
# is one UNION ALL of rows ``(kind, row as JSON)``, turned back into model instances with the
# links, holders, users and organisations attached as if prefetched, so templates and the
# methodology's checks read them without a query.

LINKS = (  # (model, many-to-many field, model it links to)
    (Action, "outcomes", Outcome),
    (Insight, "actions", Action),
    (Dataset, "insights", Insight),
)
PARTS = {  # kind: (model, how to find its rows from the project)
    "state": (StageState, "project"),
    "outcome": (Outcome, "project"),
    "action": (Action, "project"),
    "insight": (Insight, "project"),
    "enabler": (Enabler, "project"),
    "ethics": (EthicsAssessment, "project"),
    "principle": (PrincipleAssessment, "project"),
    "dataset": (Dataset, "project"),
    "membership": (ProjectMembership, "project"),
    "partnership": (ProjectPartner, "project"),
    "theme": (Theme, "projects"),
}
HIDDEN = {User: {"password"}}  # never read into a page


def _fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.attname not in HIDDEN.get(model, ())]


def _as_rows(kind: str, model, queryset: QuerySet) -> QuerySet:
    row = JSONObject(**{field.attname: F(field.attname) for field in _fields(model)})
    return (
        queryset.order_by()
        .annotate(part_kind=Value(kind, output_field=CharField()), part_row=row)
        .values_list("part_kind", "part_row")
    )


def _instance(model, row: dict):
    values = []
    for field in _fields(model):
        value = field.to_python(row[field.attname])
        if isinstance(value, datetime.datetime) and settings.USE_TZ and value.tzinfo is None:
            value = timezone.make_aware(value, datetime.UTC)  # SQLite's JSON keeps UTC, naive
        values.append(value)
    return model.from_db(model.objects.db, [f.attname for f in _fields(model)], values)


def _prefetched(instance, name: str, related: list) -> None:
    """Attach ``related`` as if ``prefetch_related(name)`` had read it."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = related
    queryset._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[name] = queryset


def _canvas_rows(project: Project) -> QuerySet:
    parts = [
        _as_rows(kind, model, model.objects.filter(**{path: project}))
        for kind, (model, path) in PARTS.items()
    ]
    parts.append(_as_rows("user", User, User.objects.filter(project_memberships__project=project)))
    organisations = Organisation.objects.filter(
        Q(pk__in=Dataset.objects.filter(project=project).values("holder"))
        | Q(pk__in=ProjectPartner.objects.filter(project=project).values("organisation"))
        | Q(pk__in=ProjectMembership.objects.filter(project=project).values("user__organisation"))
    )
    parts.append(_as_rows("organisation", Organisation, organisations))
    for model, name, _ in LINKS:
        through = getattr(model, name).through
        owner = f"{model._meta.model_name}__project"
        parts.append(_as_rows(f"link:{name}", through, through.objects.filter(**{owner: project})))
    return parts[0].union(*parts[1:], all=True)


def whole_canvas(project: Project) -> Canvas:
    """The canvas with every part, link, team member, partner and theme read in one query. The
    project's ``themes`` are attached to it as if prefetched."""
    rows: dict[str, list] = {}
    for kind, row in _canvas_rows(project):
        rows.setdefault(kind, []).append(row)

    def built(kind, model) -> list:
        return sorted((_instance(model, row) for row in rows.get(kind, [])), key=lambda o: o.pk)

    organisations = {o.pk: o for o in built("organisation", Organisation)}
    users = {u.pk: u for u in built("user", User)}
    for user in users.values():
        if user.organisation_id:
            user.organisation = organisations[user.organisation_id]
    parts = {kind: built(kind, model) for kind, (model, _) in PARTS.items()}
    for kind, objects in parts.items():
        if kind != "theme":
            for obj in objects:
                obj.project = project
    for dataset in parts["dataset"]:
        if dataset.holder_id:
            dataset.holder = organisations[dataset.holder_id]
    for membership in parts["membership"]:
        membership.user = users[membership.user_id]
    for partnership in parts["partnership"]:
        partnership.organisation = organisations[partnership.organisation_id]
    for model, name, target in LINKS:
        owners = {o.pk: o for o in parts[model._meta.model_name]}
        targets = {o.pk: o for o in parts[target._meta.model_name]}
        linked: dict[int, list] = {pk: [] for pk in owners}
        source, dest = f"{model._meta.model_name}_id", f"{target._meta.model_name}_id"
        for row in sorted(rows.get(f"link:{name}", []), key=lambda r: r[dest]):
            if row[dest] in targets:  # the services only link entries of the same project
                linked[row[source]].append(targets[row[dest]])
        for pk, owner in owners.items():
            _prefetched(owner, name, linked[pk])
    _prefetched(project, "themes", sorted(parts["theme"], key=lambda t: (t.position, t.name)))

    canvas = Canvas(project)
    saved = {state.stage: state for state in parts["state"]}
    canvas.__dict__.update(
        states={
            stage: saved.get(stage) or StageState(project=project, stage=stage)
            for stage in STAGE_ORDER
        },
        outcomes=parts["outcome"],
        actions=parts["action"],
        insights=parts["insight"],
        enablers=parts["enabler"],
        ethics=next(iter(parts["ethics"]), None),
        principles=parts["principle"],
        datasets=parts["dataset"],
        team=sorted(parts["membership"], key=lambda m: (m.role, m.pk)),
        partners=sorted(parts["partnership"], key=lambda p: p.organisation.name),
    )
    return canvas


@dataclass
class StageSummary:
    stage: Stage
    status: workflow.StageStatus
    entries: list
    missing: list
    lock_reason: str
    url: str

    @property
    def definition(self):
        return definition(self.stage)

    @property
    def markdown_template(self) -> str:
        return f"projects/canvas/markdown/_{self.stage.value}.md"


@dataclass
class Step:
    stage: Stage
    number: int
    status: workflow.StageStatus
    url: str
    current: bool
    # The stage that completes by review (Ethics) shows the review's own state.
    review: workflow.ReviewProgress | None = None

    @property
    def total(self) -> int:
        return len(STAGE_ORDER)

    @property
    def done(self) -> bool:
        """A tick: complete, and for Ethics also passed by the review."""
        return self.status.is_complete and (self.review is None or self.review.passed)

    @property
    def label(self) -> str:
        if self.review is not None and self.review.label and not self.status.is_locked:
            return self.review.label
        return self.status.label


def stage_url(project: Project, stage: Stage) -> str:
    return reverse("projects:stage", args=[project.pk, Stage(stage).value])


def stepper(canvas: Canvas, current: Stage | str | None = None) -> list[Step]:
    """The six stages for the progress stepper (``projects/_stepper.html``)."""
    return [
        Step(
            stage=stage,
            number=number,
            status=canvas.statuses[stage],
            url=stage_url(canvas.project, stage),
            current=current is not None and Stage(current) == stage,
            review=(
                workflow.review_progress(canvas.project)
                if definition(stage).completes_by_review
                else None
            ),
        )
        for number, stage in enumerate(STAGE_ORDER, start=1)
    ]


def stage_overview(canvas: Canvas) -> list[StageOverview]:
    """Each stage's status and size, and what the stage in progress still needs. Only open,
    unfinished stages can miss anything (completing re-checks later stages), so only those are
    checked. Give it a ``whole_canvas``: its sizes then cost no query."""
    overview = []
    for number, stage in enumerate(STAGE_ORDER, start=1):
        status = canvas.statuses[stage]
        overview.append(
            StageOverview(
                stage=stage,
                number=number,
                status=status,
                count=len(canvas.entries(stage)) if definition(stage).entries else None,
                missing=canvas.missing(stage) if status == workflow.StageStatus.OPEN else [],
                lock_reason=workflow.lock_reason(canvas.project, stage, canvas.statuses),
                url=stage_url(canvas.project, stage),
            )
        )
    return overview


@dataclass
class StageOverview:
    stage: Stage
    number: int
    status: workflow.StageStatus
    count: int | None
    missing: list
    lock_reason: str
    url: str

    @property
    def definition(self):
        return definition(self.stage)


def partners(project: Project) -> list[ProjectPartner]:
    return list(project.partnerships.select_related("organisation").order_by("organisation__name"))


def team(project: Project) -> list[ProjectMembership]:
    return list(project.memberships.select_related("user__organisation").order_by("role", "pk"))


def history(project: Project, stage: str | None = None) -> QuerySet[StageEvent]:
    events = project.events.select_related("actor")
    if stage is not None:
        events = events.filter(stage=stage)
    return events


def changes_since(project: Project, stage: Stage, version: int) -> list[StageEvent]:
    """What colleagues changed on a stage after the version someone started editing from."""
    return list(history(project, stage).filter(version__gt=version).order_by("version", "pk"))


def datasets_with_reasons(project: Project) -> list[Dataset]:
    """Every dataset with the chain that justifies it: the insights it feeds, the actions those
    enable and the outcomes those serve (``why_insights``, ``why_actions``, ``why_outcomes``).

    Each step lists distinct entries, so a richly linked canvas costs D * (I + A + O), not the
    product of every path."""
    datasets = list(
        project.datasets.select_related("holder").prefetch_related(
            Prefetch(
                "insights",
                queryset=Insight.objects.prefetch_related(
                    Prefetch("actions", queryset=Action.objects.prefetch_related("outcomes"))
                ),
            )
        )
    )
    for dataset in datasets:
        dataset.why_insights = list(dataset.insights.all())
        actions = {a.pk: a for i in dataset.why_insights for a in i.actions.all()}
        dataset.why_actions = sorted(actions.values(), key=lambda a: a.pk)
        outcomes = {o.pk: o for a in dataset.why_actions for o in a.outcomes.all()}
        dataset.why_outcomes = sorted(outcomes.values(), key=lambda o: o.pk)
    return datasets


@dataclass
class Replication:
    """Where a project was replicated from, and which organisations replicated it."""

    origin: Project | None
    replicas: list[Project]

    @property
    def organisations(self) -> list[str]:
        return sorted({replica.lead_organisation.name for replica in self.replicas})


def replication(project: Project) -> Replication:
    origin = None
    if project.replicated_from_id:
        origin = (
            Project.objects.select_related("lead_organisation")
            .filter(pk=project.replicated_from_id)
            .first()
        )
    replicas = list(project.replicas.select_related("lead_organisation").order_by("pk"))
    return Replication(origin=origin, replicas=replicas)
