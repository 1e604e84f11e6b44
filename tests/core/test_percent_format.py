"""``format_percent``: a whole percentage, the active language's way."""

from __future__ import annotations

from django.utils import translation

from vsi_portal.formats import format_percent


def test_french_puts_a_no_break_space_before_the_sign():
    with translation.override("fr"):
        assert format_percent(87) == "87\u00a0%"


def test_english_writes_the_sign_right_after_the_number():
    with translation.override("en"):
        assert format_percent(87) == "87%"


def test_zero_and_a_hundred_are_written_whole():
    with translation.override("en"):
        assert [format_percent(0), format_percent(100)] == ["0%", "100%"]
