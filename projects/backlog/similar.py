"""Similar projects across London: what a borough should see before it starts a project that
another borough is already doing, and beside every project.

Likeness is read from the stored search documents (``loti_data.search``): any significant word
of the title or summary matched against every project's title, summary, themes and canvas
entries (ranked as search ranks them, title first), plus projects sharing a theme. Each result
says why in one line. On SQLite the words are matched with a contains match on the title and
summary instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, Prefetch, Q

from loti_data.search.indexing import CONFIG, uses_postgres
from loti_data.search.models import SearchDocument
from projects.canvas.models import Project, ProjectPartner, Theme

LIMIT = 5
CANDIDATES = 20
# Words too common in this product to make two projects alike.
COMMON = {
    "data", "project", "projects", "using", "with", "from", "into", "that", "this", "their",
    "they", "there", "what", "which", "where", "about", "across", "london", "borough",
    "boroughs", "council", "services", "service", "people", "residents", "need", "needs",
}  # fmt: skip
WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def significant_words(*texts: str, limit: int = 16) -> list[str]:
    found: list[str] = []
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            if word not in COMMON and word not in found:
                found.append(word)
    return found[:limit]


@dataclass
class Similar:
    project: Project
    reason: str
    partners: list[str]


def _shared(words: Iterable[str], text: str) -> list[str]:
    lowered = (text or "").lower()
    return [word for word in words if re.search(rf"\b{re.escape(word[:5])}", lowered)]


def _reason(project: Project, words: list[str], theme_ids: set[int]) -> str:
    in_title = _shared(words, project.title)
    if in_title:
        quoted = ", ".join(f"“{word}”" for word in in_title[:3])
        return f"Its title shares {quoted}"
    themes = [theme.name for theme in project.themes.all() if theme.pk in theme_ids]
    in_summary = _shared(words, project.summary)
    if len(in_summary) >= 2:
        return f"Its summary shares {len(in_summary)} of your words"
    if themes:
        return f"Same theme: {', '.join(themes)}"
    if in_summary:
        return f"Its summary mentions “{in_summary[0]}”"
    return "Its canvas entries use your words"


def _by_words(words: list[str], exclude: int | None) -> dict[int, float]:
    if not words:
        return {}
    documents = SearchDocument.objects.filter(kind="project")
    if exclude:
        documents = documents.exclude(object_id=exclude)
    if uses_postgres():
        query = SearchQuery(words[0], config=CONFIG)
        for word in words[1:]:
            query |= SearchQuery(word, config=CONFIG)
        rows = (
            documents.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "-object_id")
            .values_list("object_id", "rank")[:CANDIDATES]
        )
        return {object_id: float(rank) for object_id, rank in rows}
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word) | Q(summary__icontains=word)
    rows = documents.filter(condition).values_list("object_id", "title", "summary")[:200]
    scores = {}
    for object_id, title, summary in rows:
        title, summary = title.lower(), summary.lower()
        scores[object_id] = sum(0.2 * (word in title) + 0.05 * (word in summary) for word in words)
    return scores


def _by_themes(theme_ids: set[int], exclude: int | None) -> dict[int, float]:
    if not theme_ids:
        return {}
    projects = Project.objects.filter(themes__in=theme_ids)
    if exclude:
        projects = projects.exclude(pk=exclude)
    rows = (
        projects.values("pk")
        .annotate(shared=Count("themes"))
        .order_by("-shared", "-pk")
        .values_list("pk", "shared")[:CANDIDATES]
    )
    return {pk: 0.05 * shared for pk, shared in rows}


def similar_projects(
    *,
    title: str,
    summary: str = "",
    themes: Iterable[Theme | int] = (),
    exclude: int | None = None,
    limit: int = LIMIT,
) -> list[Similar]:
    """The most similar existing projects, best first, each with a one-line reason (at most
    four queries, whatever the number of projects)."""
    theme_ids = {theme if isinstance(theme, int) else theme.pk for theme in themes}
    words = significant_words(title, summary)
    scores = _by_words(words, exclude)
    for pk, score in _by_themes(theme_ids, exclude).items():
        scores[pk] = scores.get(pk, 0.0) + score
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
    if not best:
        return []
    projects = (
        Project.objects.filter(pk__in=best)
        .select_related("lead_organisation")
        .prefetch_related(
            "themes",
            Prefetch(
                "partnerships", queryset=ProjectPartner.objects.select_related("organisation")
            ),
        )
        .in_bulk()
    )
    return [
        Similar(
            project=projects[pk],
            reason=_reason(projects[pk], words, theme_ids),
            partners=[partner.organisation.name for partner in projects[pk].partnerships.all()],
        )
        for pk in best
        if pk in projects
    ]


def similar_to(project: Project, limit: int = LIMIT) -> list[Similar]:
    return similar_projects(
        title=project.title,
        summary=project.summary,
        themes=[theme.pk for theme in project.themes.all()],
        exclude=project.pk,
        limit=limit,
    )
