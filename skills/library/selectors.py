"""Reads for the capability model, jobs library, salary benchmarks and hard-to-fill ranking.

Salary figures leave this module only as aggregates the disclosure rule publishes
(``skills.library.salaries``), or as the asking member's own organisation's rows
(``skills.library.rules.own_entries``).
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from loti_data.accounts.models import User
from skills.library import rules
from skills.library.salaries import Benchmark, Figure, benchmarks
from skills.models import (
    DifficultyReason,
    HardToFillFlag,
    Proficiency,
    Role,
    RoleFamily,
    RoleLevel,
    RoleLevelSkill,
    SalarySubmission,
    Skill,
    SkillLevelDescription,
)

# --- Jobs library and capability model ---------------------------------------------------------


def role_families_with_roles() -> QuerySet[RoleFamily]:
    levels = Prefetch("levels", queryset=RoleLevel.objects.order_by("position", "name"))
    roles = Prefetch("roles", queryset=Role.objects.order_by("name").prefetch_related(levels))
    return (
        RoleFamily.objects.select_related("framework")
        .prefetch_related(roles)
        .order_by("framework__name", "name")
    )


def role_search(query: str = "") -> QuerySet[Role]:
    roles = Role.objects.select_related("family__framework").prefetch_related(
        Prefetch("levels", queryset=RoleLevel.objects.order_by("position", "name"))
    )
    if query:
        roles = roles.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(family__name__icontains=query)
            | Q(levels__name__icontains=query)
        ).distinct()
    return roles.order_by("family__name", "name")


def skill_search(query: str = "", group: str = "") -> QuerySet[Skill]:
    skills = Skill.objects.select_related("framework").annotate(
        role_level_count=Count("needed_by", distinct=True)
    )
    if query:
        skills = skills.filter(Q(name__icontains=query) | Q(description__icontains=query))
    if group:
        skills = skills.filter(group=group)
    return skills.order_by("name", "framework__name")


def role_level_detail(pk: int) -> RoleLevel:
    needs = Prefetch(
        "needs",
        queryset=RoleLevelSkill.objects.select_related("skill").order_by("-level", "skill__name"),
    )
    return (
        RoleLevel.objects.select_related("role__family__framework")
        .prefetch_related(needs)
        .get(pk=pk)
    )


def role_levels_with_needs() -> QuerySet[RoleLevel]:
    """Every role level with the skills it needs, for lists (two queries whatever the size)."""
    needs = Prefetch(
        "needs",
        queryset=RoleLevelSkill.objects.select_related("skill").order_by("-level", "skill__name"),
    )
    return (
        RoleLevel.objects.select_related("role")
        .prefetch_related(needs)
        .order_by("role__name", "position", "name", "pk")
    )


def role_level_choices() -> QuerySet[RoleLevel]:
    return RoleLevel.objects.select_related("role").order_by("role__name", "position", "name")


def role_level_neighbours(level: RoleLevel) -> tuple[RoleLevel | None, RoleLevel | None]:
    """The previous and next level of the same role (one query)."""
    siblings = list(level.role.levels.order_by("position", "name"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == level.pk)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return previous, following


def skill_detail(pk: int) -> Skill:
    return (
        Skill.objects.select_related("framework")
        .prefetch_related(
            Prefetch("level_descriptions", queryset=SkillLevelDescription.objects.order_by("level"))
        )
        .get(pk=pk)
    )


def role_levels_needing(skill: Skill, *, at_least: int | None = None) -> QuerySet[RoleLevelSkill]:
    needs = skill.needed_by.select_related("role_level__role__family")
    if at_least:
        needs = needs.filter(level__gte=at_least)
    return needs.order_by("-level", "role_level__role__name", "role_level__position")


@dataclass
class SkillComparison:
    skill: Skill
    level_a: int | None
    level_b: int | None

    @property
    def change(self) -> int:
        return (self.level_b or 0) - (self.level_a or 0)

    @property
    def label_a(self) -> str:
        return Proficiency(self.level_a).label if self.level_a else "Not needed"

    @property
    def label_b(self) -> str:
        return Proficiency(self.level_b).label if self.level_b else "Not needed"

    @property
    def change_text(self) -> str:
        if self.level_a is None:
            return "New skill"
        if self.level_b is None:
            return "No longer needed"
        if self.change == 0:
            return "Same level"
        steps = abs(self.change)
        word = "grows" if self.change > 0 else "drops"
        return f"{word.capitalize()} {steps} level{'s' if steps > 1 else ''}"


def compare_role_levels(level_a: RoleLevel, level_b: RoleLevel) -> list[SkillComparison]:
    """Every skill either level needs, with both levels, biggest growth first (one query)."""
    needs = RoleLevelSkill.objects.filter(role_level__in=[level_a, level_b]).select_related("skill")
    rows: dict[int, SkillComparison] = {}
    for need in needs:
        row = rows.setdefault(need.skill_id, SkillComparison(need.skill, None, None))
        if need.role_level_id == level_a.pk:
            row.level_a = need.level
        if need.role_level_id == level_b.pk:
            row.level_b = need.level
    return sorted(rows.values(), key=lambda row: (-row.change, row.skill.name))


# --- Salary benchmarks -------------------------------------------------------------------------


def _figures(submissions: QuerySet[SalarySubmission]) -> list[Figure]:
    return [
        Figure(*values)
        for values in submissions.values_list(
            "role_level_id", "year", "organisation_id", "minimum", "maximum"
        )
    ]


@dataclass
class BenchmarkRow:
    role_level: RoleLevel
    year: int
    benchmark: Benchmark


def _published(figures: list[Figure]) -> dict[tuple[int, int], Benchmark]:
    """Only the published benchmarks: a withheld one is not even listed, so a role level and year
    with four organisations looks exactly like one with none."""
    return {key: bench for key, bench in benchmarks(figures).items() if bench is not None}


def role_level_benchmarks(level: RoleLevel) -> list[BenchmarkRow]:
    """A row per year with a published benchmark, newest first, for one role level (one query)."""
    results = _published(_figures(SalarySubmission.objects.filter(role_level=level)))
    rows = [BenchmarkRow(level, year, bench) for (_, year), bench in results.items()]
    return sorted(rows, key=lambda row: -row.year)


def published_benchmarks(year: int | None = None) -> tuple[list[BenchmarkRow], list[int]]:
    """The published benchmarks of a year (or every year), and the years that have any: a year
    with only withheld figures is not offered either (two queries whatever the number of rows)."""
    rows = all_benchmarks()
    years = sorted({row.year for row in rows}, reverse=True)
    return [row for row in rows if not year or row.year == year], years


def all_benchmarks() -> list[BenchmarkRow]:
    """Every published benchmark, newest year first (two queries whatever the number of rows)."""
    results = _published(_figures(SalarySubmission.objects.all()))
    levels = RoleLevel.objects.select_related("role").in_bulk({key[0] for key in results})
    rows = [
        BenchmarkRow(levels[level_id], year_, bench) for (level_id, year_), bench in results.items()
    ]
    return sorted(
        rows, key=lambda row: (-row.year, row.role_level.role.name, row.role_level.position)
    )


def own_salary_submissions(user: User) -> QuerySet[SalarySubmission]:
    return (
        SalarySubmission.objects.filter(rules.own_entries(user))
        .select_related("role_level__role", "submitted_by")
        .order_by("-year", "role_level__role__name", "role_level__position", "source")
    )


# --- Hard-to-fill roles ------------------------------------------------------------------------


def hard_to_fill_ranking() -> QuerySet[RoleLevel]:
    """Role levels flagged by any organisation, most organisations first (one query)."""
    flags = "hard_to_fill_flags"
    return (
        RoleLevel.objects.select_related("role")
        .annotate(
            organisations=Count(f"{flags}__organisation", distinct=True),
            pay=Count(flags, filter=Q(**{f"{flags}__reason": DifficultyReason.PAY})),
            scarcity=Count(
                flags, filter=Q(**{f"{flags}__reason": DifficultyReason.SKILLS_SCARCITY})
            ),
            other=Count(flags, filter=Q(**{f"{flags}__reason": DifficultyReason.OTHER})),
        )
        .filter(organisations__gt=0)
        .order_by("-organisations", "role__name", "position")
    )


def own_hard_to_fill_flags(user: User) -> QuerySet[HardToFillFlag]:
    return HardToFillFlag.objects.filter(rules.own_entries(user)).select_related(
        "role_level__role", "flagged_by"
    )
