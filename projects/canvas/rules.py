"""Who may do what to a project and its canvas, written once.

Every signed-in person reads every project (pan-London transparency); the project's team edits
its details and canvas; its leads manage the team and partners. Views, templates (through the
context), services, the admin and the API ask these functions; the services refuse with
``CanvasNotAllowed`` when they say no.

A project fetched by ``project_for_user`` carries the person's team role (``viewer_role``, for
``viewer_pk``), so asking about that person costs no query; any other person costs one.
Whether a stage is open is the methodology's rule (``methodology.workflow``): it is asked here,
not restated.
"""

from methodology import workflow
from methodology.stages import Stage
from projects.canvas.models import Project, ProjectMembership

Role = ProjectMembership.Role
Statuses = dict[Stage, workflow.StageStatus]


def team_role(user, project: Project) -> str | None:
    """The person's role on the project's team, or None if they are not on it."""
    if not user.is_authenticated or project.pk is None:
        return None
    if getattr(project, "viewer_pk", None) == user.pk:
        return project.viewer_role
    memberships = ProjectMembership.objects.filter(project=project, user=user)
    return memberships.values_list("role", flat=True).first()


def is_on_team(user, project: Project) -> bool:
    return team_role(user, project) is not None


def is_lead(user, project: Project) -> bool:
    return team_role(user, project) == Role.LEAD


def may_read(user, project: Project) -> bool:
    """Every signed-in person reads every project and its canvas."""
    return user.is_authenticated and user.is_active


def may_create_project(user) -> bool:
    """Any signed-in person starts projects, led by their own organisation."""
    return user.is_authenticated and user.is_active and user.organisation_id is not None


def replicate_refusal(user, project: Project) -> str:
    """Why this person cannot copy the project into their own organisation ("" if they can):
    any member may, from any project their organisation does not already lead."""
    if not may_create_project(user) or not may_read(user, project):
        return "Sign in with an organisation to replicate a project."
    if project.lead_organisation_id == user.organisation_id:
        return "Your organisation already leads this project."
    return ""


def may_replicate(user, project: Project) -> bool:
    return not replicate_refusal(user, project)


def may_edit(user, project: Project) -> bool:
    """The team changes the project's details and its canvas."""
    return is_on_team(user, project)


def may_manage_team(user, project: Project) -> bool:
    """Only the project's leads add and remove team members and partner organisations."""
    return is_lead(user, project)


def stage_closed_reason(project: Project, stage: Stage | str, statuses: Statuses) -> str:
    """Why nobody may change this stage now ("" when the team may): it is locked until the
    stages before it are complete (and, for Data, the ethics checkpoint opens it), or the
    ethics review has frozen it."""
    return workflow.lock_reason(project, stage, statuses) or workflow.edit_refusal(project, stage)


def may_edit_stage(user, project: Project, stage: Stage | str, statuses: Statuses) -> bool:
    return may_edit(user, project) and not stage_closed_reason(project, stage, statuses)
