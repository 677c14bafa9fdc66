"""What the backlog panel on a project's page shows, for one person."""

from projects.backlog.forms import InterestForm, NoteForm, RankForm, StatusForm, TriageForm
from projects.backlog.selectors import project_interests, triage_history, triage_notes
from projects.backlog.services import is_project_lead
from projects.canvas import access, selectors
from projects.models import Evaluation, Project

CLOSED = (Project.Status.DONE, Project.Status.DECLINED, Project.Status.DUPLICATE)


def panel_context(
    project: Project,
    user,
    *,
    status_form=None,
    triage_form=None,
    rank_form=None,
    note_form=None,
    partners=None,
) -> dict:
    """``partners`` may be passed by a page that has already read them."""
    interests = project_interests(project)
    partners = selectors.partners(project) if partners is None else partners
    org_id = user.organisation_id
    my_interest = next((i for i in interests if i.organisation_id == org_id), None)
    involved = org_id == project.lead_organisation_id or any(
        p.organisation_id == org_id for p in partners
    )
    context = {
        "project": project,
        "user": user,
        "interests": interests,
        "partners": partners,
        "my_interest": my_interest,
        "can_register_interest": not involved
        and my_interest is None
        and project.status not in CLOSED,
        "is_lead": access.is_lead(project)
        if hasattr(project, "viewer_role")
        else is_project_lead(user, project),
        "evaluation": Evaluation.objects.filter(project=project).first()
        if project.status == Project.Status.DONE
        else None,
        "is_loti_staff": user.is_loti_staff,
        "interest_form": InterestForm(),
    }
    if user.is_loti_staff:
        context.update(
            status_form=status_form or StatusForm(project=project),
            triage_form=triage_form or TriageForm(project=project),
            rank_form=rank_form or RankForm(initial={"position": project.rank}),
            note_form=note_form or NoteForm(),
            notes=triage_notes(project),
            history=triage_history(project),
        )
    return context
