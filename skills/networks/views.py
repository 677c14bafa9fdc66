"""Pages of the data networks and meet-ups.

Every signed-in person sees every network and meet-up (pan-London transparency), joins networks
and replies to meet-ups; LOTI staff organise (create, change, cancel, see and export attendees):
others get 403 there. The personal calendar feed is public but needs its secret token (404).
Who may do what is ``skills.networks.rules``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from loti_data.csv_export import csv_response
from loti_data.errors import require
from skills.models import CalendarFeed, Meetup, Network, Rsvp
from skills.networks import rules, selectors, services
from skills.networks.calendars import build_calendar, meetup_calendar, meetup_ics_filename
from skills.networks.forms import (
    AgendaFormSet,
    CancelMeetupForm,
    MeetupForm,
    NetworkForm,
    RsvpForm,
    agenda_initial,
)
from skills.networks.services import NetworkError

PAST_PAGE_SIZE = 20


def _meetup_or_404(pk: int, user) -> Meetup:
    return get_object_or_404(selectors.meetup_for_page(pk, user))


def _require_organiser(user) -> None:
    require(rules.is_organiser(user), "Only LOTI staff organise meet-ups.")


def network_list(request):
    networks = selectors.networks_for_list(request.user)
    upcoming = selectors.upcoming_meetups(request.user)[:10]
    return render(
        request,
        "skills/networks/network_list.html",
        {
            "networks": networks,
            "upcoming": upcoming,
            "is_organiser": rules.is_organiser(request.user),
        },
    )


def network_detail(request, slug: str):
    network = get_object_or_404(selectors.network_for_page(slug, request.user))
    past = Paginator(selectors.past_meetups(request.user, network=network), PAST_PAGE_SIZE)
    return render(
        request,
        "skills/networks/network_detail.html",
        {
            "network": network,
            "upcoming": selectors.upcoming_meetups(request.user, network=network)[:20],
            "past_page": past.get_page(request.GET.get("page")),
            "is_organiser": rules.is_organiser(request.user),
        },
    )


def network_edit(request, slug: str):
    network = get_object_or_404(Network, slug=slug)
    _require_organiser(request.user)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        services.network_update(network=network, by=request.user, **form.cleaned_data)
        messages.success(request, f"{network.name} was updated.")
        return redirect(network)
    return render(request, "skills/networks/network_form.html", {"network": network, "form": form})


@require_POST
def network_join(request, slug: str):
    network = get_object_or_404(Network, slug=slug)
    services.network_join(network=network, user=request.user)
    messages.success(request, f"You joined {network.name}. You will get its meet-up reminders.")
    return redirect(network)


@require_POST
def network_leave(request, slug: str):
    network = get_object_or_404(Network, slug=slug)
    try:
        services.network_leave(network=network, user=request.user)
        messages.success(request, f"You left {network.name}.")
    except NetworkError as error:
        messages.error(request, str(error))
    return redirect(network)


def meetup_list(request):
    past = request.GET.get("when") == "past"
    meetups = (selectors.past_meetups if past else selectors.upcoming_meetups)(request.user)
    page = Paginator(meetups, PAST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "skills/networks/meetup_list.html", {"page": page, "past": past})


def _save_meetup(request, *, network: Network, meetup: Meetup | None):
    """Shared by create and edit: validate the meet-up and its agenda, call one service."""
    if meetup is None:
        initial, agenda = None, None
    else:
        initial = MeetupForm.initial_for(meetup, services.meetup_reminder_offsets(meetup))
        agenda = agenda_initial(meetup)
    form = MeetupForm(request.POST or None, initial=initial)
    if request.method == "POST":
        formset = AgendaFormSet(request.POST, prefix="agenda")
    else:
        formset = AgendaFormSet(initial=agenda, prefix="agenda")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        if formset.check_within(data["start_time"], data["end_time"]):
            fields = {
                name: data[name]
                for name in (
                    "title",
                    "starts_at",
                    "ends_at",
                    "location",
                    "online_url",
                    "description",
                    "tips",
                    "capacity",
                )
            }
            fields.update(reminder_offsets=data["reminders"], agenda=formset.entries())
            try:
                if meetup is None:
                    meetup = services.meetup_create(network=network, by=request.user, **fields)
                    messages.success(request, "The meet-up is scheduled.")
                else:
                    meetup = services.meetup_update(meetup=meetup, by=request.user, **fields)
                    messages.success(request, "The meet-up was updated.")
                return redirect(meetup)
            except NetworkError as error:
                form.add_error(None, str(error))
    return render(
        request,
        "skills/networks/meetup_form.html",
        {"form": form, "formset": formset, "network": network, "meetup": meetup},
    )


def meetup_create(request, slug: str):
    network = get_object_or_404(Network, slug=slug)
    _require_organiser(request.user)
    return _save_meetup(request, network=network, meetup=None)


def meetup_edit(request, pk: int):
    meetup = get_object_or_404(Meetup.objects.select_related("network"), pk=pk)
    _require_organiser(request.user)
    if refusal := rules.change_refusal(meetup):
        messages.error(request, refusal)
        return redirect(meetup)
    return _save_meetup(request, network=meetup.network, meetup=meetup)


def meetup_detail(request, pk: int):
    meetup = _meetup_or_404(pk, request.user)
    rsvp = Rsvp.objects.filter(meetup=meetup, user=request.user).first()
    return render(
        request,
        "skills/networks/meetup_detail.html",
        {
            "meetup": meetup,
            "rsvp": rsvp,
            "position": selectors.waiting_position(meetup, rsvp),
            "is_organiser": rules.is_organiser(request.user),
            "can_reply": rules.accepts_replies(meetup),
            "can_change": rules.may_change_meetup(request.user, meetup),
            "can_cancel": rules.may_cancel_meetup(request.user, meetup),
            "can_see_attendees": rules.may_see_attendees(request.user, meetup),
        },
    )


@require_POST
def meetup_rsvp(request, pk: int):
    meetup = get_object_or_404(Meetup, pk=pk)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose “Going” or “Can't go”.")
        return redirect(meetup)
    try:
        rsvp = services.rsvp_set(
            meetup=meetup, user=request.user, going=form.cleaned_data["answer"] == "going"
        )
    except NetworkError as error:
        messages.error(request, str(error))
        return redirect(meetup)
    text = {
        Rsvp.Status.GOING: "You're going. We'll send you a reminder with the agenda.",
        Rsvp.Status.WAITLISTED: "The meet-up is full: you're on the waiting list. We'll email "
        "you if a place comes up.",
        Rsvp.Status.CANT_GO: "Thanks for letting us know you can't go.",
    }[rsvp.status]
    messages.success(request, text)
    return redirect(meetup)


def meetup_cancel(request, pk: int):
    meetup = get_object_or_404(Meetup.objects.select_related("network"), pk=pk)
    _require_organiser(request.user)
    form = CancelMeetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meetup_cancel(
                meetup=meetup, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, "The meet-up is cancelled; everyone going has been told.")
        except NetworkError as error:
            messages.error(request, str(error))
        return redirect(meetup)
    return render(request, "skills/networks/meetup_cancel.html", {"meetup": meetup, "form": form})


def _require_attendees(user, meetup: Meetup) -> None:
    require(rules.may_see_attendees(user, meetup), "Only LOTI staff see who is coming.")


def meetup_attendees(request, pk: int):
    meetup = _meetup_or_404(pk, request.user)
    _require_attendees(request.user, meetup)
    return render(
        request,
        "skills/networks/meetup_attendees.html",
        {"meetup": meetup, "rsvps": selectors.attendees(meetup)},
    )


def meetup_attendees_csv(request, pk: int):
    meetup = get_object_or_404(Meetup, pk=pk)
    _require_attendees(request.user, meetup)
    return csv_response(
        f"attendees-{timezone.localtime(meetup.starts_at):%Y-%m-%d}-{meetup.pk}.csv",
        ["Name", "Email", "Organisation", "Job title", "Reply", "Waiting list place", "Replied"],
        (
            [
                rsvp.user.name,
                rsvp.user.email,
                rsvp.user.organisation.name,
                rsvp.user.job_title,
                rsvp.get_status_display(),
                rsvp.position or "",
                rsvp.responded_at,
            ]
            for rsvp in selectors.attendees(meetup)
        ),
    )


def _ics_response(content: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def meetup_ics(request, pk: int):
    meetup = get_object_or_404(
        Meetup.objects.select_related("network").prefetch_related("agenda_items"), pk=pk
    )
    return _ics_response(meetup_calendar(meetup), meetup_ics_filename(meetup), download=True)


def calendar_settings(request):
    feed = services.calendar_feed_for(request.user)
    url = request.build_absolute_uri(reverse("skills:calendar_feed", args=[feed.token]))
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(
        request,
        "skills/networks/calendar_settings.html",
        {"feed_url": url, "webcal_url": webcal},
    )


@require_POST
def calendar_reset(request):
    services.calendar_feed_reset(user=request.user)
    messages.success(
        request, "Your calendar address was reset. Subscribe again with the new address."
    )
    return redirect("skills:calendar_settings")


@login_not_required
def calendar_feed(request, token: str):
    """Public, for calendar apps that cannot log in: the secret token is the key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if not rules.feed_is_open(feed):
        raise Http404("No such calendar")
    content = build_calendar(selectors.feed_meetups(feed.user), name="LOTI data network meet-ups")
    return _ics_response(content, "loti-meetups.ics", download=False)
