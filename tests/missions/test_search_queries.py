"""A saved search's query string: one way of writing the filters, read back as the
search's own ``SearchFilters``."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from missions.search_queries import normalised_query, query_words, read_query

pytestmark = pytest.mark.django_db


def test_the_same_filters_written_two_ways_give_one_query():
    first = normalised_query("domain=health&country=SN&country=MA", eligible=False)
    second = normalised_query("country=MA&domain=health&country=SN&page=2", eligible=False)
    assert first == second == "country=MA&country=SN&domain=health&eligible=0"


def test_a_refused_value_and_an_unknown_parameter_are_left_out():
    assert normalised_query("country=XX&duration_min=abc&utm_source=mail&q=eau", eligible=True) == (
        "q=eau&eligible=1"
    )


def test_the_switch_is_always_said():
    assert normalised_query("", eligible=False) == "eligible=0"
    assert normalised_query("eligible=on", eligible=True) == "eligible=1"


def test_reading_gives_back_the_filters_and_the_switch():
    saved = read_query(
        normalised_query(
            "q=eau&country=SN&region=asia&start_from=2030-09-01&duration_max=12"
            "&allowance_min=800&language=es&sort=newest",
            eligible=True,
        )
    )
    assert saved.eligible is True
    assert saved.filters.q == "eau"
    assert saved.filters.countries == ("SN",)
    assert saved.filters.regions == ("asia",)
    assert saved.filters.start_from == date(2030, 9, 1)
    assert saved.filters.duration_max == 12
    assert saved.filters.allowance_min == 800
    assert saved.filters.sort == "newest"


def test_the_search_page_reads_eligible_0_as_off(client, volunteer):
    client.force_login(volunteer.user)
    html = client.get("/missions/", {"eligible": "0"}).content.decode()
    assert 'name="eligible" checked' not in html
    assert "Showing only the missions you can apply to" not in html


def test_a_saved_search_s_words_say_its_filters_in_the_active_language():
    query = normalised_query("country=SN&domain=health", eligible=True)
    with translation.override("en"):
        assert query_words(query) == ["Senegal", "Health", "Only missions I can apply to"]
    with translation.override("fr"):
        assert query_words(query)[:2] == ["Sénégal", "Santé"]
    assert query_words(normalised_query("country=SN", eligible=False)) == ["Sénégal"]
