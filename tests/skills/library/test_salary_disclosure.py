"""The salary disclosure rule against a contributor that attacks it.

The attacker is a contributing organisation: it knows its own ranges, sees every published
benchmark, and sees them again after each new submission or edit by anyone (differencing). The
property-based tests play every contributor in turn against random ranges of the others; the
seeded statistical test measures how much closer the attacker gets to another organisation's
midpoint than it would if that organisation's range had never been used, and checks the same
attack does succeed against the old rule (exact quartiles, minimum and maximum over three
organisations), so the attack is a real one.
"""

import random
import statistics
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skills.library.salaries import (
    PUBLISHED_FIELDS,
    Benchmark,
    Figure,
    Rounded,
    Withheld,
    assess,
    benchmark_for,
    pooled_percentiles,
    rounded,
)

TOLERANCE = 500
PERCENTILES = PUBLISHED_FIELDS[1:]


def ranges_figures(ranges: dict[int, list[tuple[int, int]]]) -> list[Figure]:
    return [
        Figure(1, 2025, organisation, low, high)
        for organisation, own in sorted(ranges.items())
        for low, high in own
    ]


def publish(ranges: dict[int, list[tuple[int, int]]]) -> Benchmark | None:
    figures = ranges_figures(ranges)
    return benchmark_for(figures) if figures else None


def figures_of(bench: Benchmark | None) -> dict[str, Rounded]:
    if bench is None:
        return {}
    return {name: getattr(bench, name) for name in PERCENTILES if getattr(bench, name)}


def same_step_differences(before: Benchmark | None, after: Benchmark | None) -> dict:
    """Figures published before and after at the same step whose value changed."""
    old, new = figures_of(before), figures_of(after)
    return {
        name: (old[name], new[name])
        for name in old.keys() & new.keys()
        if old[name].step == new[name].step and old[name] != new[name]
    }


# --- Unit tests of each branch of the rule -----------------------------------------------------


def org_ranges(*ranges: tuple[int, int]) -> list[Figure]:
    return [Figure(1, 2025, index, low, high) for index, (low, high) in enumerate(ranges)]


FIVE_ALIKE = [(40_000, 46_000)] * 5


def test_four_organisations_are_not_enough_and_five_are():
    assert assess(org_ranges(*FIVE_ALIKE[:4])).withheld is Withheld.TOO_FEW_ORGANISATIONS
    assert benchmark_for(org_ranges(*FIVE_ALIKE[:4])) is None
    bench = benchmark_for(org_ranges(*FIVE_ALIKE))
    assert bench.published == {
        "organisations": "5 to 9",
        "tenth_percentile": None,
        "lower_quartile": Rounded(42_000, 1_000),  # 41,500 rounds half up
        "median": Rounded(43_000, 1_000),
        "upper_quartile": Rounded(45_000, 1_000),  # 44,500
        "ninetieth_percentile": None,
    }


def test_the_published_fields_in_plain_form_for_an_api():
    assert benchmark_for(org_ranges(*FIVE_ALIKE)).as_plain() == {
        "organisations": "5 to 9",
        "tenth_percentile": None,
        "lower_quartile": {"pounds": 42_000, "rounded_to": 1_000},
        "median": {"pounds": 43_000, "rounded_to": 1_000},
        "upper_quartile": {"pounds": 45_000, "rounded_to": 1_000},
        "ninetieth_percentile": None,
    }


def test_many_ranges_from_few_organisations_are_still_too_few():
    figures = [Figure(1, 2025, org % 4, 40_000, 46_000) for org in range(12)]
    assert assess(figures).withheld is Withheld.TOO_FEW_ORGANISATIONS


def test_one_organisation_above_a_quarter_of_the_ranges_is_withheld():
    figures = [*org_ranges(*FIVE_ALIKE), Figure(1, 2025, 0, 41_000, 45_000)]  # 2 of 6
    assert assess(figures).withheld is Withheld.ONE_ORGANISATION_TOO_HEAVY
    assert benchmark_for(figures) is None


def test_one_organisation_at_exactly_a_quarter_of_the_ranges_is_allowed():
    figures = [*org_ranges(*[(40_000, 46_000)] * 7), Figure(1, 2025, 0, 41_000, 45_000)]  # 2 of 8
    assert assess(figures).withheld is None


def test_two_organisations_with_most_of_the_pay_dominate():
    figures = org_ranges(
        (20_000, 22_000), (20_000, 22_000), (20_000, 22_000), (200_000, 220_000), (250_000, 290_000)
    )
    assert assess(figures).withheld is Withheld.DOMINATED_BY_A_FEW
    assert benchmark_for(figures) is None


def test_two_organisations_with_sixty_percent_of_the_pay_do_not_dominate_yet():
    # Midpoints 30k, 30k, 40k and two at 75k: the top two have 150k of 250k, exactly 60%.
    figures = org_ranges(
        (29_000, 31_000), (29_000, 31_000), (39_000, 41_000), (74_000, 76_000), (74_000, 76_000)
    )
    assert assess(figures).withheld is not Withheld.DOMINATED_BY_A_FEW


def test_figures_that_hang_on_one_organisation_are_not_published():
    # Five narrow ranges far apart: leaving any one out moves every percentile by over £10,000.
    figures = org_ranges(
        (50_000, 50_500),
        (80_000, 80_500),
        (110_000, 110_500),
        (140_000, 140_500),
        (170_000, 171_000),
    )
    result = assess(figures)
    assert result.withheld is Withheld.NO_STABLE_FIGURE
    assert benchmark_for(figures) is None


def test_a_figure_is_rounded_to_the_finest_step_no_single_organisation_moves():
    figures = org_ranges(
        (36_000, 42_000), (35_500, 41_000), (37_000, 43_500), (38_000, 44_000), (36_500, 42_500)
    )
    bench = benchmark_for(figures)
    assert bench.lower_quartile == Rounded(38_000, 1_000)
    assert bench.median == Rounded(40_000, 2_500)  # 39,4xx: leaving one out crosses £39,500
    assert bench.upper_quartile == Rounded(41_000, 1_000)


def test_deciles_need_ten_organisations():
    nine = benchmark_for(org_ranges(*[(40_000, 50_000)] * 9))
    ten = benchmark_for(org_ranges(*[(40_000, 50_000)] * 10))
    assert nine.tenth_percentile is None and nine.ninetieth_percentile is None
    assert ten.tenth_percentile == Rounded(41_000, 1_000)
    assert ten.ninetieth_percentile == Rounded(49_000, 1_000)
    assert ten.organisations == "10 to 19"
    assert benchmark_for(org_ranges(*[(40_000, 50_000)] * 23)).organisations == "20 or more"


def test_no_minimum_or_maximum_is_ever_part_of_a_benchmark():
    bench = benchmark_for(org_ranges(*[(40_000, 50_000)] * 12))
    assert list(bench.published) == list(PUBLISHED_FIELDS)
    assert not any("min" in name or "max" in name for name in bench.published)
    assert 40_000 not in bench.as_row and 50_000 not in bench.as_row


def test_pooled_percentiles_spread_each_range_evenly():
    assert pooled_percentiles(org_ranges((40_000, 50_000)), [0.1, 0.5, 0.9]) == pytest.approx(
        [41_000, 45_000, 49_000]
    )
    # Two ranges with a gap: half the weight below £30,000, half above £40,000.
    two = org_ranges((20_000, 30_000), (40_000, 60_000))
    assert pooled_percentiles(two, [0.25, 0.5, 0.75]) == pytest.approx([25_000, 30_000, 50_000])
    # A range of one salary counts as a pound wide.
    assert pooled_percentiles(org_ranges((40_000, 40_000)), [0.5]) == pytest.approx([40_000.5])


def test_rounding_is_half_up():
    assert rounded(41_500, 1_000) == 42_000 and rounded(41_499.99, 1_000) == 41_000
    assert rounded(43_750, 2_500) == 45_000 and rounded(43_749, 2_500) == 42_500


# --- Property-based attacks ----------------------------------------------------------------------

salary_range = st.builds(
    lambda middle, width: (middle - width // 2, middle - width // 2 + width),
    st.integers(30_000, 60_000),
    st.integers(0, 12_000),
)


@st.composite
def clustered_worlds(draw, min_orgs=5, max_orgs=14):
    """Organisations' ranges around one typical salary, one or two ranges each."""
    centre = draw(st.integers(30_000, 80_000))
    count = draw(st.integers(min_orgs, max_orgs))
    world = {}
    for organisation in range(count):
        ranges = []
        for _ in range(draw(st.integers(1, 2))):
            middle = centre + draw(st.integers(-8_000, 8_000))
            width = draw(st.integers(0, 12_000))
            ranges.append((middle - width // 2, middle - width // 2 + width))
        world[organisation] = ranges
    return world


ATTACK_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@ATTACK_SETTINGS
@given(world=clustered_worlds(), other_ranges=st.lists(salary_range, min_size=1, max_size=2))
def test_a_contributors_own_ranges_do_not_move_what_it_sees(world, other_ranges):
    """Whatever each contributor submits, every figure it sees at a given step is the same: so
    knowing its own ranges gives it no equation to solve for the others'."""
    seen = publish(world)
    for attacker in world:
        if seen is None:
            break
        pretend = {**world, attacker: other_ranges}
        assert same_step_differences(seen, publish(pretend)) == {}
        assert same_step_differences(seen, publish({**world, attacker: []})) == {}


def submit(world: dict, organisation: int, new_range: tuple[int, int]) -> dict:
    """A new organisation's first range, a second range, or an edit of the second."""
    return {**world, organisation: [*world.get(organisation, [])[:1], new_range]}


@ATTACK_SETTINGS
@given(
    world=clustered_worlds(max_orgs=12),
    arrivals=st.lists(
        st.tuples(st.integers(0, 15), st.integers(-8_000, 8_000), st.integers(0, 12_000)),
        min_size=1,
        max_size=8,
    ),
)
def test_differencing_successive_publications_reveals_no_newcomers_range(world, arrivals):
    """Publication after every submission or edit, each contributor watching: a figure published
    before and after at the same step never changes, so the difference an attacker computes is
    zero whatever the newcomer sent, and it sees the same figures as if the newcomer had sent a
    range £1,500 or £5,000 away."""
    centre = int(statistics.median(low for ranges in world.values() for low, _ in ranges))
    current, before = world, publish(world)
    for organisation, offset, width in arrivals:
        low = centre + offset - width // 2
        after = publish(submit(current, organisation, (low, low + width)))
        assert same_step_differences(before, after) == {}
        for moved in (-5_000, -1_500, 1_500, 5_000):
            what_if = publish(submit(current, organisation, (low + moved, low + moved + width)))
            assert same_step_differences(after, what_if) == {}, "the newcomer's range showed"
        current, before = submit(current, organisation, (low, low + width)), after


@ATTACK_SETTINGS
@given(world=clustered_worlds())
def test_no_published_figure_is_any_organisations_midpoint_or_bound_to_the_pound(world):
    bench = publish(world)
    if bench is None:
        return
    for figure in figures_of(bench).values():
        assert figure.pounds % figure.step == 0 and figure.step in (1_000, 2_500, 5_000, 10_000)
    assert set(bench.published) == set(PUBLISHED_FIELDS)


# --- The attack, measured ------------------------------------------------------------------------


def legacy_publication(figures: list[Figure]) -> dict[float, float] | None:
    """The old rule: three organisations, exact quartiles of the midpoints (and the raw minimum
    and maximum, which give two ranges' ends away without any solving)."""
    if len({figure.organisation_id for figure in figures}) < 3:
        return None
    midpoints = sorted(figure.midpoint for figure in figures)
    quartiles = statistics.quantiles(midpoints, n=4, method="inclusive")
    return dict(zip((0.25, 0.5, 0.75), quartiles, strict=True))


def current_publication(figures: list[Figure]) -> dict[float, float] | None:
    bench = benchmark_for(figures)
    levels = dict(zip(PERCENTILES, (0.1, 0.25, 0.5, 0.75, 0.9), strict=True))
    return None if bench is None else {levels[n]: f.pounds for n, f in figures_of(bench).items()}


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems are tiny)."""
    size = len(vector)
    rows = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda row: abs(rows[row][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        for row in range(size):
            if row != column and rows[column][column]:
                factor = rows[row][column] / rows[column][column]
                rows[row] = [a - factor * b for a, b in zip(rows[row], rows[column], strict=True)]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def reconstruct(published: dict[float, float], own: float, organisations: int) -> list[float]:
    """The attacker's best estimate of the others' midpoints: it reads the published figures as
    quantiles of all midpoints interpolated between neighbours (as the old rule computed them),
    places its own midpoint at every rank in turn, and solves by least squares (a faint pull
    towards the median settles what the figures leave open); the placement that fits best wins."""
    size, centre = organisations, published.get(0.5, statistics.mean(published.values()))
    best: tuple[float, list[float]] | None = None
    for rank in range(size):
        equations: list[tuple[list[float], float, float]] = []
        for level, value in published.items():
            position = (size - 1) * level
            below = min(int(position), size - 2)
            row = [0.0] * size
            row[below] += 1 - (position - below)
            row[below + 1] += position - below
            equations.append((row, value, 1.0))
        mine = [0.0] * size
        mine[rank] = 1.0
        equations.append((mine, own, 10.0))
        for index in range(size):
            pull = [0.0] * size
            pull[index] = 1.0
            equations.append((pull, centre, 0.01))
        normal = [
            [sum(w * w * r[i] * r[j] for r, _, w in equations) for j in range(size)]
            for i in range(size)
        ]
        target = [sum(w * w * r[i] * v for r, v, w in equations) for i in range(size)]
        values = solve(normal, target)
        misfit = sum(
            (w * (sum(c * x for c, x in zip(r, values, strict=True)) - v)) ** 2
            for r, v, w in equations[: len(published) + 1]
        ) + sum(max(0.0, a - b) ** 2 for a, b in pairwise(values))
        if best is None or misfit < best[0]:
            best = (misfit, values[:rank] + values[rank + 1 :])
    return best[1]


def random_range(rng: random.Random, centre: int) -> tuple[int, int]:
    middle = centre + rng.gauss(0, 3_000)
    width = rng.uniform(4_000, 9_000)
    return int(middle - width / 2), int(middle + width / 2)


def reconstruction_rates(publication, organisations: int, worlds: int = 300) -> tuple[float, float]:
    """How often the attacker (organisation 0) gets within £500 of another organisation's
    midpoint, against how often it does when that organisation's range was swapped for a fresh
    one before publishing, so nothing published came from the real range: chance."""
    rng = random.Random(20_250_401 + organisations)
    hits = blind_hits = trials = 0
    for _ in range(worlds):
        centre = rng.randint(35_000, 70_000)
        figures = [
            Figure(1, 2025, organisation, *random_range(rng, centre))
            for organisation in range(organisations)
        ]
        target = figures[rng.randrange(1, organisations)]
        fresh = Figure(1, 2025, target.organisation_id, *random_range(rng, centre))
        swapped = [fresh if figure is target else figure for figure in figures]
        published, blind = publication(figures), publication(swapped)
        if not published or not blind:
            continue
        trials += 1
        own = figures[0].midpoint
        for seen, tally in ((published, "real"), (blind, "blind")):
            guesses = reconstruct(seen, own, organisations)
            hit = any(abs(guess - target.midpoint) <= TOLERANCE for guess in guesses)
            if tally == "real":
                hits += hit
            else:
                blind_hits += hit
    assert trials >= 100, "too few published worlds to measure"
    return hits / trials, blind_hits / trials


@pytest.mark.parametrize("organisations", [3, 4])
def test_the_attack_rebuilds_midpoints_under_the_old_rule(organisations):
    real, chance = reconstruction_rates(legacy_publication, organisations)
    assert real >= 0.95 and real - chance >= 0.7, (real, chance)


@pytest.mark.parametrize("organisations", [5, 8, 10])
def test_the_attack_does_little_better_than_chance_under_the_rule(organisations):
    """The published values carry nothing of any one organisation's range; what is left is the
    step each figure is rounded to, which tells a few percentage points (measured: 4 to 7),
    against 74 to 82 points under the old rule."""
    real, chance = reconstruction_rates(current_publication, organisations)
    assert real - chance <= 0.10, (real, chance)
