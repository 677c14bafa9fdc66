"""Reads of the data networks, with their joins done up front (a fixed number of queries)."""

from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from skills.models import Meetup, Network, NetworkMembership, Rsvp

FEED_HISTORY = timedelta(days=180)


def _with_counts(meetups: QuerySet, user) -> QuerySet:
    return meetups.select_related("network").annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.GOING), distinct=True),
        waiting_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.WAITLISTED), distinct=True),
        my_status=Subquery(
            Rsvp.objects.filter(meetup=OuterRef("pk"), user=user).values("status")[:1]
        ),
    )


def networks_for_list(user, *, now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    upcoming = Meetup.objects.filter(status=Meetup.Status.SCHEDULED, ends_at__gt=now).order_by(
        "starts_at"
    )
    return Network.objects.annotate(
        member_count=Count("memberships", distinct=True),
        is_member=Exists(NetworkMembership.objects.filter(network=OuterRef("pk"), user=user)),
    ).prefetch_related(Prefetch("meetups", queryset=upcoming, to_attr="upcoming_meetups"))


def network_for_page(slug: str, user) -> QuerySet:
    return Network.objects.filter(slug=slug).annotate(
        member_count=Count("memberships", distinct=True),
        is_member=Exists(NetworkMembership.objects.filter(network=OuterRef("pk"), user=user)),
    )


def upcoming_meetups(user, *, network: Network | None = None, now=None) -> QuerySet:
    now = now or timezone.now()
    meetups = Meetup.objects.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if network is not None:
        meetups = meetups.filter(network=network)
    return _with_counts(meetups, user)


def past_meetups(user, *, network: Network | None = None, now=None) -> QuerySet:
    now = now or timezone.now()
    meetups = Meetup.objects.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    if network is not None:
        meetups = meetups.filter(network=network)
    return _with_counts(meetups, user)


def meetup_for_page(pk: int, user) -> QuerySet:
    return _with_counts(Meetup.objects.filter(pk=pk), user).prefetch_related("agenda_items")


def waiting_position(meetup: Meetup, rsvp: Rsvp | None) -> int | None:
    if rsvp is None or rsvp.status != Rsvp.Status.WAITLISTED:
        return None
    ahead = meetup.rsvps.filter(status=Rsvp.Status.WAITLISTED).filter(
        Q(waitlisted_at__lt=rsvp.waitlisted_at)
        | Q(waitlisted_at=rsvp.waitlisted_at, pk__lt=rsvp.pk)
    )
    return ahead.count() + 1


ATTENDEE_ORDER = {Rsvp.Status.GOING: 0, Rsvp.Status.WAITLISTED: 1, Rsvp.Status.CANT_GO: 2}


def attendees(meetup: Meetup) -> list[Rsvp]:
    """Everyone who replied: going first, then the waiting list in order, then can't go."""
    rsvps = list(
        meetup.rsvps.select_related("user__organisation").order_by("waitlisted_at", "responded_at")
    )
    rsvps.sort(key=lambda rsvp: ATTENDEE_ORDER[rsvp.status])
    position = 0
    for rsvp in rsvps:
        if rsvp.status == Rsvp.Status.WAITLISTED:
            position += 1
            rsvp.position = position
        else:
            rsvp.position = None
    return rsvps


def feed_meetups(user, *, now: datetime | None = None) -> QuerySet:
    """The personal calendar: meet-ups of the person's networks and those they replied to,
    cancelled ones included (so calendars show them as cancelled), from six months back."""
    now = now or timezone.now()
    mine = Q(network__memberships__user=user) | Q(rsvps__user=user)
    ids = Meetup.objects.filter(mine, starts_at__gte=now - FEED_HISTORY).values("pk")
    return (
        Meetup.objects.filter(pk__in=ids)
        .select_related("network")
        .prefetch_related("agenda_items")
        .order_by("starts_at")
    )


def my_next_meetups(user, *, limit: int = 5, now: datetime | None = None) -> list[Meetup]:
    """For the home page: the next scheduled meet-ups of the person's networks or RSVPs."""
    now = now or timezone.now()
    mine = Q(network__memberships__user=user) | Q(
        rsvps__user=user, rsvps__status__in=[Rsvp.Status.GOING, Rsvp.Status.WAITLISTED]
    )
    ids = Meetup.objects.filter(mine, status=Meetup.Status.SCHEDULED, ends_at__gt=now).values("pk")
    return list(_with_counts(Meetup.objects.filter(pk__in=ids), user).order_by("starts_at")[:limit])
