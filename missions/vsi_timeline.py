"""The picture of "My VSI": each mission of a volunteer on a time axis, and the 6-year cap
as a gauge under it. Geometry only (numbers for an SVG); the words and the accessible table
are the template's (``templates/volunteers/partials/vsi_timeline.html``), the figures
``missions.selectors.my_vsi``'s.

A mission is drawn as up to three segments: the days served (solid), the days its contract
still holds (light), and the planned days an early end cancelled (dashed outline), so that a
contract planned for 12 months and ended after 7 reads as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 640
PLOT_LEFT = 8
PLOT_RIGHT = WIDTH - 8
LANE_HEIGHT = 48  # the label (a line of text) over the bar
BAR_HEIGHT = 18
AXIS_HEIGHT = 36
GAUGE_HEIGHT = 72


class Segment:
    """The kinds of segment, which are also their CSS classes."""

    DECLARED = "declared"  # a mission served outside the portal
    SERVED = "served"  # days served under a portal contract
    TO_COME = "to-come"  # days a running or planned contract still holds
    CANCELLED = "cancelled"  # planned days an early end cancelled


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    kind: str


@dataclass(frozen=True)
class Lane:
    label: str
    label_y: float
    bar_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Gauge:
    """The 6-year cap as a bar: served, held by contracts to come, left."""

    y: float
    served_width: float
    to_come_x: float
    to_come_width: float


@dataclass(frozen=True)
class TimelinePicture:
    width: int
    height: int
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    today_x: float | None
    gauge: Gauge
    bar_height: int = BAR_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT


@dataclass(frozen=True)
class Span:
    """One mission as the picture needs it: its label and its dated segments."""

    label: str
    segments: tuple[tuple[date, date, str], ...]


def _tick_step(years: int) -> int:
    if years <= 8:
        return 1
    if years <= 16:
        return 2
    return 5


def timeline_picture(
    spans: Sequence[Span],
    *,
    today: date,
    served_days: int,
    to_come_days: int,
    cap: int,
) -> TimelinePicture:
    """The picture of ``spans`` (oldest first, one lane each) from the 1st of January of
    the first year to the end of the last (or of this year), and the cap's gauge."""
    firsts = [start for span in spans for start, _end, _kind in span.segments]
    lasts = [end for span in spans for _start, end, _kind in span.segments]
    axis_start = date(min([*firsts, today]).year, 1, 1)
    axis_end = date(max([*lasts, today]).year + 1, 1, 1)  # exclusive
    total = (axis_end - axis_start).days
    plot = PLOT_RIGHT - PLOT_LEFT

    def x(day: date) -> float:
        return round(PLOT_LEFT + plot * (day - axis_start).days / total, 1)

    lanes = []
    for index, span in enumerate(spans):
        top = index * LANE_HEIGHT
        bars = tuple(
            # A segment covers its last day: it ends where the next day starts; one day
            # is never thinner than a visible line.
            Bar(x(start), max(1.5, round(x(end + timedelta(days=1)) - x(start), 1)), kind)
            for start, end, kind in span.segments
        )
        lanes.append(Lane(span.label, top + 16, top + 22, bars))
    axis_y = len(spans) * LANE_HEIGHT + 4
    years = axis_end.year - axis_start.year
    step = _tick_step(years)
    ticks = tuple(
        Tick(x(date(year, 1, 1)), str(year))
        for year in range(axis_start.year, axis_end.year)
        if (year - axis_start.year) % step == 0
    )
    gauge_y = axis_y + AXIS_HEIGHT + 24

    def share(days: int) -> float:
        return round(plot * min(days, cap) / cap, 1)

    served_width = share(served_days)
    to_come_width = min(share(served_days + to_come_days) - served_width, plot - served_width)
    return TimelinePicture(
        width=WIDTH,
        height=int(gauge_y + GAUGE_HEIGHT - 24),
        lanes=tuple(lanes),
        ticks=ticks,
        axis_y=axis_y,
        today_x=x(today),
        gauge=Gauge(
            y=gauge_y,
            served_width=served_width,
            to_come_x=round(PLOT_LEFT + served_width, 1),
            to_come_width=round(max(0.0, to_come_width), 1),
        ),
    )
