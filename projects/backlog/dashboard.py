"""The dashboard's charts and table, kept until the backlog changes (at most a minute).

The figures are GROUP BY counts in the database; drawing three charts and a row per
organisation through the template engine costs more than counting. So the rendered body is
kept in the cache under the backlog's version (``projects.backlog.counts``), which every change
to projects, partners, interest or themes moves on, and for ``DASHBOARD_SECONDS`` at most (a
new organisation, or another process's change without a shared cache). The page says when the
figures were counted.
"""

from datetime import datetime

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from projects.backlog.charts import bar_chart, stacked_widths
from projects.backlog.counts import backlog_version
from projects.backlog.selectors import dashboard_figures

DASHBOARD_SECONDS = 60


def _render() -> str:
    figures = dashboard_figures()
    charts = [
        bar_chart("chart-stage", "Projects by stage", "Stage", figures["by_stage"]),
        bar_chart("chart-status", "Projects by status", "Status", figures["by_status"]),
        bar_chart("chart-theme", "Projects by theme", "Theme", figures["by_theme"]),
    ]
    stacked_widths(figures["organisations"])
    return render_to_string(
        "projects/backlog/_dashboard_body.html",
        {"figures": figures, "charts": charts, "organisations": figures["organisations"]},
    )


def dashboard_body() -> tuple[SafeString, datetime]:
    """The dashboard's body and when its figures were counted."""
    key = f"backlog-dashboard:{backlog_version()}"
    kept = cache.get(key)
    if kept is None:
        kept = (_render(), timezone.now())
        cache.set(key, kept, DASHBOARD_SECONDS)
    html, as_of = kept
    return mark_safe(html), as_of  # the template's own output, escaped when it was rendered
