"""What the data networks make searchable: each meet-up with its agenda."""

from loti_data import registry
from loti_data.search.documents import Document
from skills.networks.models import AgendaItem, Meetup


def meetup_document(meetup_id: int) -> Document | None:
    meetup = (
        Meetup.objects.select_related("network")
        .prefetch_related("agenda_items")
        .filter(pk=meetup_id)
        .first()
    )
    if meetup is None:
        return None
    agenda = "\n".join(
        " ".join(part for part in (item.title, item.presenter, item.organisation) if part)
        for item in meetup.agenda_items.all()
    )
    status = " · cancelled" if meetup.is_cancelled else ""
    return Document(
        title=meetup.title,
        summary=f"{meetup.description}\n{meetup.network.name}",
        body=f"{agenda}\n{meetup.tips}\n{meetup.location}",
        meta=f"{meetup.network.name} · {meetup.starts_at:%d %b %Y}{status}",
        url=meetup.get_absolute_url(),
    )


def register() -> None:
    registry.register_search(
        "meetup",
        "Meet-up",
        build=meetup_document,
        all_ids=lambda: Meetup.objects.values_list("pk", flat=True),
        visible=lambda user: user.is_authenticated,
        order=40,
    )
    registry.register_search_source(Meetup, "meetup", lambda meetup: meetup.pk)
    registry.register_search_source(AgendaItem, "meetup", lambda item: item.meetup_id)
