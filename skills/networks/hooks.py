"""What the data networks offer the rest of the product, registered when the app is ready."""

from loti_data import registry
from skills.networks import api, emails, search, services
from skills.networks.attention import networks_panel


def register() -> None:
    search.register()
    emails.register()
    registry.register_sweeper("networks.reminders", services.reminders_sweep)
    registry.register_nav("networks", "Networks", "skills:networks", order=40)
    registry.register_attention("networks", networks_panel, order=50)
    registry.register_api("networks", api.NetworkEndpoint, basename="network", order=50)
    registry.register_api("meetups", api.MeetupEndpoint, basename="meetup", order=51)
