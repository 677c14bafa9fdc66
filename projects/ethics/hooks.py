"""What the ethics review offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from projects.ethics.attention import ethics_queue_panel


def register() -> None:
    registry.register_nav(
        "ethics-reviews",
        "Ethics reviews",
        "projects:ethics_queue",
        visible=lambda user: user.is_ethics_reviewer,
        order=50,
    )
    registry.register_attention("ethics-queue", ethics_queue_panel, order=30)
