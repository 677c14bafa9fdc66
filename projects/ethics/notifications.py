"""Who hears about each step of an ethics review, and the emails they get."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from loti_data.accounts import roles
from loti_data.accounts.models import User
from projects.models import EthicsEmailSent, EthicsReviewEvent

Action = EthicsReviewEvent.Action


def _team(review) -> list[User]:
    return [m.user for m in review.project.memberships.select_related("user") if m.user.is_active]


def _eligible_reviewers(review) -> list[User]:
    from projects.ethics.services import reviewer_conflict

    group = Group.objects.filter(name=roles.ETHICS_REVIEWERS).first()
    if group is None:
        return []
    return [
        user
        for user in group.user_set.filter(is_active=True).select_related("organisation")
        if not reviewer_conflict(user, review.project)
    ]


def recipients_for(event: EthicsReviewEvent) -> list[User]:
    review = event.review
    if event.action == Action.SUBMITTED:
        # A resubmission goes back to the reviewer who asked for changes.
        if event.round > 1 and review.reviewer and review.reviewer.is_active:
            return [review.reviewer]
        return _eligible_reviewers(review)
    if event.action == Action.ASSIGNED:
        return [event.assignee] if event.assignee and event.assignee != event.actor else []
    if event.action == Action.DECIDED:
        return _team(review)
    if event.action == Action.CONDITIONS_ACKNOWLEDGED:
        return [review.reviewer] if review.reviewer else []
    if event.action == Action.REREVIEW_REQUIRED:
        return _team(review) + ([review.reviewer] if review.reviewer else [])
    return []


def _message(event: EthicsReviewEvent, recipient: User) -> EmailMultiAlternatives:
    project = event.review.project
    context = {
        "event": event,
        "review": event.review,
        "project": project,
        "recipient": recipient,
        "review_url": settings.SITE_URL + reverse("projects:ethics_review", args=[project.pk]),
        "queue_url": settings.SITE_URL + reverse("projects:ethics_queue"),
    }
    subject = render_to_string("projects/ethics/email/subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("projects/ethics/email/body.txt", context),
        to=[recipient.email],
    )
    message.attach_alternative(
        render_to_string("projects/ethics/email/body.html", context), "text/html"
    )
    return message


def ethics_event_send_emails(*, event_id: int) -> int:
    """Send each recipient's email once: the claim row and the send share one transaction, so
    a failed send leaves no claim and the retry sends it; a sent one is never sent again."""
    event = (
        EthicsReviewEvent.objects.select_related(
            "review__project__lead_organisation", "review__reviewer", "actor", "assignee"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    sent = 0
    for recipient in {user.pk: user for user in recipients_for(event)}.values():
        try:
            with transaction.atomic():
                EthicsEmailSent.objects.create(event=event, recipient=recipient.email)
                _message(event, recipient).send()
        except IntegrityError:
            continue  # already sent by an earlier run of this task
        sent += 1
    return sent
