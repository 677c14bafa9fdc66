from django import template

from methodology.stages import STAGE_ORDER, Stage
from projects.backlog_panel import panel_context

register = template.Library()


@register.inclusion_tag("projects/backlog/_mini_stepper.html")
def mini_stepper(stage: str) -> dict:
    """A compact six-step stepper: stages before the current one done, the current one open."""
    current = STAGE_ORDER.index(Stage(stage))
    steps = [
        {
            "label": s.label,
            "state": "done" if i < current else "current" if i == current else "todo",
        }
        for i, s in enumerate(STAGE_ORDER)
    ]
    return {
        "steps": steps,
        "current": STAGE_ORDER[current].label,
        "number": current + 1,
        "total": len(STAGE_ORDER),
    }


@register.inclusion_tag("projects/backlog/_panel_body.html", takes_context=True)
def backlog_panel(context, project, user) -> dict:
    request = context.get("request")
    panel = panel_context(project, user)
    panel.update(
        csrf_token=context.get("csrf_token"),
        request=request,
        next_url=request.get_full_path() if request else "",
    )
    return panel


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()
