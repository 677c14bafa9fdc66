from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from methodology.stages import STAGE_ORDER, Stage
from projects.backlog.panel import panel_context

register = template.Library()


@lru_cache(maxsize=len(STAGE_ORDER))
def render_mini_stepper(stage: str) -> SafeString:
    """A compact six-step stepper: stages before the current one done, the current one open.

    Only six can exist, so each is rendered once per process (a backlog page shows 25).
    """
    current = STAGE_ORDER.index(Stage(stage))
    steps = [
        {
            "label": s.label,
            "state": "done" if i < current else "current" if i == current else "todo",
        }
        for i, s in enumerate(STAGE_ORDER)
    ]
    context = {
        "steps": steps,
        "current": STAGE_ORDER[current].label,
        "number": current + 1,
        "total": len(STAGE_ORDER),
    }
    return mark_safe(render_to_string("projects/backlog/_mini_stepper.html", context).strip())


@register.simple_tag
def mini_stepper(stage: str) -> SafeString:
    return render_mini_stepper(stage)


@register.inclusion_tag("projects/backlog/_panel_body.html", takes_context=True)
def backlog_panel(context, project, user, partners=None) -> dict:
    request = context.get("request")
    panel = panel_context(project, user, partners=partners)
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
