"""The backlog's emails: a status changed (to the team), an organisation registered its interest
(to the project's leads), an organisation was accepted as a partner (to the person who registered
the interest), an organisation's interest was declined, with the lead's reason (to the same
person). They say what changed and why; private triage notes are never read here, so they
can never be in an email."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from loti_data import registry
from loti_data.outbox.services import NotNeeded
from projects.models import Interest, ProjectMembership, TriageChange

STATUS_CHANGED = "backlog.status_changed"
INTEREST_REGISTERED = "backlog.interest_registered"
PARTNER_ACCEPTED = "backlog.partner_accepted"
INTEREST_DECLINED = "backlog.interest_declined"


def team_ids(project_id: int) -> list[int]:
    return list(
        ProjectMembership.objects.filter(project_id=project_id, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )


def lead_ids(project_id: int) -> list[int]:
    return list(
        ProjectMembership.objects.filter(
            project_id=project_id, role=ProjectMembership.Role.LEAD, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _message(template: str, subject: str, context: dict) -> EmailMessage:
    context = {**context, "site_url": settings.SITE_URL}
    body = render_to_string(f"projects/backlog/email/{template}.txt", context)
    return EmailMessage(subject=subject, body=body)


def _interest(row) -> Interest:
    interest = (
        Interest.objects.select_related(
            "project__lead_organisation", "organisation", "registered_by"
        )
        .filter(pk=row.payload["interest"])
        .first()
    )
    if interest is None:
        raise NotNeeded("the interest was deleted")
    return interest


def build_status_changed(row) -> EmailMessage:
    change = (
        TriageChange.objects.select_related("project", "changed_by")
        .filter(pk=row.payload["change"])
        .first()
    )
    if change is None:
        raise NotNeeded("the project was deleted")
    project = change.project
    return _message(
        "status_changed",
        f"{project.title}: backlog status is now {project.get_status_display()}",
        {"change": change, "project": project},
    )


def build_interest_registered(row) -> EmailMessage:
    interest = _interest(row)
    return _message(
        "interest_registered",
        f"{interest.organisation} is interested in {interest.project.title}",
        {"interest": interest, "project": interest.project},
    )


def build_partner_accepted(row) -> EmailMessage:
    interest = _interest(row)
    return _message(
        "partner_accepted",
        f"{interest.organisation} is now a partner on {interest.project.title}",
        {"interest": interest, "project": interest.project},
    )


def build_interest_declined(row) -> EmailMessage:
    interest = _interest(row)
    return _message(
        "interest_declined",
        f"{interest.project.lead_organisation} declined {interest.organisation}'s interest in "
        f"{interest.project.title}",
        {"interest": interest, "project": interest.project},
    )


def register() -> None:
    registry.register_email(STATUS_CHANGED, build_status_changed)
    registry.register_email(INTEREST_REGISTERED, build_interest_registered)
    registry.register_email(PARTNER_ACCEPTED, build_partner_accepted)
    registry.register_email(INTEREST_DECLINED, build_interest_declined)
