"""Reads for the shared backlog: pages of projects, the dashboard's figures, lessons, history.

A backlog page costs the same few queries whatever its size or depth: one COUNT over the
filtered projects table (no joins), one query for the page's ids (a narrow scan of the sort
index), one for those rows, and one prefetch each for themes, partners and interests.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation, User
from methodology.stages import STAGE_ORDER
from projects.backlog.mini_stepper import render_mini_stepper
from projects.backlog.rules import needs_triage_q
from projects.models import (
    Evaluation,
    EvaluationRevision,
    Interest,
    Project,
    ProjectPartner,
    Theme,
    TriageChange,
    TriageNote,
)

PAGE_SIZE = 25
Status = Project.Status

SORTS = {
    "rank": ("Rank", ["rank", "id"]),
    "priority": ("Priority (highest first)", ["-priority", "rank", "id"]),
    "interest": ("Most interest", ["-interest_count", "rank", "id"]),
    "updated": ("Recently updated", ["-updated_at", "id"]),
    "created": ("Newest", ["-created_at", "id"]),
}
DEFAULT_SORT = "rank"


def sort_order(sort: str | None) -> list[str]:
    return SORTS.get(sort or DEFAULT_SORT, SORTS[DEFAULT_SORT])[1]


def loti_staff_users() -> QuerySet[User]:
    """Active LOTI staff: the people ``rules.may_be_loti_owner`` allows as a LOTI owner."""
    return User.objects.filter(groups__name=roles.LOTI_STAFF, is_active=True).order_by("name")


@dataclass
class BacklogPage:
    number: int
    num_pages: int
    count: int
    projects: list[Project] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.count else 0

    @property
    def end_index(self) -> int:
        return min(self.number * PAGE_SIZE, self.count)

    def page_range(self) -> list[int | None]:
        """Page numbers to link to, with ``None`` for a gap: 1 … 4 5 6 … 400."""
        wanted = {1, self.num_pages, *range(self.number - 2, self.number + 3)}
        pages = sorted(p for p in wanted if 1 <= p <= self.num_pages)
        out: list[int | None] = []
        for page in pages:
            if out and page - out[-1] > 1:
                out.append(None)
            out.append(page)
        return out


def with_backlog_relations(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Everything a backlog row shows, in a fixed number of queries."""
    return queryset.select_related("lead_organisation", "loti_owner").prefetch_related(
        "themes",
        Prefetch(
            "partnerships",
            queryset=ProjectPartner.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
        ),
        Prefetch(
            "interests",
            queryset=Interest.objects.filter(status=Interest.Status.INTERESTED)
            .select_related("organisation")
            .order_by("organisation__name"),
            to_attr="open_interests",
        ),
    )


def backlog_page(*, queryset: QuerySet[Project], page: str | int | None) -> BacklogPage:
    """One page of the (already filtered and ordered) backlog.

    Deep pages stay fast: the OFFSET walks only the narrow ids query; the full rows and their
    relations are loaded for the 25 ids of the page.
    """
    count = queryset.order_by().count()
    num_pages = max(1, math.ceil(count / PAGE_SIZE))
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        number = 1
    number = max(1, min(number, num_pages))
    offset = (number - 1) * PAGE_SIZE
    ids = list(queryset.values_list("id", flat=True)[offset : offset + PAGE_SIZE])
    rows = {p.pk: p for p in with_backlog_relations(Project.objects.filter(pk__in=ids))}
    projects = [rows[pk] for pk in ids if pk in rows]
    for project in projects:
        _prepare_row(project)
    return BacklogPage(number=number, num_pages=num_pages, count=count, projects=projects)


def _prepare_row(project: Project) -> None:
    """Plain strings for the row, so the template does lookups, not work, 25 times a page."""
    project.url = project.get_absolute_url()
    project.theme_names = [theme.name for theme in project.themes.all()]
    project.partner_names = ", ".join(p.organisation.name for p in project.partnerships.all())
    names = [interest.organisation.name for interest in project.open_interests]
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    project.interest_names = ", ".join(names[:3]) + more
    project.status_label = project.get_status_display()
    project.priority_label = project.get_priority_display()
    project.owner_name = project.loti_owner.name if project.loti_owner else ""
    project.stepper = render_mini_stepper(project.stage)


def backlog_export_rows(queryset: QuerySet[Project], *, include_notes: bool):
    """Every filtered project with its relations, in chunks (constant queries per chunk)."""
    queryset = with_backlog_relations(queryset)
    if include_notes:
        queryset = queryset.prefetch_related(
            Prefetch(
                "triage_notes",
                queryset=TriageNote.objects.select_related("author").order_by("created_at"),
            )
        )
    return queryset.iterator(chunk_size=1000)


# --- The project page's panel ----------------------------------------------------------------


def project_interests(project: Project) -> list[Interest]:
    return list(
        Interest.objects.filter(project=project, status=Interest.Status.INTERESTED)
        .select_related("organisation", "registered_by")
        .order_by("registered_at")
    )


def triage_history(project: Project, limit: int | None = None) -> list[TriageChange]:
    changes = TriageChange.objects.filter(project=project).select_related("changed_by")
    return list(changes[:limit] if limit else changes)


def triage_notes(project: Project) -> list[TriageNote]:
    return list(TriageNote.objects.filter(project=project).select_related("author"))


def evaluation_revisions(evaluation: Evaluation) -> list[EvaluationRevision]:
    """Every version of the evaluation, the current one first."""
    return list(evaluation.revisions.select_related("recorded_by"))


# --- Dashboard -------------------------------------------------------------------------------


@dataclass
class OrganisationFigures:
    organisation: Organisation
    led: int = 0
    partnered: int = 0
    interested: int = 0

    @property
    def total(self) -> int:
        return self.led + self.partnered + self.interested


def dashboard_figures() -> dict:
    """Projects by stage, status and theme; per organisation, led, partnered and interested."""
    # One pass over the projects for stage, status and lead organisation together.
    by_stage: Counter = Counter()
    by_status: Counter = Counter()
    led: Counter = Counter()
    grouped = (
        Project.objects.order_by()
        .values_list("stage", "status", "lead_organisation")
        .annotate(n=Count("id"))
    )
    for stage, status, lead, n in grouped:
        by_stage[stage] += n
        by_status[status] += n
        led[lead] += n
    tagged = dict(
        Project.themes.through.objects.order_by().values_list("theme").annotate(n=Count("id"))
    )
    themes = [(theme.name, tagged.get(theme.pk, 0)) for theme in Theme.objects.all()]
    partnered = dict(
        ProjectPartner.objects.order_by().values_list("organisation").annotate(n=Count("id"))
    )
    interested = dict(
        Interest.objects.filter(status=Interest.Status.INTERESTED)
        .order_by()
        .values_list("organisation")
        .annotate(n=Count("id"))
    )
    organisations = [
        OrganisationFigures(
            organisation=org,
            led=led.get(org.pk, 0),
            partnered=partnered.get(org.pk, 0),
            interested=interested.get(org.pk, 0),
        )
        for org in Organisation.objects.order_by("name")
    ]
    return {
        "total": sum(by_status.values()),
        "by_stage": [(stage.label, by_stage.get(stage.value, 0)) for stage in STAGE_ORDER],
        "by_status": [(label, by_status.get(value, 0)) for value, label in Status.choices],
        "by_theme": themes,
        "organisations": organisations,
    }


# --- Lessons ---------------------------------------------------------------------------------


def lessons_queryset(*, q: str = "", theme: str = "") -> QuerySet[Evaluation]:
    evaluations = (
        Evaluation.objects.select_related("project", "project__lead_organisation")
        .prefetch_related("project__themes")
        .annotate(revision_count=Count("revisions", distinct=True))
    )
    if q:
        evaluations = evaluations.filter(
            Q(lessons_learned__icontains=q)
            | Q(outcomes_achieved__icontains=q)
            | Q(project__title__icontains=q)
        )
    if theme:
        evaluations = evaluations.filter(project__themes__slug=theme)
    return evaluations.order_by("-recorded_at", "-id")


# --- Home page -------------------------------------------------------------------------------


def projects_needing_triage(limit: int = 5) -> tuple[int, list[Project]]:
    waiting = Project.objects.filter(needs_triage_q())
    items = list(waiting.select_related("lead_organisation").order_by("created_at", "id")[:limit])
    return waiting.count(), items


def open_interests(projects) -> QuerySet[Interest]:
    """The interest registered in these projects and not yet decided, oldest first."""
    return (
        Interest.objects.filter(project__in=projects, status=Interest.Status.INTERESTED)
        .select_related("organisation", "project")
        .order_by("registered_at", "pk")
    )
