"""Reads for the shared backlog: pages of projects, the dashboard's figures, lessons, history.

A backlog page costs two queries whatever its size or depth: one COUNT over the filtered
projects table (no joins), and one for the page's rows as plain values, each with its themes,
partners and interested organisations aggregated as lists of ids (the names come from the
filter's choice lists, already loaded). The page's 25 ids are picked by a narrow subquery on
the sort index; pages past the middle read from the far end, so the last page costs what the
first does.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Aggregate, CharField, Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation, User
from methodology.stages import STAGE_ORDER
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
    rows: list[dict] = field(default_factory=list)

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


class IdList(Aggregate):
    """A group's ids as one comma-separated string: GROUP_CONCAT, or STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra,
        )


def _ids_per_project(queryset: QuerySet, field_name: str, link: str = "project_id") -> Subquery:
    """The ids in ``field_name`` of the rows of ``queryset`` whose ``link`` is each project."""
    grouped = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(ids=IdList(field_name))
        .values("ids")
    )
    return Subquery(grouped, output_field=CharField())


ROW_FIELDS = (
    "id",
    "title",
    "rank",
    "stage",
    "status",
    "priority",
    "interest_count",
    "updated_at",
    "lead_organisation_id",
    "loti_owner__name",
    "replicated_from_id",
    "replicated_from__title",
    "replicated_from__lead_organisation_id",
)


@lru_cache(maxsize=1)
def _row_lists() -> dict[str, Subquery]:
    """The row's lists of ids, built once per process: building them costs more than running
    them (``annotate`` resolves a copy for each query, so sharing them is safe)."""
    return {
        "theme_ids": _ids_per_project(Project.themes.through.objects.all(), "theme_id"),
        "partner_ids": _ids_per_project(ProjectPartner.objects.all(), "organisation_id"),
        "interest_ids": _ids_per_project(
            Interest.objects.filter(status=Interest.Status.INTERESTED), "organisation_id"
        ),
        "replica_organisation_ids": _ids_per_project(
            Project.objects.all(), "lead_organisation_id", link="replicated_from_id"
        ),
    }


def backlog_rows(projects: QuerySet[Project]) -> QuerySet:
    """What a backlog row shows, as values: one query, whatever the number of rows."""
    return projects.values(*ROW_FIELDS).annotate(**_row_lists())


def id_list(joined: str | None) -> list[int]:
    return [int(pk) for pk in joined.split(",")] if joined else []


def backlog_page(
    *, queryset: QuerySet[Project], page: str | int | None, count: int | None = None
) -> BacklogPage:
    """One page of the (already filtered and ordered) backlog, as value rows.

    Deep pages stay fast: the OFFSET walks only the narrow ids subquery, from whichever end of
    the order is nearer, and the rows and their lists are read for the page's ids only.
    ``count``, when the caller knows it (``projects.backlog.counts``), saves the COUNT.
    """
    if count is None:
        count = queryset.order_by().count()
    num_pages = max(1, math.ceil(count / PAGE_SIZE))
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        number = 1
    number = max(1, min(number, num_pages))
    start = (number - 1) * PAGE_SIZE
    end = min(start + PAGE_SIZE, count)
    if start >= count:
        return BacklogPage(number=number, num_pages=num_pages, count=count)
    if start > count - end:
        # Nearer the end: the same rows, counted from the other end of the reversed order.
        window = queryset.reverse()[count - end : count - start]
    else:
        window = queryset[start:end]
    on_page = Project.objects.filter(pk__in=window.values("pk")).order_by(*queryset.query.order_by)
    return BacklogPage(
        number=number, num_pages=num_pages, count=count, rows=list(backlog_rows(on_page))
    )


def with_backlog_relations(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Everything an exported project shows, in a fixed number of queries per chunk."""
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


def project_interests(project: Project, organisation_id: int | None = None) -> list[Interest]:
    """The project's open interests, and (in the same query) the interests of
    ``organisation_id`` that were declined, oldest first."""
    declined = Q(status=Interest.Status.DECLINED, organisation_id=organisation_id)
    return list(
        Interest.objects.filter(Q(status=Interest.Status.INTERESTED) | declined, project=project)
        .select_related("organisation", "registered_by")
        .order_by("registered_at", "pk")
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


def evaluation_of(project_id: int | None) -> Evaluation | None:
    """A project's evaluation (what it achieved and learned), if LOTI staff recorded one."""
    if project_id is None:
        return None
    return Evaluation.objects.filter(project_id=project_id).first()


def open_interests(projects) -> QuerySet[Interest]:
    """The interest registered in these projects and not yet decided, oldest first."""
    return (
        Interest.objects.filter(project__in=projects, status=Interest.Status.INTERESTED)
        .select_related("organisation", "project")
        .order_by("registered_at", "pk")
    )
