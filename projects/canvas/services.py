"""Every change to a project and its canvas. Views call one of these; nothing else writes.

Each service first asks ``projects.canvas.rules`` whether the person (``by``) may make the
change and raises :class:`CanvasNotAllowed` before touching anything if not. All changes to a
stage go through :func:`stage_edit`, the one place that checks the stage is open, refuses stale
saves (optimistic concurrency on the stage's version), writes the history rows and applies what
``methodology.workflow`` says editing a completed stage does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from loti_data.accounts.models import Organisation, User
from loti_data.errors import NotAllowed, RuleError
from methodology import registry, workflow
from methodology.stages import (
    STAGE_ORDER,
    Principle,
    Stage,
    definition,
    dependent_stage,
    stage_index,
)
from projects.canvas import rules
from projects.canvas.selectors import Canvas
from projects.models import (
    Action,
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


class CanvasError(RuleError):
    """A change the rules refuse; the message is shown to the person as it is."""


class CanvasNotAllowed(NotAllowed):
    """Refused because of who asks: a 403 unless a caller handles it."""


class StageLocked(CanvasError):
    pass


class StageIncomplete(CanvasError):
    def __init__(self, stage: Stage, missing: list[workflow.Missing]):
        super().__init__(f"{stage.label} is not complete yet: {len(missing)} thing(s) missing.")
        self.missing = missing


class EditConflict(CanvasError):
    """Someone else changed the stage since this person opened it."""

    def __init__(self, stage: Stage, version: int, current_version: int):
        super().__init__(
            f"Someone else changed {stage.label} while you were editing it, so your change "
            "was not saved. Check what they changed below, then save again if you still "
            "want your change."
        )
        self.stage = stage
        self.version = version
        self.current_version = current_version


def _require_team(by: User, project: Project) -> None:
    if not rules.may_edit(by, project):
        raise CanvasNotAllowed("Only the project's team can change it.")


def _require_lead(by: User, project: Project) -> None:
    if not rules.may_manage_team(by, project):
        raise CanvasNotAllowed("Only the project's leads can manage its team and partners.")


# --- history --------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def snapshot(instance) -> dict[str, str]:
    """The entry's fields and links as display text, to record what an edit changed."""
    values = {}
    for model_field in instance._meta.concrete_fields:
        if model_field.name in {"id", "project", "created_at", "updated_at"}:
            continue
        if model_field.choices:
            value = getattr(instance, f"get_{model_field.name}_display")()
        else:
            value = getattr(instance, model_field.name)
        values[str(model_field.verbose_name).capitalize()] = _text(value)
    stage = getattr(instance, "STAGE", None)
    link = definition(stage).link_field if stage else None
    if link and instance.pk:
        values[link.capitalize()] = "; ".join(
            str(linked) for linked in getattr(instance, link).all()
        )
    return values


def diff(before: dict[str, str] | None, after: dict[str, str]) -> list[list[str]]:
    """``[field, before, after]`` for each field that changed (all of them when adding or
    removing an entry)."""
    before = before or {}
    names = list(dict.fromkeys([*before, *after]))
    return [
        [name, before.get(name, ""), after.get(name, "")]
        for name in names
        if before.get(name, "") != after.get(name, "")
    ]


def _project_event(project: Project, by: User, kind: str, subject: str, changes=()) -> None:
    StageEvent.objects.create(
        project=project, stage="", kind=kind, subject=subject[:300], changes=list(changes), actor=by
    )


# --- projects, teams, partners --------------------------------------------------------------


@transaction.atomic
def project_create(*, by: User, title: str, summary: str, themes: Iterable[Theme]) -> Project:
    """1. Create the project for the creator's organisation. 2. Make the creator its lead.
    3. Create the six stage states. 4. Record it."""
    if not rules.may_create_project(by):
        raise CanvasNotAllowed("Sign in with an organisation to start a project.")
    project = Project(
        title=title, summary=summary, lead_organisation=by.organisation, created_by=by
    )
    project.full_clean()
    project.save()
    project.themes.set(themes)
    ProjectMembership.objects.create(project=project, user=by, role=ProjectMembership.Role.LEAD)
    StageState.objects.bulk_create(StageState(project=project, stage=stage) for stage in Stage)
    _project_event(project, by, StageEvent.Kind.CREATED, f"Project “{project.title}”")
    return project


@transaction.atomic
def project_replicate(*, project: Project, by: User) -> Project:
    """Copy a project into the person's own organisation, led by them: its details, themes and
    the canvas's Outcomes, Actions, Insights and Enablers with their links. Never its team,
    partners, ethics review or assessment, datasets, agreements or place in the backlog: the
    copy starts new, every stage open to be reviewed and completed by its own team. Both
    projects' histories record it."""
    if refusal := rules.replicate_refusal(by, project):
        raise CanvasNotAllowed(refusal)
    origin = Project.objects.select_for_update().get(pk=project.pk)
    copy = project_create(
        by=by, title=origin.title, summary=origin.summary, themes=origin.themes.all()
    )
    copy.replicated_from = origin
    copy.save(update_fields=["replicated_from", "updated_at"])
    outcomes = {}
    for outcome in origin.outcomes.all():
        outcomes[outcome.pk] = Outcome.objects.create(
            project=copy, who=outcome.who, how=outcome.how, measure=outcome.measure
        )
    actions = {}
    for action in origin.actions.prefetch_related("outcomes"):
        actions[action.pk] = Action.objects.create(
            project=copy,
            actor=action.actor,
            change=action.change,
            intervention=action.intervention,
        )
        actions[action.pk].outcomes.set([outcomes[o.pk] for o in action.outcomes.all()])
    for insight in origin.insights.prefetch_related("actions"):
        new = Insight.objects.create(project=copy, title=insight.title, screen=insight.screen)
        new.actions.set([actions[a.pk] for a in insight.actions.all()])
    for enabler in origin.enablers.all():
        Enabler.objects.create(project=copy, kind=enabler.kind, need=enabler.need)
    copied = (
        f"{len(outcomes)} outcomes, {len(actions)} actions, {origin.insights.count()} insights, "
        f"{origin.enablers.count()} enablers"
    )
    source = f"“{origin.title}” ({origin.lead_organisation})"
    _project_event(copy, by, StageEvent.Kind.CREATED, f"Replicated from {source}: {copied}")
    _project_event(
        origin,
        by,
        StageEvent.Kind.UPDATED,
        f"Replicated by {by.organisation} as project #{copy.pk}",
    )
    return copy


@transaction.atomic
def project_update(
    *, project: Project, by: User, title: str, summary: str, themes: Iterable[Theme]
) -> Project:
    _require_team(by, project)
    saved = Project.objects.get(pk=project.pk)  # the form has already changed ``project``
    before = {"Title": saved.title, "Summary": saved.summary}
    before["Themes"] = ", ".join(theme.name for theme in saved.themes.all())
    project.title, project.summary = title, summary
    project.full_clean()
    project.save(update_fields=["title", "summary", "updated_at"])
    project.themes.set(themes)
    after = {"Title": title, "Summary": summary}
    after["Themes"] = ", ".join(theme.name for theme in project.themes.all())
    if changes := diff(before, after):
        _project_event(project, by, StageEvent.Kind.UPDATED, "Project details", changes)
    return project


@transaction.atomic
def membership_add(*, project: Project, by: User, user: User, role: str) -> ProjectMembership:
    _require_lead(by, project)
    if not user.is_active:
        raise CanvasError(f"{user} no longer has an active account.")
    try:
        with transaction.atomic():
            membership = ProjectMembership.objects.create(project=project, user=user, role=role)
    except IntegrityError:
        raise CanvasError(f"{user} is already on the team.") from None
    _project_event(
        project,
        by,
        StageEvent.Kind.CREATED,
        f"Team member {user} ({membership.get_role_display()})",
    )
    return membership


def _check_a_lead_remains(membership: ProjectMembership) -> None:
    other_leads = ProjectMembership.objects.filter(
        project=membership.project, role=ProjectMembership.Role.LEAD
    ).exclude(pk=membership.pk)
    if not other_leads.exists():
        raise CanvasError("A project needs at least one lead. Make someone else lead first.")


@transaction.atomic
def membership_change_role(*, membership: ProjectMembership, by: User, role: str) -> None:
    _require_lead(by, membership.project)
    membership = ProjectMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return
    if role not in ProjectMembership.Role.values:
        raise CanvasError("Choose lead or editor.")
    if membership.role == ProjectMembership.Role.LEAD:
        _check_a_lead_remains(membership)
    before = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    _project_event(
        membership.project,
        by,
        StageEvent.Kind.UPDATED,
        f"Team member {membership.user}",
        [["Role", before, membership.get_role_display()]],
    )


@transaction.atomic
def membership_remove(*, membership: ProjectMembership, by: User) -> None:
    _require_lead(by, membership.project)
    membership = ProjectMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == ProjectMembership.Role.LEAD:
        _check_a_lead_remains(membership)
    membership.delete()
    _project_event(
        membership.project, by, StageEvent.Kind.DELETED, f"Team member {membership.user}"
    )


@transaction.atomic
def partner_add(*, project: Project, by: User, organisation: Organisation) -> ProjectPartner:
    _require_lead(by, project)
    if organisation.pk == project.lead_organisation_id:
        raise CanvasError(f"{organisation} already leads this project.")
    try:
        with transaction.atomic():
            partner = ProjectPartner.objects.create(project=project, organisation=organisation)
    except IntegrityError:
        raise CanvasError(f"{organisation} is already a partner.") from None
    _project_event(project, by, StageEvent.Kind.CREATED, f"Partner {organisation}")
    return partner


@transaction.atomic
def partner_remove(*, partner: ProjectPartner, by: User) -> None:
    _require_lead(by, partner.project)
    partner.delete()
    _project_event(partner.project, by, StageEvent.Kind.DELETED, f"Partner {partner.organisation}")


# --- the one way a stage changes ------------------------------------------------------------


@dataclass
class StageEditing:
    project: Project
    stage: Stage
    by: User
    state: StageState
    events: list[StageEvent] = field(default_factory=list)
    reopened: list[Stage] = field(default_factory=list)
    rereview_required: bool = False

    def record(self, kind: str, subject: str, changes: list | None = None) -> None:
        self.events.append(
            StageEvent(
                project=self.project,
                stage=self.stage,
                kind=kind,
                subject=subject[:300],
                changes=changes or [],
                actor=self.by,
            )
        )


@contextmanager
def stage_edit(*, project: Project, stage: Stage, by: User, version: int) -> Iterator[StageEditing]:
    """Change one stage of a canvas, atomically.

    1. Refuse anyone not on the team; lock the stage's state row; refuse if the stage is closed
       or the version is stale.
    2. Let the caller change the entries (inside the transaction).
    3. Bump the version; re-check completion as ``workflow.after_edit`` says.
    4. Write the history rows and the project's furthest open stage; after an ethics approval,
       tell the review (through ``methodology.registry``, as the canvas does not import it).
    """
    stage = Stage(stage)
    _require_team(by, project)
    with transaction.atomic():
        StageState.objects.bulk_create(
            [StageState(project=project, stage=s) for s in Stage], ignore_conflicts=True
        )
        state = StageState.objects.select_for_update().get(project=project, stage=stage)
        if reason := rules.stage_closed_reason(project, stage, Canvas(project).statuses):
            raise StageLocked(reason)
        if state.version != version:
            raise EditConflict(stage, version, state.version)
        editing = StageEditing(project=project, stage=stage, by=by, state=state)

        yield editing

        state.version += 1
        state.save()
        _recheck_completed_stages(editing)
        for event in editing.events:
            event.version = event.version or state.version
        StageEvent.objects.bulk_create(editing.events)
        if editing.events and workflow.edit_needs_rereview(project, stage):
            editing.rereview_required = registry.require_rereview(
                project=project, stage=stage, by=by
            )
        _sync_project_stage(project)


def _recheck_completed_stages(editing: StageEditing) -> None:
    """Apply ``workflow.after_edit`` to the edited stage and every completed stage after it
    (adding an outcome, say, leaves it without an action: Actions is back in progress)."""
    canvas = Canvas(editing.project)
    for stage in STAGE_ORDER[stage_index(editing.stage) :]:
        state = canvas.states[stage]
        if not state.is_complete:
            continue
        missing_now = canvas.missing(stage)
        if workflow.after_edit(stage=stage, was_complete=True, missing_now=missing_now):
            continue
        StageState.objects.filter(pk=state.pk).update(completed_at=None, completed_by=None)
        editing.reopened.append(stage)
        editing.events.append(
            StageEvent(
                project=editing.project,
                stage=stage,
                version=state.version,
                kind=StageEvent.Kind.REOPENED,
                subject=f"{stage.label} no longer meets its requirements",
                changes=[["Missing", "", item.message] for item in missing_now],
                actor=editing.by,
            )
        )


def _sync_project_stage(project: Project) -> None:
    furthest = workflow.furthest_open_stage(Canvas(project).statuses)
    project.stage = furthest
    project.save(update_fields=["stage", "updated_at"])


# --- entries --------------------------------------------------------------------------------


def _check_links(project: Project, stage: Stage, links: list) -> None:
    if not links:
        previous = definition(stage).links_to
        raise CanvasError(f"Link it to at least one entry from {previous.label}.")
    if any(linked.project_id != project.pk for linked in links):
        raise CanvasError("You can only link entries of this project.")


def _require_own_entry(project: Project, entry) -> None:
    """Being on one project's team gives no right over another project's entries."""
    if entry.pk and entry.project_id != project.pk:
        raise CanvasNotAllowed("You can only change entries of this project.")


@dataclass
class Saved:
    """What a canvas change did: the entry, and any completed stage it put back in progress."""

    entry: object = None
    reopened: list[Stage] = field(default_factory=list)
    rereview_required: bool = False


def entry_save(
    *, project: Project, by: User, version: int, entry, links: Iterable | None = None
) -> Saved:
    """Add or change an entry (outcome, action, insight, enabler or dataset), with its links to
    the previous stage's entries."""
    _require_own_entry(project, entry)
    stage = Stage(entry.STAGE)
    link_field = definition(stage).link_field
    links = list(links or [])
    with stage_edit(project=project, stage=stage, by=by, version=version) as editing:
        before = snapshot(type(entry).objects.get(pk=entry.pk)) if entry.pk else None
        if link_field:
            _check_links(project, stage, links)
        entry.project = project
        try:
            entry.full_clean()
        except ValidationError as error:
            raise CanvasError(" ".join(error.messages)) from None
        entry.save()
        if link_field:
            getattr(entry, link_field).set(links)
        changes = diff(before, snapshot(entry))
        kind = StageEvent.Kind.UPDATED if before else StageEvent.Kind.CREATED
        if changes or not before:
            editing.record(kind, str(entry), changes)
    return Saved(entry, editing.reopened, editing.rereview_required)


def entry_delete(*, project: Project, by: User, version: int, entry) -> Saved:
    """Remove an entry, unless a later entry is linked to it alone (that would break the
    chain from data to outcome)."""
    _require_own_entry(project, entry)
    with stage_edit(project=project, stage=entry.STAGE, by=by, version=version) as editing:
        if dependent := dependent_stage(entry.STAGE):
            dependents = getattr(entry, definition(dependent).entries)
            link = definition(dependent).link_field
            orphans = [
                f"“{dependent}”"
                for dependent in dependents.prefetch_related(link)
                if len(getattr(dependent, link).all()) == 1
            ]
            if orphans:
                raise CanvasError(
                    f"“{entry}” can't be removed: it is the only link of {'; '.join(orphans)}. "
                    "Link those to something else first, or remove them."
                )
        editing.record(StageEvent.Kind.DELETED, str(entry), diff(snapshot(entry), {}))
        entry.delete()
    return Saved(None, editing.reopened, editing.rereview_required)


def ethics_save(
    *,
    project: Project,
    by: User,
    version: int,
    answers: dict[str, str],
    principles: dict[str, dict[str, str]],
) -> Saved:
    """Save the Ethics stage: LOTI's questions answered, and each principle's rating, risks and
    mitigations."""
    stage = EthicsAssessment.STAGE
    with stage_edit(project=project, stage=stage, by=by, version=version) as editing:
        assessment, _ = EthicsAssessment.objects.get_or_create(project=project)
        before = snapshot(assessment)
        for name, value in answers.items():
            setattr(assessment, name, value)
        assessment.full_clean()
        assessment.save()
        changes = diff(before, snapshot(assessment))
        for principle in Principle:
            row, _ = PrincipleAssessment.objects.get_or_create(project=project, principle=principle)
            old = snapshot(row)
            for name, value in principles.get(principle.value, {}).items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
            changes += [
                [f"{principle.label}: {name.lower()}", was, now]
                for name, was, now in diff(old, snapshot(row))
                if name != "Principle"
            ]
        if changes:
            editing.record(StageEvent.Kind.UPDATED, "Ethics assessment", changes)
    return Saved(assessment, editing.reopened, editing.rereview_required)


def stage_complete(
    *, project: Project, stage: Stage, by: User, version: int, by_review: bool = False
) -> None:
    """Mark a stage complete, if it has everything it needs; otherwise say what is missing.
    Ethics completes only through its submission for review (``by_review``)."""
    stage = Stage(stage)
    _require_team(by, project)
    if workflow.completes_by_review(stage) and not by_review:
        raise CanvasError(f"{stage.label} is completed by submitting it for ethics review.")
    with stage_edit(project=project, stage=stage, by=by, version=version) as editing:
        if editing.state.is_complete:
            raise CanvasError(f"{stage.label} is already complete.")
        if missing := Canvas(project).missing(stage):
            raise StageIncomplete(stage, missing)
        editing.state.completed_at = timezone.now()
        editing.state.completed_by = by
        editing.record(StageEvent.Kind.COMPLETED, stage.label)
