"""What the ethics review makes searchable: the register of decisions (everyone signed in reads
it, as ``/ethics/register/``), one document per decision with its reasons and conditions."""

from django.urls import reverse

from loti_data import registry
from loti_data.search.documents import Document
from projects.canvas import rules as canvas_rules
from projects.canvas.models import Project
from projects.ethics.models import EthicsReviewEvent

DECIDED = EthicsReviewEvent.Action.DECIDED


def decision_document(event_id: int) -> Document | None:
    event = (
        EthicsReviewEvent.objects.select_related("review__project__lead_organisation")
        .filter(pk=event_id, action=DECIDED)
        .first()
    )
    if event is None:
        return None
    project = event.review.project
    return Document(
        title=f"Ethics decision: {project.title}",
        summary=f"{event.get_to_state_display()}. {event.note}",
        body=event.conditions,
        meta=f"{project.lead_organisation.name} · decided {event.created_at:%d %b %Y}",
        url=reverse("projects:ethics_review", args=[project.pk]),
        organisation_id=project.lead_organisation_id,
    )


def register() -> None:
    registry.register_search(
        "ethics",
        "Ethics register",
        build=decision_document,
        all_ids=lambda: EthicsReviewEvent.objects.filter(action=DECIDED).values_list(
            "pk", flat=True
        ),
        visible=lambda user: canvas_rules.may_read(user, Project()),
        order=30,
    )
    registry.register_search_source(
        EthicsReviewEvent, "ethics", lambda event: event.pk if event.action == DECIDED else None
    )
