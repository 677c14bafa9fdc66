"""Who may see and change a project: the one helper every project view uses.

Every signed-in person reads every project (pan-London transparency); only the project's team
changes it; only its leads manage the team and partners.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404

from projects.models import Project, ProjectMembership


def project_for_user(user, pk: int, *, write: bool = False, lead: bool = False) -> Project:
    """The project, or 404 if there is none; 403 if ``write`` (or ``lead``) and the person may
    not. The person's team role is kept on ``project.viewer_role`` (None for readers)."""
    role = ProjectMembership.objects.filter(project=OuterRef("pk"), user=user).values("role")
    project = get_object_or_404(
        Project.objects.select_related("lead_organisation", "ethics_review").annotate(
            viewer_role=Subquery(role[:1])
        ),
        pk=pk,
    )
    if (write or lead) and project.viewer_role is None:
        raise PermissionDenied("Only the project's team can change it.")
    if lead and project.viewer_role != ProjectMembership.Role.LEAD:
        raise PermissionDenied("Only the project's leads can manage its team and partners.")
    return project


def can_edit(project: Project) -> bool:
    return getattr(project, "viewer_role", None) is not None


def is_lead(project: Project) -> bool:
    return getattr(project, "viewer_role", None) == ProjectMembership.Role.LEAD
