"""What the sharing routes offer the rest of the product, registered when the app is ready."""

from loti_data import registry
from projects.governance import api, emails, rules, services
from projects.governance.attention import sharing_panel


def register() -> None:
    emails.register()
    registry.register_nav(
        "data-sharing",
        "Data sharing",
        "projects:sharing_register",
        visible=rules.may_see_register,
        order=55,
    )
    registry.register_attention("data-sharing", sharing_panel, order=16)
    registry.register_sweeper("governance.review_reminders", services.reminders_sweep)
    registry.register_api(
        "data-sharing", api.SharingRegisterEndpoint, basename="data-sharing", order=35
    )
