"""``vsi_portal.formats`` and its template library: money, days, moments and file sizes the
active language's way, and templates that use nothing else."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from vsi_portal.formats import format_day, format_euros, format_file_size, format_moment

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"


def _render(source: str, **context) -> str:
    return Template("{% load formats %}" + source).render(Context(context))


def test_french_money_puts_the_sign_after_a_no_break_space():
    with translation.override("fr"):
        assert format_euros(480) == f"480{NBSP}€"
        assert format_euros(1200) == f"1{NBSP}200{NBSP}€"


def test_english_money_puts_the_sign_first():
    with translation.override("en"):
        assert format_euros(480) == "€480"
        assert format_euros(1200) == "€1,200"


def test_the_euros_filter_writes_what_format_euros_writes():
    with translation.override("fr"):
        assert _render("{{ amount|euros }}", amount=480) == format_euros(480)


def test_no_amount_writes_nothing():
    assert _render("{{ amount|euros }}", amount=None) == ""


def test_french_writes_the_first_of_the_month_as_an_ordinal():
    with translation.override("fr"):
        assert format_day(date(2027, 6, 1)) == "1er juin 2027"


def test_french_writes_other_days_as_numbers():
    with translation.override("fr"):
        assert format_day(date(2027, 6, 2)) == "2 juin 2027"
        assert format_day(date(2027, 6, 11)) == "11 juin 2027"


def test_english_writes_the_first_of_the_month_as_a_number():
    with translation.override("en"):
        assert format_day(date(2027, 6, 1)) == "June 1, 2027"


def test_a_moment_is_written_in_the_portals_time_zone_with_the_first_as_an_ordinal():
    with translation.override("fr"):
        # 22:30 UTC on 31 May is 00:30 on 1 June in Paris.
        assert format_moment(datetime(2027, 5, 31, 22, 30, tzinfo=UTC)).startswith("1er juin")


def test_the_day_filter_writes_dates_and_the_day_of_moments():
    with translation.override("fr"):
        assert _render("{{ d|day }}", d=date(2027, 6, 1)) == "1er juin 2027"
        moment = datetime(2027, 5, 31, 22, 30, tzinfo=UTC)
        assert _render("{{ m|day }}", m=moment) == "1er juin 2027"


def test_french_file_sizes_say_mo_and_ko():
    with translation.override("fr"):
        assert format_file_size(10 * 1024 * 1024 + 100 * 1024) == f"10,1{NBSP}Mo"
        assert format_file_size(5 * 1024 * 1024) == f"5{NBSP}Mo"
        assert format_file_size(512 * 1024) == f"512{NBSP}Ko"
        assert format_file_size(1) == f"1{NBSP}octet"


def test_english_file_sizes_say_mb_and_kb():
    with translation.override("en"):
        assert format_file_size(10 * 1024 * 1024 + 100 * 1024) == "10.1 MB"
        assert format_file_size(5 * 1024 * 1024) == "5 MB"
        assert format_file_size(512 * 1024) == "512 KB"
        assert format_file_size(700) == "700 bytes"


def test_the_file_size_filter_writes_what_format_file_size_writes():
    with translation.override("fr"):
        assert _render("{{ s|file_size }}", s=5 * 1024 * 1024) == f"5{NBSP}Mo"


# Django's own ways, which write "1 juin" and "Mio" in French, or an amount without the
# language's sign: the templates use the filters above instead.
STRAY_FORMATS = re.compile(
    r'\|date:"(?:DATE_FORMAT|DATETIME_FORMAT)"|\|filesizeformat|\|floatformat|\|intcomma'
    r"|€\{\{|\}\}\s?€"
)
TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted(
    (ROOT / "templates").rglob("*.txt")
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_template_formats_through_the_portals_filters(template):
    assert not STRAY_FORMATS.findall(template.read_text(encoding="utf-8"))


def test_numbers_are_grouped_the_languages_way():
    with translation.override("fr"):
        assert _render("{{ n|number }}", n=1461) == f"1{NBSP}461"
    with translation.override("en"):
        assert _render("{{ n|number }}", n=1461) == "1,461"
