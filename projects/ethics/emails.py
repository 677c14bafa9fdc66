"""The ethics review's emails: one kind, an email about one step of a review (an
``EthicsReviewEvent``). The services owe it to the people who should hear about the step
(``projects/ethics/services.py``: ``email_recipients``); the outbox sends it with this builder."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from loti_data import registry
from projects.models import EthicsReviewEvent

EVENT = "ethics.event"


def build_event_email(row) -> EmailMultiAlternatives:
    event = EthicsReviewEvent.objects.select_related(
        "review__project__lead_organisation", "review__reviewer", "actor", "assignee"
    ).get(pk=row.payload["event"])
    project = event.review.project
    context = {
        "event": event,
        "review": event.review,
        "project": project,
        "recipient": row.recipient,
        "review_url": settings.SITE_URL + reverse("projects:ethics_review", args=[project.pk]),
        "queue_url": settings.SITE_URL + reverse("projects:ethics_queue"),
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("projects/ethics/email/subject.txt", context),
        body=render_to_string("projects/ethics/email/body.txt", context),
    )
    message.attach_alternative(
        render_to_string("projects/ethics/email/body.html", context), "text/html"
    )
    return message


def register() -> None:
    registry.register_email(EVENT, build_event_email)
