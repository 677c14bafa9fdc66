"""Salary benchmarks: the one disclosure-control rule for what may be published.

Every page, CSV export, API response and message that shows salary figures asks
:func:`benchmark_for` (or :func:`benchmarks`, which calls it per role level and year) and shows
only the fields of :attr:`Benchmark.published`, in that order. A contributor still sees its own
ranges in full, through ``skills.library.rules.is_own_entry``; nobody else's.

The attacker this holds against: a contributing organisation that knows its own submissions, sees
everything published, and watches how the figures change after each new submission or edit
(differencing).

The policy, for one role level and year:

1. **Threshold rule.** At least ``MIN_ORGANISATIONS`` (5) different organisations contributed
   (the long-standing salary-survey safe-harbour practice).
2. **Weight rule.** No single organisation holds more than ``MAX_ORGANISATION_SHARE`` (25%) of the
   weight; the weight of an organisation is its number of submitted ranges (an advertised and an
   actual range count twice).
3. **Dominance rule**, the (n, k) rule of official statistics on the values: the ``DOMINANCE_N``
   (2) largest organisations may not account for more than ``DOMINANCE_K`` (60%) of the total of
   the ranges' midpoints, so no one or two highly paid contributors shape the figures.
4. **No raw minimum or maximum**, ever. The figures are percentiles of the distribution the ranges
   describe (each range spread evenly between its minimum and maximum, all ranges pooled): lower
   quartile, median and upper quartile; the 10th and 90th percentiles only with at least
   ``MIN_ORGANISATIONS_FOR_DECILES`` (10) organisations. Pooling ranges interpolates across every
   range that covers a percentile, so no figure is any one organisation's minimum, maximum or
   midpoint (with plain quartiles of five midpoints, three of the five are published as they are).
5. **Rounding and differencing.** Every figure is rounded to the finest of ``ROUNDING_STEPS``
   (£1,000, £2,500, £5,000, £10,000) at which it is *stable*: leaving out any one contributing
   organisation (all of its ranges) rounds to the same value. A figure stable at no step is not
   published. Why this and not a schedule or a memory of past publications: stability makes every
   published figure a function of the others' data whichever single organisation is left out, with
   nothing to store. So a contributor's own ranges do not move what it sees (it cannot solve for
   the others from them), and when one organisation joins, leaves or edits its ranges, a figure
   published before and after at the same step is the same figure: one newcomer's value never
   shows as a change, at most as a finer or coarser step. The tests in
   ``tests/skills/library/test_salary_disclosure.py`` play each contributor against random data
   and sequences of submissions to check this. What is left: which step a figure gets still
   depends on everyone, so an organisation that edits its own ranges over and over could probe a
   bit at a time. ``skills.library.rules.salary_change_refusal`` slows that to
   ``SALARY_CHANGES_PER_DAY`` (5) changes a day per organisation, role level and year, and every
   edit is kept in the salary range history for library admins to see.
6. **Nothing below the thresholds.** When rules 1 to 3 fail, or no figure is stable, the
   benchmark is withheld: :func:`benchmark_for` returns None, and pages and exports leave it out
   altogether, so it reads exactly like a role level and year nobody has shared a range for.
   When it is published, the number of organisations is shown only as a band ("5 to 9",
   "10 to 19", "20 or more").

Everything is computed in Python, so SQLite and PostgreSQL give the same answers.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise

from django.utils import timezone

MIN_ORGANISATIONS = 5
MAX_ORGANISATION_SHARE = 0.25
DOMINANCE_N = 2
DOMINANCE_K = 0.60
MIN_ORGANISATIONS_FOR_DECILES = 10
ROUNDING_STEPS = (1_000, 2_500, 5_000, 10_000)
COUNT_BANDS = ((20, "20 or more"), (10, "10 to 19"), (MIN_ORGANISATIONS, "5 to 9"))

# The percentiles published, by field name; the deciles need more organisations.
QUARTILES = (("lower_quartile", 0.25), ("median", 0.50), ("upper_quartile", 0.75))
DECILES = (("tenth_percentile", 0.10), ("ninetieth_percentile", 0.90))
PUBLISHED_FIELDS = (
    "organisations",
    "tenth_percentile",
    "lower_quartile",
    "median",
    "upper_quartile",
    "ninetieth_percentile",
)
FIELD_LABELS = {
    "organisations": "organisations counted",
    "tenth_percentile": "10th percentile",
    "lower_quartile": "lower quartile",
    "median": "median",
    "upper_quartile": "upper quartile",
    "ninetieth_percentile": "90th percentile",
}
# Headings of Benchmark.as_row: each figure is followed by the step it is rounded to.
ROW_HEADINGS = [
    heading
    for name in PUBLISHED_FIELDS
    for heading in (
        [FIELD_LABELS[name]]
        if name == "organisations"
        else [FIELD_LABELS[name], f"{FIELD_LABELS[name]} rounded to the nearest"]
    )
]

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

    @property
    def midpoint(self) -> float:
        return (self.minimum + self.maximum) / 2


@dataclass(frozen=True)
class Rounded:
    """A published figure: ``pounds`` rounded to the nearest ``step``."""

    pounds: int
    step: int

    def __str__(self) -> str:
        return f"£{self.pounds:,}"

    def as_plain(self) -> dict[str, int]:
        return {"pounds": self.pounds, "rounded_to": self.step}

    @property
    def precision(self) -> str:
        return f"to the nearest £{self.step:,}"


@dataclass(frozen=True)
class Benchmark:
    """What may be published for one role level and year: exactly the fields of ``published``.

    ``organisations`` is a band such as "5 to 9", never the exact count; each percentile is a
    :class:`Rounded` (pounds and the step they are rounded to), or None when it is not published
    (stable at no step, or a decile with too few organisations). There is no minimum or maximum.
    """

    role_level_id: int
    year: int
    organisations: str
    tenth_percentile: Rounded | None = None
    lower_quartile: Rounded | None = None
    median: Rounded | None = None
    upper_quartile: Rounded | None = None
    ninetieth_percentile: Rounded | None = None

    @property
    def published(self) -> dict[str, str | Rounded | None]:
        """The published fields in ``PUBLISHED_FIELDS`` order: all a page, export or API shows."""
        return {name: getattr(self, name) for name in PUBLISHED_FIELDS}

    def as_plain(self) -> dict[str, str | dict[str, int] | None]:
        """``published`` with each figure as ``{"pounds": …, "rounded_to": …}``, for JSON."""
        return {
            name: value if not isinstance(value, Rounded) else value.as_plain()
            for name, value in self.published.items()
        }

    @property
    def figures(self) -> list[Rounded | None]:
        """The published percentiles, lowest first (None where one is not published)."""
        return [getattr(self, name) for name in PUBLISHED_FIELDS[1:]]

    @property
    def as_row(self) -> list[str | int]:
        """The published fields for a CSV row: each figure then its step; empty when withheld."""
        row: list[str | int] = [self.organisations]
        for figure in self.figures:
            row += ["", ""] if figure is None else [figure.pounds, figure.step]
        return row

    @property
    def has_box(self) -> bool:
        return None not in (self.lower_quartile, self.median, self.upper_quartile)


class Withheld(Enum):
    """Why a benchmark is withheld: for tests and the docs only, never shown to anyone."""

    TOO_FEW_ORGANISATIONS = "threshold rule"
    ONE_ORGANISATION_TOO_HEAVY = "weight rule"
    DOMINATED_BY_A_FEW = "dominance rule"
    NO_STABLE_FIGURE = "differencing rule"


@dataclass
class Assessment:
    benchmark: Benchmark | None
    withheld: Withheld | None = None
    unstable: list[str] = field(default_factory=list)


def benchmark_for(figures: list[Figure]) -> Benchmark | None:
    """The published benchmark of one role level and year, or None when it is withheld.

    The single entry point: every page, export, API response and message asks this and shows
    only ``Benchmark.published``. None says nothing about why (see the module's policy).
    """
    return assess(figures).benchmark


def assess(figures: list[Figure]) -> Assessment:
    """:func:`benchmark_for` with the reason it withheld, for tests and documentation."""
    by_organisation: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_organisation[figure.organisation_id].append(figure)
    if len(by_organisation) < MIN_ORGANISATIONS:
        return Assessment(None, Withheld.TOO_FEW_ORGANISATIONS)
    if max(len(own) for own in by_organisation.values()) > MAX_ORGANISATION_SHARE * len(figures):
        return Assessment(None, Withheld.ONE_ORGANISATION_TOO_HEAVY)
    totals = sorted(
        (sum(f.midpoint for f in own) for own in by_organisation.values()), reverse=True
    )
    if sum(totals[:DOMINANCE_N]) > DOMINANCE_K * sum(totals):
        return Assessment(None, Withheld.DOMINATED_BY_A_FEW)

    wanted = QUARTILES + (DECILES if len(by_organisation) >= MIN_ORGANISATIONS_FOR_DECILES else ())
    levels = [level for _, level in wanted]
    everyone = pooled_percentiles(figures, levels)
    left_out = [
        pooled_percentiles([f for f in figures if f.organisation_id != organisation], levels)
        for organisation in by_organisation
    ]
    values = {
        name: stable_rounding(everyone[index], [others[index] for others in left_out])
        for index, (name, _) in enumerate(wanted)
    }
    unstable = [name for name, value in values.items() if value is None]
    if all(value is None for value in values.values()):
        return Assessment(None, Withheld.NO_STABLE_FIGURE, unstable)
    first = figures[0]
    benchmark = Benchmark(
        role_level_id=first.role_level_id,
        year=first.year,
        organisations=organisations_band(len(by_organisation)),
        **values,
    )
    return Assessment(benchmark, None, unstable)


def organisations_band(count: int) -> str:
    return next(label for floor, label in COUNT_BANDS if count >= floor)


def stable_rounding(value: float, left_out: list[float]) -> Rounded | None:
    """The finest rounding of ``value`` that every leave-one-organisation-out value shares."""
    for step in ROUNDING_STEPS:
        pounds = rounded(value, step)
        if all(rounded(other, step) == pounds for other in left_out):
            return Rounded(pounds, step)
    return None


def rounded(value: float, step: int) -> int:
    """To the nearest step, half a step rounding up (round() would round half to even)."""
    return int((value + step / 2) // step) * step


def pooled_percentiles(figures: list[Figure], levels: list[float]) -> list[float]:
    """Percentiles of all the ranges pooled, each range spread evenly from minimum to maximum.

    The pooled distribution function rises piecewise linearly, so one sweep over the sorted range
    ends finds every percentile exactly. A range whose minimum is its maximum is read as a pound
    wide, so the function has no jumps.
    """
    share = 1 / len(figures)
    slope_changes: dict[float, float] = defaultdict(float)
    for figure in figures:
        low, high = figure.minimum, max(figure.maximum, figure.minimum + 1)
        slope_changes[low] += share / (high - low)
        slope_changes[high] -= share / (high - low)
    points = sorted(slope_changes)
    results: list[float] = []
    wanted = iter(sorted(levels))
    level = next(wanted)
    reached, slope = 0.0, 0.0
    for here, following in pairwise(points):
        slope += slope_changes[here]
        rise = slope * (following - here)
        while level is not None and reached + rise >= level and slope > 0:
            results.append(here + (level - reached) / slope)
            level = next(wanted, None)
        if level is None:
            break
        reached += rise
    while level is not None:  # only floating-point dust can leave a level above the last point
        results.append(points[-1])
        level = next(wanted, None)
    by_level = dict(zip(sorted(levels), results, strict=True))
    return [by_level[level] for level in levels]


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
    for field_name, value in (("minimum", minimum), ("maximum", maximum)):
        if value is not None and not PLAUSIBLE_MINIMUM <= value <= PLAUSIBLE_MAXIMUM:
            problems[field_name] = f"Enter a yearly salary {plausible}, in whole pounds."
    if (
        minimum is not None
        and maximum is not None
        and minimum > maximum
        and "maximum" not in problems
    ):
        problems["maximum"] = "The maximum must be at least the minimum."
    return problems
