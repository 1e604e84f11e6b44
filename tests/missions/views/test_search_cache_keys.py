"""The public search's cache keys come from validated search values only.

A visitor who adds parameters the search does not know, refuses values, or spells the same
search another way never makes the shared cache hold one more entry.
"""

from __future__ import annotations

import secrets

import pytest
from django.core.cache import caches
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from missions.forms import SearchForm
from missions.views.public import search_key
from tests.factories import UserFactory
from tests.missions.factories import IndexedMissionFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("missions:search")


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 60


def _keys() -> set[str]:
    """Every key the shared cache holds (Redis in CI, the process's memory otherwise)."""
    cache = caches["shared"]
    if hasattr(cache, "keys"):  # django-redis
        return set(cache.keys("*"))
    return set(cache._cache)


def test_random_unknown_parameters_create_no_cache_entry(client):
    IndexedMissionFactory(title="Maraîchage à Kaolack", country="SN")
    assert client.get(SEARCH, {"country": "SN"}).status_code == 200
    warm = _keys()
    for _ in range(25):
        response = client.get(SEARCH, {"country": "SN", secrets.token_hex(4): secrets.token_hex(8)})
        assert response.status_code == 200
        assert "Maraîchage à Kaolack" in response.content.decode()
    assert _keys() == warm


def test_refused_values_create_no_cache_entry(client):
    IndexedMissionFactory(country="SN")
    client.get(SEARCH)
    warm = _keys()
    for _ in range(10):
        noise = secrets.token_hex(6)
        response = client.get(
            SEARCH, {"country": noise, "duration_min": noise, "start_from": noise}
        )
        assert response.status_code == 200
    assert _keys() == warm


def test_the_same_search_spelt_another_way_shares_its_entry(client):
    IndexedMissionFactory(country="SN")
    client.get(SEARCH + "?country=SN&country=PE&q=eau&sort=newest")
    warm = _keys()
    for spelling in (
        "?sort=newest&q=eau&country=PE&country=SN",
        "?q=%20eau%20&country=SN&country=PE&sort=newest",
        "?country=SN&country=PE&q=eau&sort=newest&page=1",
        "?country=SN&country=PE&q=eau&sort=newest&page=not-a-number",
    ):
        assert client.get(SEARCH + spelling).status_code == 200
    assert _keys() == warm


def test_a_signed_in_search_with_unknown_parameters_creates_no_cache_entry(client):
    client.force_login(UserFactory())
    client.get(SEARCH)
    warm = _keys()
    for _ in range(10):
        client.get(SEARCH, {secrets.token_hex(4): secrets.token_hex(8)})
    assert _keys() == warm


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    extra=st.dictionaries(
        st.text(min_size=1, max_size=12).filter(lambda name: name not in SearchForm.base_fields),
        st.text(max_size=20),
        max_size=4,
    )
)
def test_unknown_parameters_never_change_the_key(extra):
    plain = SearchForm({"country": ["SN"], "sort": "newest"})
    noisy = SearchForm({"country": ["SN"], "sort": "newest", **extra})
    assert search_key(noisy, noisy.valid_values()) == search_key(plain, plain.valid_values())
