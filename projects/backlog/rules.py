"""Who may do what in the shared backlog, and what state a project is in there, written once.

Every signed-in person reads the backlog. LOTI staff triage it and keep private notes; members
register (and withdraw) their own organisation's interest; a project's lead takes an interested
organisation on as a partner. Views, templates (through the context), services, exports and the
admin ask these functions; the services refuse with ``TriageNotAllowed`` when they say no.
"""

from collections.abc import Collection

from django.db.models import Q

from loti_data.accounts.models import Organisation
from projects.backlog.models import Interest
from projects.canvas import rules as canvas_rules
from projects.canvas.models import Project
from projects.ethics import rules as ethics_rules

Status = Project.Status


# --- the state of a project in the backlog ----------------------------------------------------


def is_closed(project: Project) -> bool:
    """Done, declined or a duplicate: no longer looking for partners."""
    return project.status in Status.closed()


def needs_triage_q() -> Q:
    """New projects, and accepted or in-progress ones without a priority or a LOTI owner."""
    return Q(status=Status.NEW) | Q(
        Q(status__in=Status.under_way())
        & (Q(priority=Project.Priority.NOT_SET) | Q(loti_owner__isnull=True))
    )


# --- LOTI staff -------------------------------------------------------------------------------


def may_triage(user) -> bool:
    """Status, priority, rank, LOTI owner and themes: LOTI staff only."""
    return user.is_authenticated and user.is_loti_staff


def may_be_loti_owner(user) -> bool:
    """A project's LOTI owner is an active member of LOTI staff."""
    return user.is_active and user.is_loti_staff


def may_keep_private_notes(user) -> bool:
    """Private triage notes are written and read by LOTI staff only: never shown, exported or
    emailed to anyone else."""
    return user.is_authenticated and user.is_loti_staff


def may_change_status(user, project: Project, status: str) -> bool:
    """LOTI staff move a project to any status; the reviewer who rejected a project's ethics
    review declines it."""
    if may_triage(user):
        return True
    return status == Status.DECLINED and ethics_rules.rejected_by(user, project)


def may_record_evaluation(user, project: Project) -> bool:
    """The evaluation of a finished project is recorded (and revised) by LOTI staff, who mark it
    done."""
    return may_triage(user)


# --- interest and partners ---------------------------------------------------------------------


def may_register_interest(user, organisation: Organisation) -> bool:
    """A person registers their own organisation's interest, nobody else's. LOTI staff run the
    backlog: they triage projects, they do not join them as partners."""
    return (
        user.is_authenticated and not user.is_loti_staff and user.organisation_id == organisation.pk
    )


def interest_refusal(
    project: Project,
    organisation: Organisation,
    *,
    partner_ids: Collection[int],
    interested_ids: Collection[int],
) -> str:
    """Why this organisation cannot register interest in the project now ("" if it can).
    ``partner_ids`` and ``interested_ids`` are the organisations already partnering and with an
    open interest."""
    if project.lead_organisation_id == organisation.pk:
        return f"{organisation} already leads this project."
    if organisation.pk in partner_ids:
        return f"{organisation} is already a partner on this project."
    if organisation.pk in interested_ids:
        return f"{organisation} has already registered its interest."
    if is_closed(project):
        return (
            f"This project is {project.get_status_display().lower()}: it is not looking for "
            "partners."
        )
    return ""


def may_withdraw_interest(user, interest: Interest) -> bool:
    """Only someone from the interested organisation withdraws its interest."""
    return user.is_authenticated and user.organisation_id == interest.organisation_id


def may_decide_interest(user, project: Project) -> bool:
    """The project's leads answer an organisation's interest: take it on as a partner, or
    decline it with a reason."""
    return canvas_rules.is_lead(user, project)
