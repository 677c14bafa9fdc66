"""The one helper every project page uses to fetch a project for the person asking.

It asks the canvas rules (``projects.canvas.rules``): whoever may not read it gets 404, whoever
may read but not change it gets 403.
"""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from loti_data.errors import NotAllowed
from projects.canvas import rules
from projects.models import Project, ProjectMembership


def project_for_user(user, pk: int, *, write: bool = False, lead: bool = False) -> Project:
    """The project, or 404; 403 if ``write`` (change it) or ``lead`` (manage its team and
    partners) and the rules say the person may not. The person's team role is read once, in the
    same query, and kept on ``project.viewer_role`` for the rules to use. The ethics reviewer, the
    LOTI owner and the evaluation, which the project page shows, come in the same query too."""
    role = ProjectMembership.objects.filter(project=OuterRef("pk"), user=user.pk).values("role")
    project = get_object_or_404(
        Project.objects.select_related(
            "lead_organisation", "ethics_review__reviewer", "loti_owner", "evaluation"
        ).annotate(viewer_role=Subquery(role[:1])),
        pk=pk,
    )
    project.viewer_pk = user.pk
    if not rules.may_read(user, project):
        raise Http404("No such project.")
    if write and not rules.may_edit(user, project):
        raise NotAllowed(
            "Only the project's team can edit it. You can still read it.",
            link=(project.get_absolute_url(), f"Go to {project.title}"),
        )
    if lead and not rules.may_manage_team(user, project):
        raise NotAllowed(
            "Only the project's leads can manage its team and partners.",
            link=(project.get_absolute_url(), f"Go to {project.title}"),
        )
    return project
