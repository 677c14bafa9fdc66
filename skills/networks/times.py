"""London wall-clock times of meet-ups, including the hour that happens twice.

When the clocks go back (the last Sunday of October) 01:00 to 01:59 happens twice: first in BST
(UTC+1), then an hour later in GMT (UTC+0). Such a time means nothing until the organiser says
which; pages and emails then name the zone ("01:30 GMT"). When the clocks go forward (the last
Sunday of March) 01:00 to 01:59 does not happen at all, and is refused.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

LONDON = ZoneInfo("Europe/London")


class AmbiguousTime(ValidationError):
    """The time happens twice that day; ``choices`` are its two readings, earliest first, as
    (zone abbreviation, label)."""

    def __init__(self, day: date, at: time):
        first, second = _both(day, at)
        self.choices = [
            (first.tzname(), f"{at:%H:%M} {first.tzname()}, the first time (UTC{_offset(first)})"),
            (
                second.tzname(),
                f"{at:%H:%M} {second.tzname()}, an hour later (UTC{_offset(second)})",
            ),
        ]
        super().__init__(
            "%(time)s happens twice in London on that day, as the clocks go back: choose "
            "%(time)s %(first)s or %(time)s %(second)s.",
            code="ambiguous",
            params={"time": f"{at:%H:%M}", "first": first.tzname(), "second": second.tzname()},
        )


def _both(day: date, at: time) -> tuple[datetime, datetime]:
    first = datetime.combine(day, at).replace(tzinfo=LONDON, fold=0)
    return first, first.replace(fold=1)


def _offset(value: datetime) -> str:
    hours = value.utcoffset().total_seconds() / 3600
    return f"{hours:+.0f}" if hours else "+0"


def happens_twice(day: date, at: time) -> bool:
    first, second = _both(day, at)
    return first.utcoffset() != second.utcoffset() and _exists(first)


def _exists(value: datetime) -> bool:
    wall = value.replace(tzinfo=None)
    return value.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) == wall


def london_datetime(day: date, at: time, zone: str | None = None) -> datetime:
    """The instant (in UTC) of a London wall-clock time. Refuses times the clocks skip; a time
    that happens twice needs ``zone`` ("BST" or "GMT"), else AmbiguousTime."""
    first, second = _both(day, at)
    if not _exists(first):
        raise ValidationError(
            "%(time)s does not exist in London on that day: the clocks go forward.",
            code="skipped",
            params={"time": at.strftime("%H:%M")},
        )
    # In UTC: Python compares two London times of the repeated hour by their clock faces.
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC)
    for reading in (first, second):
        if zone == reading.tzname():
            return reading.astimezone(UTC)
    raise AmbiguousTime(day, at)


def is_ambiguous(moment: datetime) -> bool:
    """True if the London wall-clock time of ``moment`` happens twice that day."""
    local = moment.astimezone(LONDON)
    return happens_twice(local.date(), local.time().replace(tzinfo=None))


def zone_of(moment: datetime) -> str:
    return moment.astimezone(LONDON).tzname()


def clock(moment: datetime) -> str:
    """ "09:30", or "01:30 GMT" when 01:30 happens twice that day."""
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} {local.tzname()}" if is_ambiguous(moment) else f"{local:%H:%M}"
