"""Who may do what in the data networks, and what state a meet-up is in. One function a question.

Views, templates (through their context) and services ask these, and the services enforce
them, so no caller can do what a page would refuse. A question about a meet-up's state
has a ``*_refusal`` function that returns why not ("" when it may), so the person reads the
same words on every page.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- People -------------------------------------------------------------------------------------


def may_take_part(user) -> bool:
    """Every active person joins and leaves networks, replies to meet-ups and keeps a calendar
    feed (pan-London: no network is closed)."""
    return _active(user)


def is_organiser(user) -> bool:
    """LOTI staff (and superusers) run the networks: they change a network, schedule, change and
    cancel its meet-ups."""
    return _active(user) and (user.is_superuser or user.is_loti_staff)


def may_see_attendees(user, meetup) -> bool:
    """Who replied to a meet-up, with their email addresses: its organisers only, on the page
    and in the CSV export."""
    return is_organiser(user)


def feed_is_open(feed) -> bool:
    """A calendar feed answers whoever holds its secret address, while its person is active."""
    return feed is not None and feed.user.is_active


# --- Meet-ups -----------------------------------------------------------------------------------


def reply_refusal(meetup, *, now: datetime | None = None) -> str:
    """Why the meet-up takes no replies: cancelled, or over."""
    if meetup.is_cancelled:
        return "This meet-up has been cancelled."
    if meetup.ends_at <= (now or timezone.now()):
        return "This meet-up has already taken place."
    return ""


def accepts_replies(meetup, *, now: datetime | None = None) -> bool:
    return not reply_refusal(meetup, now=now)


def change_refusal(meetup) -> str:
    """Why the meet-up cannot be changed or rescheduled: it was cancelled."""
    if meetup.is_cancelled:
        return "This meet-up has been cancelled and cannot be changed."
    return ""


def may_change_meetup(user, meetup) -> bool:
    return is_organiser(user) and not change_refusal(meetup)


def cancel_refusal(meetup, *, now: datetime | None = None) -> str:
    """Why the meet-up cannot be cancelled: it already was, or it is over."""
    if meetup.is_cancelled:
        return "This meet-up was already cancelled."
    if meetup.ends_at <= (now or timezone.now()):
        return "This meet-up has already taken place."
    return ""


def may_cancel_meetup(user, meetup, *, now: datetime | None = None) -> bool:
    return is_organiser(user) and not cancel_refusal(meetup, now=now)


# --- Reminders ----------------------------------------------------------------------------------


def reminder_due_at(starts_at: datetime, offset: str) -> datetime:
    """When a reminder is due. Days are counted in London wall-clock time, so "7 days before"
    a 09:30 meet-up is 09:30 on the day a week earlier even across a clock change; hours are
    elapsed time."""
    amount, unit = int(offset[:-1]), offset[-1]
    if unit == "d":
        local = starts_at.astimezone(LONDON)
        # zoneinfo arithmetic on an aware datetime is wall-clock arithmetic; re-resolving the
        # offset afterwards picks BST or GMT for the new date.
        wall = (local.replace(tzinfo=None) - timedelta(days=amount)).replace(tzinfo=LONDON)
        return wall.astimezone(ZoneInfo("UTC"))
    if unit == "h":
        return starts_at - timedelta(hours=amount)
    raise ValueError(f"Unknown reminder offset {offset!r}")


def reminder_is_due(due_at: datetime, *, now: datetime) -> bool:
    """A reminder goes once its time has come; one already due when it is set up never goes
    (people are not reminded of a meet-up they have just heard about)."""
    return due_at <= now
