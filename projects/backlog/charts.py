"""Server-rendered SVG bar charts (no JavaScript, no inline styles), each with its data table."""

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 170
PLOT_WIDTH = 360
VALUE_WIDTH = 50


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass
class BarChart:
    id: str
    title: str
    label_heading: str
    rows: list[tuple[str, int]]
    bars: list[Bar]
    width: int
    height: int
    label_width: int

    @property
    def total(self) -> int:
        return sum(value for _, value in self.rows)


def bar_chart(chart_id: str, title: str, label_heading: str, rows) -> BarChart:
    rows = [(str(label), int(value)) for label, value in rows]
    top = max((value for _, value in rows), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        width = round(PLOT_WIDTH * value / top)
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 6,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    return BarChart(
        id=chart_id,
        title=title,
        label_heading=label_heading,
        rows=rows,
        bars=bars,
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height=max(1, len(rows)) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
    )


def stacked_widths(organisations, width: int = 200) -> None:
    """Give each organisation row a ``bar`` with the widths of its led/partner/interested parts."""
    top = max((row.total for row in organisations), default=0) or 1
    for row in organisations:
        led = round(width * row.led / top)
        partnered = round(width * row.partnered / top)
        interested = round(width * row.interested / top)
        row.bar = {
            "width": width,
            "led": led,
            "partnered": partnered,
            "partnered_end": led + partnered,
            "interested": interested,
        }
