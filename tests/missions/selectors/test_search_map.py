"""The search map's counts (missions/selectors/search_map.py) are the search's own."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missions.models import Mission
from missions.selectors.candidates import candidate_for, volunteer_with_history
from missions.selectors.search import SearchFilters, search_missions
from missions.selectors.search_map import mission_counts_by_country
from missions.services.missions import mission_close
from tests.factories import AssociationFactory
from tests.missions.factories import IndexedMissionFactory as Mission_

pytestmark = pytest.mark.django_db

COUNTRIES = ("SN", "MG", "PE", "KH", "FR", "RE")
DOMAINS = ("teaching", "health", "rural_development")


def _seed(today) -> None:
    """18 open missions over 6 countries, 3 domains, several starts, allowances, lengths;
    and some that never show (closed, past deadline, association suspended)."""
    for index in range(18):
        Mission_(
            title=("Santé" if index % 4 == 0 else "Enseignement") + f" {index}",
            country=COUNTRIES[index % 6],
            domain=DOMAINS[index % 3],
            start_on=today + timedelta(days=60 + 20 * index),
            allowance_eur=500 + 50 * (index % 5),
            duration_months=6 + index % 12,
        )
    Mission_(country="SN", status="closed")
    Mission_(country="PE", application_deadline=today - timedelta(days=1))
    Mission_(country="KH", association=AssociationFactory(status="suspended"))


def _search_counts(filters: SearchFilters, today, candidate=None) -> dict[str, int]:
    missions, _sort = search_missions(filters, today=today, candidate=candidate)
    return dict(Counter(mission.country.code for mission in missions))


filters_strategy = st.builds(
    SearchFilters,
    q=st.sampled_from(["", "santé", "enseignement", "nothing-like-this"]),
    countries=st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True).map(tuple),
    regions=st.lists(st.sampled_from(["africa", "asia", "americas"]), max_size=2, unique=True).map(
        tuple
    ),
    domains=st.lists(st.sampled_from(DOMAINS), max_size=2, unique=True).map(tuple),
    allowance_min=st.sampled_from([None, 600, 700]),
    duration_min=st.sampled_from([None, 9]),
    sort=st.sampled_from(["", "newest", "relevance"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(filters=filters_strategy)
def test_the_map_counts_the_missions_the_search_finds(today, filters):
    if not Mission.objects.exists():
        _seed(today)
    assert mission_counts_by_country(filters, today=today) == _search_counts(filters, today)


def test_the_counts_of_no_filter_leave_out_what_the_search_leaves_out(today):
    _seed(today)
    assert mission_counts_by_country(SearchFilters(), today=today) == dict.fromkeys(COUNTRIES, 3)


def test_missions_i_can_apply_to_are_counted_for_the_volunteer_only(today, volunteer):
    _seed(today)
    candidate = candidate_for(volunteer_with_history(volunteer.user))
    counts = mission_counts_by_country(SearchFilters(), today=today, candidate=candidate)
    assert counts == _search_counts(SearchFilters(), today, candidate)
    assert "FR" not in counts  # a French volunteer cannot go to France


def test_the_counts_are_one_grouped_query(today, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    _seed(today)
    with CaptureQueriesContext(connection) as queries:
        mission_counts_by_country(SearchFilters(q="santé", domains=("health",)), today=today)
    assert len(queries) == 1
    assert "GROUP BY" in queries[0]["sql"]


def test_the_counts_are_kept_for_the_same_question_whatever_the_sort(today, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    _seed(today)
    first = mission_counts_by_country(SearchFilters(countries=("SN",)), today=today)
    with CaptureQueriesContext(connection) as queries:
        again = mission_counts_by_country(
            SearchFilters(countries=("SN",), sort="newest"), today=today
        )
    assert again == first == {"SN": 3}
    assert len(queries) == 0


def test_a_change_to_the_search_drops_the_kept_counts(
    today, settings, staff, association, django_capture_on_commit_callbacks
):
    settings.SEARCH_CACHE_SECONDS = 60
    _seed(today)
    mission = Mission_(association=association, country="SN")
    assert mission_counts_by_country(SearchFilters(), today=today)["SN"] == 4
    with django_capture_on_commit_callbacks(execute=True):
        mission_close(mission=mission, by=staff)
    assert mission_counts_by_country(SearchFilters(), today=today)["SN"] == 3
