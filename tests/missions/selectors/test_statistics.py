"""The public statistics (missions/selectors/statistics.py): aggregates, small counts
suppressed, shown counts rounded so that no suppressed count can be worked out."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import product
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from missions.selectors.statistics import Cell, public_statistics, public_statistics_shown
from tests.factories import ContractFactory, MissionFactory

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0"), (1, "< 5"), (4, "< 5"), (5, "5"), (7, "5"), (8, "10"), (12, "10"), (13, "15")],
)
def test_a_count_under_5_is_suppressed_and_the_others_rounded_to_5(count, shown):
    with translation.override("en"):
        assert str(Cell.of(count)) == shown


def test_a_suppressed_count_reads_in_french_with_a_no_break_space():
    with translation.override("fr"):
        assert str(Cell.of(2)) == "<\u00a05"


def test_a_cell_keeps_no_exact_count():
    assert Cell.of(3) == Cell.of(4) == Cell(None)
    assert Cell.of(11) == Cell.of(10) == Cell(10)


@given(
    hidden=st.integers(1, 4),
    shown_cells=st.lists(st.integers(5, 500), max_size=6),
    other_table=st.lists(st.integers(0, 500), min_size=1, max_size=6),
)
def test_no_combination_of_tables_gives_back_a_suppressed_count(hidden, shown_cells, other_table):
    """One table has a single suppressed cell; another table of the same population has
    none (its cells add up to the same total). At least two values from 1 to 4 stay
    possible for the suppressed cell, whatever the true counts behind the rounded ones."""
    total = hidden + sum(shown_cells)
    # Spread the same total over the other table's cells.
    weights = [w + 1 for w in other_table]
    others = [total * w // sum(weights) for w in weights]
    others[0] += total - sum(others)
    rounded_shown = [Cell.of(n).rounded for n in shown_cells]
    rounded_others = [Cell.of(n) for n in others]
    if any(cell.suppressed for cell in rounded_others):
        return  # the other table hides something too: nothing exact to subtract from

    def possible(cell_rounded: int) -> range:
        if cell_rounded == 0:
            return range(0, 1)
        return range(max(5, cell_rounded - 2), cell_rounded + 3)

    # Every total compatible with the second table, minus every sum compatible with the
    # first table's shown cells.
    totals = {sum(c) for c in product(*(possible(c.rounded) for c in rounded_others))}
    shown_sums = {sum(c) for c in product(*(possible(r) for r in rounded_shown))}
    candidates = {t - s for t in totals for s in shown_sums} & {1, 2, 3, 4}
    assert hidden in candidates
    assert len(candidates) >= 2


@pytest.mark.django_db
def test_missions_and_volunteers_are_counted_by_country_domain_and_year():
    published = datetime(2025, 3, 1, 10, tzinfo=PARIS)
    for _ in range(6):
        MissionFactory(country="MG", domain="health", published_at=published)
    for _ in range(2):
        MissionFactory(country="PE", domain="health", published_at=published)
    MissionFactory(country="PE", domain="water", status="draft", published_at=None)
    start = date(2026, 2, 1)
    for _ in range(7):
        ContractFactory(
            application__mission__country="MG",
            application__mission__domain="health",
            application__mission__published_at=published,
            country="MG",
            status="active",
            start_on=start,
            end_on=start + timedelta(days=300),
        )
    ContractFactory(status="offered")  # not signed by both sides: not counted
    figures = public_statistics()
    with translation.override("en"):
        countries = {
            row.key: (str(row.missions), str(row.volunteers)) for row in figures.by_country
        }
        # MG: 6 missions + the 7 of the contracts = 13 -> 15; PE: 2 -> "< 5".
        assert countries["MG"] == ("15", "5")
        assert countries["PE"] == ("< 5", "0")
        domains = {row.key: (str(row.missions), str(row.volunteers)) for row in figures.by_domain}
        assert domains["health"] == ("15", "5")
        assert "water" not in domains  # a draft is not counted
        years = {row.key: (str(row.missions), str(row.volunteers)) for row in figures.by_year}
        assert years[2025] == ("15", "0")
        assert years[2026] == ("0", "5")


@pytest.mark.django_db
def test_the_statistics_are_computed_once_then_read_from_the_cache(django_assert_num_queries):
    MissionFactory(published_at=datetime(2025, 3, 1, 10, tzinfo=PARIS))
    with django_assert_num_queries(6):
        public_statistics_shown(today=date(2026, 6, 1))
    with django_assert_num_queries(0):
        public_statistics_shown(today=date(2026, 6, 1))
