"""Salary benchmarks: the rules for what may be shown, in one place.

An aggregate for a role level and year is published only when at least ``MIN_ORGANISATIONS``
different organisations contributed, so no organisation's pay can be singled out. Below the
threshold nothing about the figures is shown, not even how many organisations contributed.

Minimum and maximum are the lowest submitted minimum and the highest submitted maximum; the
quartiles and the median are taken over the midpoints of the submitted ranges. Everything is
computed in Python, so SQLite and PostgreSQL give the same answers.
"""

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

MIN_ORGANISATIONS = 3
# A plausible yearly salary for a local government data post, in pounds.
PLAUSIBLE_MINIMUM = 15_000
PLAUSIBLE_MAXIMUM = 300_000
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class Figure:
    """One submitted range, as the aggregation needs it (no names attached)."""

    role_level_id: int
    year: int
    organisation_id: int
    minimum: int
    maximum: int


@dataclass(frozen=True)
class Benchmark:
    role_level_id: int
    year: int
    organisations: int
    minimum: int
    lower_quartile: int
    median: int
    upper_quartile: int
    maximum: int

    @property
    def as_row(self) -> list[int]:
        return [
            self.organisations,
            self.minimum,
            self.lower_quartile,
            self.median,
            self.upper_quartile,
            self.maximum,
        ]


def benchmark_for(figures: list[Figure]) -> Benchmark | None:
    """The aggregate of one role level and year, or None when too few organisations contributed."""
    organisations = {figure.organisation_id for figure in figures}
    if len(organisations) < MIN_ORGANISATIONS:
        return None
    midpoints = sorted((figure.minimum + figure.maximum) / 2 for figure in figures)
    lower, median, upper = statistics.quantiles(midpoints, n=4, method="inclusive")
    first = figures[0]
    return Benchmark(
        role_level_id=first.role_level_id,
        year=first.year,
        organisations=len(organisations),
        minimum=min(figure.minimum for figure in figures),
        lower_quartile=_whole_pounds(lower),
        median=_whole_pounds(median),
        upper_quartile=_whole_pounds(upper),
        maximum=max(figure.maximum for figure in figures),
    )


def _whole_pounds(value: float) -> int:
    """Half a pound rounds up (Python's round() would round half to even)."""
    return int(value + 0.5)


def group_figures(figures: Iterable[Figure]) -> dict[tuple[int, int], list[Figure]]:
    groups: dict[tuple[int, int], list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[(figure.role_level_id, figure.year)].append(figure)
    return groups


def benchmarks(figures: Iterable[Figure]) -> dict[tuple[int, int], Benchmark | None]:
    """Every (role level, year) that has submissions, mapped to its benchmark or None."""
    return {key: benchmark_for(group) for key, group in group_figures(figures).items()}


def salary_range_problems(*, year: int | None, minimum: int | None, maximum: int | None) -> dict:
    """Field name → message for a salary range that cannot be right; empty when it is fine."""
    problems: dict[str, str] = {}
    this_year = timezone.localdate().year
    if year is not None and year > this_year:
        problems["year"] = f"The year cannot be in the future: use {this_year} or earlier."
    elif year is not None and year < EARLIEST_YEAR:
        problems["year"] = f"The year must be {EARLIEST_YEAR} or later."
    plausible = f"between £{PLAUSIBLE_MINIMUM:,} and £{PLAUSIBLE_MAXIMUM:,} a year"
    for field, value in (("minimum", minimum), ("maximum", maximum)):
        if value is not None and not PLAUSIBLE_MINIMUM <= value <= PLAUSIBLE_MAXIMUM:
            problems[field] = f"Enter a yearly salary {plausible}, in whole pounds."
    if (
        minimum is not None
        and maximum is not None
        and minimum > maximum
        and "maximum" not in problems
    ):
        problems["maximum"] = "The maximum must be at least the minimum."
    return problems
