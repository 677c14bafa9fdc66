"""Template tags of the backlog: the mini-stepper, the project page's backlog panel, and
pagination links that keep the filters."""

from django import template
from django.utils.safestring import SafeString

from projects.backlog.mini_stepper import render_mini_stepper
from projects.backlog.panel import panel_context

register = template.Library()


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
