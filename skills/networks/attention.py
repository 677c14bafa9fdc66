"""The home page's "Upcoming meet-ups" panel."""

from django.template.defaultfilters import date as format_date
from django.urls import reverse

from loti_data.attention import Item, Panel
from skills.networks.selectors import my_next_meetups
from skills.networks.times import clock

REPLIES = {"going": "you're going", "waitlisted": "you're on the waiting list"}


def networks_panel(user) -> Panel:
    items = [
        Item(
            label=meetup.title,
            url=meetup.get_absolute_url(),
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
        title="Upcoming meet-ups",
        empty_text="No meet-ups are scheduled for your networks.",
        link_label="See the data networks",
        link_url=reverse("skills:networks"),
        items=items,
    )
