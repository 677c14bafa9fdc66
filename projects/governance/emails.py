"""The sharing route's emails: a step of a dataset's sign-off (``governance.event``: a request
to the holder's people, the holder's answer to the team, the DPO's turn) and the reminder that
an agreement's review date is near (``governance.review_reminder``). The services owe them in
the same transaction as the step; the sweep owes the reminders; the outbox builds them here."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from loti_data import registry
from projects.governance.models import DataSharingEvent

EVENT = "governance.event"
REMINDER = "governance.review_reminder"


def build_email(row) -> EmailMessage:
    event = DataSharingEvent.objects.select_related(
        "sharing__dataset__project__lead_organisation", "sharing__dataset__holder", "actor"
    ).get(pk=row.payload["event"])
    dataset = event.sharing.dataset
    context = {
        "event": event,
        "sharing": event.sharing,
        "dataset": dataset,
        "project": dataset.project,
        "recipient": row.recipient,
        "reminder": row.kind == REMINDER,
        "url": settings.SITE_URL
        + reverse("projects:sharing_route", args=[dataset.project_id, dataset.pk]),
    }
    return EmailMessage(
        subject=render_to_string("projects/governance/email/subject.txt", context),
        body=render_to_string("projects/governance/email/body.txt", context),
    )


def register() -> None:
    registry.register_email(EVENT, build_email)
    registry.register_email(REMINDER, build_email)
