"""``{% bar_chart rows chart_id=... title=... table_caption=... %}``: a horizontal bar
chart drawn on the server as SVG, for figures also given as a table beneath it.

Each row (anything with ``label`` and ``value``) is a line: its label above a bar as long
as its share of the largest value, the value at the bar's end. The drawing is 360 units
wide and scales to its container (a phone's width at about its own size); the labels are
cut to fit. The SVG is an image (``role="img"``) named by its ``<title>`` and described as
the chart of the table that follows, which is what screen readers and a page without
styles read; each bar also has a ``<title>`` (the browser's tooltip).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

WIDTH = 360
ROW_HEIGHT = 36
LABEL_BASELINE = 14  # from the top of a row
BAR_TOP = 19
BAR_HEIGHT = 12
VALUE_ROOM = 60  # kept right of the longest bar for its value
LABEL_CHARACTERS = 56


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    label_y: int
    y: int
    width: float
    value_x: float
    value_y: int


def short(label: str, characters: int = LABEL_CHARACTERS) -> str:
    label = str(label)
    return label if len(label) <= characters else label[: characters - 1].rstrip() + "…"


def bars_of(rows) -> tuple[list[Bar], int]:
    """The bars of the rows and the drawing's height."""
    rows = list(rows)
    largest = max((row.value for row in rows), default=0) or 1
    longest = WIDTH - VALUE_ROOM
    bars = []
    for i, row in enumerate(rows):
        top = i * ROW_HEIGHT
        width = round(longest * row.value / largest, 1) if row.value else 0
        if row.value and width < 1:
            width = 1  # a value above nothing stays visible
        bars.append(
            Bar(
                label=short(row.label),
                value_text=number_format(row.value, decimal_pos=0, force_grouping=True),
                label_y=top + LABEL_BASELINE,
                y=top + BAR_TOP,
                width=width,
                value_x=width + 4,
                value_y=top + BAR_TOP + BAR_HEIGHT - 2,
            )
        )
    return bars, max(len(rows), 1) * ROW_HEIGHT


def bars_svg(bars: list[Bar]) -> SafeString:
    """The bars as SVG, written here rather than in the template: a chart has dozens of
    bars, each a handful of numbers (always written the English way, whatever the
    language) and a tooltip; every value is escaped."""
    return format_html_join("", "{}", ((_bar_svg(bar),) for bar in bars))


def _bar_svg(bar: Bar) -> SafeString:
    rect = (
        format_html(
            '<rect class="bar" x="0" y="{}" width="{}" height="{}" rx="2"/>\n',
            str(bar.y),
            str(bar.width),
            str(BAR_HEIGHT),
        )
        if bar.width
        else ""
    )
    return format_html(
        '<g><title>{}</title>\n<text class="bar-label" x="0" y="{}">{}</text>\n{}'
        '<text class="bar-value" x="{}" y="{}">{}</text></g>\n',
        _("%(label)s: %(value)s") % {"label": bar.label, "value": bar.value_text},
        str(bar.label_y),
        bar.label,
        rect,
        str(bar.value_x),
        str(bar.value_y),
        bar.value_text,
    )


@register.inclusion_tag("partials/bar_chart.html")
def bar_chart(rows, *, chart_id: str, title: str, table_caption: str) -> dict:
    bars, height = bars_of(rows)
    return {
        "bars_svg": bars_svg(bars),
        "height": height,
        "width": WIDTH,
        "chart_id": chart_id,
        "title": title,
        "table_caption": table_caption,
    }
