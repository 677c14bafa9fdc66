"""What the ethics review offers the rest of the product, registered when the app is ready."""

from loti_data import registry
from methodology.registry import register_rereview
from projects.ethics import api, emails, rules, search
from projects.ethics.attention import ethics_queue_panel, team_reviews_panel
from projects.ethics.services import ethics_review_note_stage_change


def register() -> None:
    search.register()
    emails.register()
    register_rereview(ethics_review_note_stage_change)
    registry.register_nav(
        "ethics-reviews",
        "Ethics reviews",
        "projects:ethics_queue",
        visible=rules.is_reviewer,
        order=50,
    )
    registry.register_attention("ethics-team", team_reviews_panel, order=12)
    registry.register_attention("ethics-queue", ethics_queue_panel, order=30)
    registry.register_api(
        "ethics-decisions", api.EthicsRegisterEndpoint, basename="ethics-decision", order=30
    )
