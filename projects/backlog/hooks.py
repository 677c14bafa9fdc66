"""What the backlog offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from projects.backlog import emails
from projects.backlog.attention import interest_panel, triage_panel


def register() -> None:
    emails.register()
    registry.register_nav("backlog", "Backlog", "projects:backlog", order=20)
    registry.register_attention("interest", interest_panel, order=14)
    registry.register_attention("triage", triage_panel, order=20)
