"""The ethics review's emails: one kind, an email about one step of a review (an
``EthicsReviewEvent``). The services owe it to the people :func:`recipients` names, in the same
transaction as the step; the outbox sends it with :func:`build_event_email`."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from loti_data import registry
from loti_data.accounts.models import User
from projects.ethics import rules
from projects.models import EthicsReview, EthicsReviewEvent

EVENT = "ethics.event"


def _team(review: EthicsReview) -> list[User]:
    return [m.user for m in review.project.memberships.select_related("user") if m.user.is_active]


def recipients(event: EthicsReviewEvent) -> list[User]:
    """Who hears about a step of a review."""
    review = event.review
    Action = EthicsReviewEvent.Action
    if event.action == Action.SUBMITTED:
        # A resubmission goes back to the reviewer who asked for changes.
        if event.round > 1 and review.reviewer and review.reviewer.is_active:
            return [review.reviewer]
        return list(rules.eligible_reviewers(review.project))
    if event.action == Action.ASSIGNED:
        return [event.assignee] if event.assignee and event.assignee != event.actor else []
    if event.action == Action.DECIDED:
        return _team(review)
    if event.action == Action.CONDITIONS_ACKNOWLEDGED:
        return [review.reviewer] if review.reviewer else []
    if event.action == Action.REREVIEW_REQUIRED:
        return _team(review) + ([review.reviewer] if review.reviewer else [])
    return []


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
