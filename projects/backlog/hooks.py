"""What the backlog offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from projects.backlog import api, counts, emails, filters, search
from projects.backlog.attention import interest_panel, triage_panel


def register() -> None:
    search.register()
    emails.register()
    counts.connect()
    filters.connect_choices()
    registry.register_nav("backlog", "Backlog", "projects:backlog", order=20)
    registry.register_attention("interest", interest_panel, order=14)
    registry.register_attention("triage", triage_panel, order=20)
    registry.register_api("backlog", api.BacklogEndpoint, basename="backlog", order=20)
