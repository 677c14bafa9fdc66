"""What the backlog offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from projects.backlog import api, emails
from projects.backlog.attention import triage_panel


def register() -> None:
    emails.register()
    registry.register_nav("backlog", "Backlog", "projects:backlog", order=20)
    registry.register_attention("triage", triage_panel, order=20)
    registry.register_api("backlog", api.BacklogEndpoint, basename="backlog", order=20)
