"""What the backlog panel on a project's page shows, for one person. What they may do there is
``projects.backlog.rules``'s answer, passed to the template as flags."""

from projects.backlog import rules
from projects.backlog.forms import InterestForm, NoteForm, RankForm, StatusForm, TriageForm
from projects.backlog.selectors import (
    evaluation_revisions,
    project_interests,
    triage_history,
    triage_notes,
)
from projects.canvas import selectors
from projects.models import Evaluation, Interest, Project


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
    rows = project_interests(project, organisation_id=user.organisation_id)
    interests = [row for row in rows if row.status == Interest.Status.INTERESTED]
    declined = [row for row in rows if row.status == Interest.Status.DECLINED]
    partners = selectors.partners(project) if partners is None else partners
    my_interest = next((i for i in interests if i.organisation_id == user.organisation_id), None)
    refusal = rules.interest_refusal(
        project,
        user.organisation,
        partner_ids={partner.organisation_id for partner in partners},
        interested_ids={interest.organisation_id for interest in interests},
    )
    evaluation = (
        Evaluation.objects.filter(project=project).select_related("recorded_by").first()
        if project.status == Project.Status.DONE
        else None
    )
    context = {
        "project": project,
        "user": user,
        "interests": interests,
        "partners": partners,
        "my_interest": my_interest,
        "my_declined_interest": declined[-1] if declined and not my_interest else None,
        "can_register_interest": not refusal
        and rules.may_register_interest(user, user.organisation),
        "can_decide_interest": rules.may_decide_interest(user, project),
        "evaluation": evaluation,
        "earlier_evaluations": evaluation_revisions(evaluation)[1:] if evaluation else [],
        "can_triage": rules.may_triage(user),
        "can_keep_notes": rules.may_keep_private_notes(user),
        "interest_form": InterestForm(),
    }
    if context["can_triage"]:
        context.update(
            status_form=status_form or StatusForm(project=project),
            triage_form=triage_form or TriageForm(project=project),
            rank_form=rank_form or RankForm(initial={"position": project.rank}),
            history=triage_history(project),
        )
    if context["can_keep_notes"]:
        context.update(note_form=note_form or NoteForm(), notes=triage_notes(project))
    return context
