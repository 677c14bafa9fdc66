"""Geometry for the server-rendered salary box plots (SVG, no script, no inline styles)."""

import math
from dataclasses import dataclass

from skills.library.salaries import Benchmark

WIDTH = 640
LEFT = 70  # room for the year labels
RIGHT = 20
ROW_HEIGHT = 44
TOP = 10
AXIS_HEIGHT = 34


@dataclass
class BoxRow:
    label: str
    y: float
    mid: float
    top: float
    height: float
    x_lower: float
    x_median: float
    x_upper: float
    # Whiskers to the 10th and 90th percentiles, only when those are published.
    x_low: float | None = None
    x_high: float | None = None

    @property
    def box_width(self) -> float:
        return max(self.x_upper - self.x_lower, 1)

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class BoxPlot:
    width: int
    height: int
    axis_y: float
    rows: list[BoxRow]
    ticks: list[Tick]
    left: int = LEFT

    @property
    def axis_end(self) -> int:
        return self.width - RIGHT

    @property
    def tick_end(self) -> float:
        return self.axis_y + 5

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 20


def _nice_step(span: float) -> int:
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1000
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def box_plot(items: list[tuple[str, Benchmark]]) -> BoxPlot | None:
    """Lay out one horizontal box per (label, benchmark) on a shared pound scale.

    Only published figures are drawn: the box spans the quartiles with the median marked, and
    whiskers reach the 10th and 90th percentiles when those are published. A benchmark without all
    three quartiles has no box and is left to the table.
    """
    items = [(label, bench) for label, bench in items if bench.has_box]
    if not items:
        return None
    drawn = [figure.pounds for _, bench in items for figure in bench.figures if figure]
    low, high = min(drawn), max(drawn)
    step = _nice_step(max(high - low, 1000))
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if end == start:
        end = start + step
    plot_width = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        return round(LEFT + (value - start) / (end - start) * plot_width, 1)

    rows = []
    for index, (label, bench) in enumerate(items):
        top = TOP + index * ROW_HEIGHT + 8
        height = ROW_HEIGHT - 16
        rows.append(
            BoxRow(
                label=label,
                y=TOP + index * ROW_HEIGHT,
                mid=top + height / 2,
                top=top,
                height=height,
                x_lower=x(bench.lower_quartile.pounds),
                x_median=x(bench.median.pounds),
                x_upper=x(bench.upper_quartile.pounds),
                x_low=None if bench.tenth_percentile is None else x(bench.tenth_percentile.pounds),
                x_high=(
                    None
                    if bench.ninetieth_percentile is None
                    else x(bench.ninetieth_percentile.pounds)
                ),
            )
        )
    axis_y = TOP + len(items) * ROW_HEIGHT
    ticks = [
        Tick(x(value), f"£{value / 1000:g}k") for value in range(int(start), int(end) + 1, step)
    ]
    return BoxPlot(
        width=WIDTH, height=int(axis_y + AXIS_HEIGHT), axis_y=axis_y, rows=rows, ticks=ticks
    )
