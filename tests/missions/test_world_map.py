"""The search map's drawing (missions/world_map.py): shapes, shading classes, order."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from django.utils import translation
from django_countries import countries
from hypothesis import given
from hypothesis import strategies as st

from missions.regions import REGION_COUNTRIES
from missions.world_map import (
    NO_MISSION,
    PALETTE,
    class_bounds,
    class_of,
    legend,
    map_countries,
    world_map,
)

PATH = re.compile(r"^(M-?\d+ -?\d+l[-\d ]+z)+$")


def test_every_shape_is_a_closed_path_in_whole_map_units():
    shapes = world_map().shapes
    assert len(shapes) > 230
    for code, shape in shapes.items():
        assert shape.d == "" or PATH.match(shape.d), code
        assert shape.d or shape.dot, code


def test_the_view_box_holds_four_numbers_wider_than_high():
    _left, _top, width, height = (float(n) for n in world_map().view_box.split())
    assert 1.5 < width / height < 2.5


@pytest.mark.parametrize("code", ["SN", "MG", "KH", "PE", "FR", "RE", "GF", "PF", "NC", "FJ"])
def test_destinations_of_the_demo_and_the_overseas_departments_have_a_shape(code):
    assert code in world_map().shapes


def test_nearly_every_destination_of_a_continent_has_a_shape():
    """Only small islands may be missing (they are then in the table only)."""
    known = set(world_map().shapes)
    destinations = set().union(*REGION_COUNTRIES.values())
    missing = destinations - known
    assert len(missing) <= 15, sorted(missing)
    assert not missing & {"SN", "ML", "BF", "MG", "IN", "BR", "HT", "VN", "KM", "MU", "TG"}


def test_every_shape_code_is_a_country_the_portal_knows_but_kosovo():
    assert set(world_map().shapes) - {code for code, _name in countries} == {"XK"}


def test_up_to_five_missions_each_count_is_a_class():
    assert class_bounds(0) == [1]
    assert class_bounds(3) == [1, 2, 3]
    assert class_bounds(5) == [1, 2, 3, 4, 5]


def test_above_five_the_classes_grow_by_equal_ratios():
    assert class_bounds(1500) == [5, 19, 81, 348, 1500]
    assert class_bounds(6) == [2, 3, 3 + 1, 5, 6]


@given(st.integers(min_value=1, max_value=100_000))
def test_the_bounds_rise_and_end_at_the_highest_count(highest):
    bounds = class_bounds(highest)
    assert len(bounds) <= len(PALETTE)
    assert bounds == sorted(set(bounds))
    assert bounds[-1] == highest
    assert class_of(highest, bounds) == len(bounds) - 1
    assert class_of(1, bounds) == 0


def test_the_legend_covers_every_count_once():
    steps = legend(class_bounds(100))
    assert steps[0].low == 1 and steps[-1].high == 100
    assert all(b.low == a.high + 1 for a, b in pairwise(steps))


def test_countries_are_listed_by_count_then_name_and_drawn_grey_without_missions():
    with translation.override("fr"):
        drawn, listed = map_countries(
            {"SN": 3, "EC": 1, "BJ": 1, "KH": 2}, url_for=lambda code: f"/?country={code}"
        )
    assert [country.name for country in listed] == ["Sénégal", "Cambodge", "Bénin", "Équateur"]
    by_code = {country.code: country for country in drawn}
    assert by_code["SN"].colour == PALETTE[2] and by_code["SN"].url == "/?country=SN"
    assert by_code["PE"].colour == NO_MISSION and by_code["PE"].url == ""


def test_a_country_with_missions_but_no_shape_is_listed_not_drawn():
    drawn, listed = map_countries({"TK": 1}, url_for=str)  # Tokelau: too small at 1:50m
    assert [country.code for country in listed] == ["TK"]
    assert "TK" not in {country.code for country in drawn}
