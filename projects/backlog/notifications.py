"""Backlog emails. They say what changed and why; private triage notes never go in an email."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from projects.models import Interest, ProjectMembership, TriageChange


def _team_emails(project_id: int) -> list[str]:
    return sorted(
        ProjectMembership.objects.filter(project_id=project_id, user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _lead_emails(project_id: int) -> list[str]:
    return sorted(
        ProjectMembership.objects.filter(
            project_id=project_id, role=ProjectMembership.Role.LEAD, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def _send(template: str, subject: str, context: dict, recipients: list[str]) -> int:
    if not recipients:
        return 0
    context = {**context, "site_url": settings.SITE_URL}
    body = render_to_string(f"projects/backlog/email/{template}.txt", context)
    return send_mail(subject, body, None, recipients, fail_silently=False)


def notify_status_change(*, change_id: int) -> int:
    change = TriageChange.objects.select_related("project", "changed_by").get(pk=change_id)
    project = change.project
    return _send(
        "status_changed",
        f"{project.title}: backlog status is now {project.get_status_display()}",
        {"change": change, "project": project},
        _team_emails(project.pk),
    )


def notify_interest_registered(*, interest_id: int) -> int:
    interest = Interest.objects.select_related("project", "organisation", "registered_by").get(
        pk=interest_id
    )
    return _send(
        "interest_registered",
        f"{interest.organisation} is interested in {interest.project.title}",
        {"interest": interest, "project": interest.project},
        _lead_emails(interest.project_id),
    )


def notify_partner_accepted(*, interest_id: int) -> int:
    interest = Interest.objects.select_related("project", "organisation", "registered_by").get(
        pk=interest_id
    )
    recipients = [interest.registered_by.email] if interest.registered_by.is_active else []
    return _send(
        "partner_accepted",
        f"{interest.organisation} is now a partner on {interest.project.title}",
        {"interest": interest, "project": interest.project},
        recipients,
    )
