"""The compact six-step stepper shown in each backlog row and on a project's backlog panel."""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from methodology.stages import STAGE_ORDER, definition, stage_index


@lru_cache(maxsize=len(STAGE_ORDER))
def render_mini_stepper(stage: str) -> SafeString:
    """Stages before the project's stage done, its stage current, the rest to do.

    Only six can exist, so each is rendered once per process (a backlog page shows 25).
    """
    current = stage_index(stage)
    steps = [
        {
            "label": s.label,
            "state": "done" if i < current else "current" if i == current else "todo",
        }
        for i, s in enumerate(STAGE_ORDER)
    ]
    stage_definition = definition(stage)
    context = {
        "steps": steps,
        "current": stage_definition.label,
        "number": stage_definition.number,
        "total": stage_definition.total,
    }
    return mark_safe(render_to_string("projects/backlog/_mini_stepper.html", context).strip())
