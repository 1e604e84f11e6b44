"""The dashboards' bar charts (vsi_portal/templatetags/charts.py): SVG drawn on the server."""

from __future__ import annotations

from dataclasses import dataclass

from django.template import Context, Template
from django.utils import translation

from vsi_portal.templatetags.charts import LABEL_CHARACTERS, VALUE_ROOM, WIDTH, bars_of


@dataclass
class Row:
    label: str
    value: int


def _render(rows, language="en") -> str:
    template = Template(
        '{% load charts %}{% bar_chart rows chart_id="c" title="Things" table_caption="Things" %}'
    )
    with translation.override(language):
        return template.render(Context({"rows": rows}))


def test_each_bar_is_as_long_as_its_share_of_the_largest_value():
    bars, height = bars_of([Row("a", 10), Row("b", 5), Row("c", 0)])
    assert bars[0].width == WIDTH - VALUE_ROOM
    assert bars[1].width == (WIDTH - VALUE_ROOM) / 2
    assert bars[2].width == 0
    assert height == 3 * 36


def test_a_small_value_beside_a_large_one_stays_visible():
    bars, _height = bars_of([Row("a", 100_000), Row("b", 1)])
    assert bars[1].width == 1


def test_a_long_label_is_cut_to_fit():
    (bar,), _height = bars_of([Row("x" * 200, 1)])
    assert len(bar.label) == LABEL_CHARACTERS and bar.label.endswith("…")


def test_the_chart_is_an_image_named_by_its_title_and_described_as_its_table():
    svg = _render([Row("Sénégal", 12)])
    assert 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Things</title>' in svg
    assert "the same figures are in the table “Things” below" in svg


def test_labels_are_escaped():
    assert "<script>" not in _render([Row("<script>alert(1)</script>", 3)])


def test_numbers_in_the_drawing_are_never_written_the_french_way():
    svg = _render([Row("a", 3), Row("b", 2)], language="fr")
    assert 'width="200.0"' in svg and "200,0" not in svg
