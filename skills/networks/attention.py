"""The home page's "Upcoming meet-ups" panel."""

from django.template.defaultfilters import date as format_date
from django.urls import reverse

from loti_data.attention import Item, Panel
from skills.networks.selectors import my_next_meetups
from skills.networks.times import clock

REPLIES = {
    "going": "you're going",
    "waitlisted": "you're on the waiting list",
    "cant_go": "you can't go",
    None: "you haven't replied yet",
}


def networks_panel(user) -> Panel:
    """The next meet-ups of the person's networks; those they have not replied to link to the
    reply form."""
    meetups = my_next_meetups(user)
    unanswered = sum(1 for meetup in meetups if meetup.my_status is None)
    items = [
        Item(
            label=meetup.title,
            url=meetup.get_absolute_url() + ("#reply-heading" if meetup.my_status is None else ""),
            detail=", ".join(
                part
                for part in (
                    f"{format_date(meetup.starts_at, 'D j M')}, {clock(meetup.starts_at)}",
                    meetup.network.name,
                    REPLIES.get(meetup.my_status, ""),
                )
                if part
            ),
        )
        for meetup in my_next_meetups(user)
    ]
    return Panel(
        title=f"Upcoming meet-ups ({unanswered} to reply to)"
        if unanswered
        else "Upcoming meet-ups",
        empty_text="No meet-ups are scheduled for your networks.",
        link_label="See the data networks",
        link_url=reverse("skills:networks"),
        items=items,
    )
