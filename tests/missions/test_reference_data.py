"""Reference data of the missions app: continents, languages, pages past the end."""

from __future__ import annotations

import pytest
from django.urls import reverse

from missions.languages import LANGUAGES, language_choices
from missions.models import Language
from missions.regions import REGION_COUNTRIES, countries_in, region_of
from tests.missions.factories import IndexedMissionFactory
from vsi_portal.geography import ISO_3166_ALPHA2


def test_every_country_but_antarctica_is_in_exactly_one_continent():
    codes = [code for region in REGION_COUNTRIES.values() for code in region]
    assert len(codes) == len(set(codes))
    assert set(codes) == ISO_3166_ALPHA2 - {"AQ"}


def test_territories_are_in_their_own_continent():
    assert region_of("PF") == "oceania"
    assert region_of("RE") == "africa"
    assert region_of("GF") == "americas"
    assert region_of("FR") == "europe"
    assert countries_in("atlantis") == frozenset()


@pytest.mark.django_db
def test_language_choices_match_the_language_table():
    table = set(Language.objects.values_list("code", "name_en", "name_fr"))
    assert table == set(LANGUAGES)


def test_language_choices_follow_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert ("de", "German") in language_choices()
    with translation.override("fr"):
        assert ("de", "Allemand") in language_choices()


@pytest.mark.django_db
def test_a_page_past_the_end_shows_the_last_page(client):
    IndexedMissionFactory.create_batch(3)
    response = client.get(reverse("missions:search"), {"page": 9})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert len(response.context["page"].object_list) == 3


@pytest.mark.django_db
def test_an_absurd_page_number_shows_the_last_page(client):
    IndexedMissionFactory()
    response = client.get(reverse("missions:search"), {"page": "9" * 40})
    assert response.status_code == 200
    assert response.context["page"].number == 1
