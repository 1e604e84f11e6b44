"""Missions found by where they are and by their domain's words (``missions.search``).

Every test runs on SQLite and, with DATABASE_URL, on PostgreSQL: simple queries find
the same missions on both.
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import factory
import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from missions.models import DOMAIN_WORDS, Domain
from missions.search import domain_labels, fold, place_terms, search_terms
from missions.selectors.search import SearchFilters, search_missions
from missions.services.missions import mission_update
from missions.services.search import missions_reindex
from tests.factories import AssociationFactory, MembershipFactory, MissionFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

SEARCH_BUDGET = 8
# Texts that name no place and no domain word, so that only the search terms can match.
PLAIN = {"summary": "Appui à une équipe locale.", "description": "Vous rejoignez l'équipe."}


def found(today, q: str) -> list:
    missions, _sort = search_missions(SearchFilters(q=q), today=today)
    return list(missions)


def titles(today, q: str) -> set[str]:
    return {mission.title for mission in found(today, q)}


# --- The terms ------------------------------------------------------------------------------


def test_a_country_is_named_in_french_and_english_with_its_continent():
    assert place_terms("SN") == "Sénégal Senegal Afrique Africa"
    assert place_terms("KH") == "Cambodge Cambodia Asie Asia"


def test_a_country_named_alike_in_both_languages_is_named_once():
    assert place_terms("ML") == "Mali Afrique Africa"


def test_a_domain_is_named_by_its_labels():
    assert domain_labels("health") == "Santé Health"
    assert domain_labels("teaching") == "Enseignement et formation Teaching and training"


def test_the_terms_name_the_mission_then_list_its_domain_synonyms():
    named, synonyms = search_terms(place="Thiès", country="SN", domain="health").split("\n")
    assert named == "Thiès Sénégal Senegal Afrique Africa Santé Health"
    assert synonyms == " ".join(DOMAIN_WORDS["health"])


def test_every_domain_has_synonyms_in_both_languages():
    assert set(DOMAIN_WORDS) == set(Domain.values)
    for words in DOMAIN_WORDS.values():
        assert len(words) >= 8


def test_no_synonym_points_to_two_domains():
    seen: dict[str, str] = {}
    for domain, words in DOMAIN_WORDS.items():
        for word in words:
            assert seen.setdefault(word, domain) == domain, word


def test_terms_do_not_depend_on_the_language_of_the_request():
    with translation.override("en"):
        english = search_terms(place="Dakar", country="SN", domain="health")
    with translation.override("fr"):
        french = search_terms(place="Dakar", country="SN", domain="health")
    assert english == french
    assert english.startswith("Dakar Sénégal Senegal Afrique Africa Santé Health")


# --- Found by place -------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["Sénégal", "senegal", "Senegal", "SÉNÉGAL", "sénégal"])
def test_a_country_is_found_by_its_names_with_or_without_accents(today, q):
    Mission_(title="Dakar", country="SN", place="Thiès", **PLAIN)
    Mission_(title="Phnom Penh", country="KH", place="Phnom Penh", **PLAIN)
    assert titles(today, q) == {"Dakar"}


@pytest.mark.parametrize("q", ["Cambodge", "Cambodia", "cambodge"])
def test_cambodia_is_found_in_french_and_english(today, q):
    Mission_(title="Sénégal", country="SN", place="Thiès", **PLAIN)
    Mission_(title="Asie du Sud-Est", country="KH", place="Battambang", **PLAIN)
    assert titles(today, q) == {"Asie du Sud-Est"}


def test_a_mission_is_found_by_its_city(today):
    Mission_(title="Nord", country="SN", place="Saint-Louis", **PLAIN)
    Mission_(title="Ouest", country="SN", place="Thiès", **PLAIN)
    assert titles(today, "Thiès") == {"Ouest"}
    assert titles(today, "thies") == {"Ouest"}


@pytest.mark.parametrize(
    ("q", "expected"),
    [("Afrique", {"Mali"}), ("Africa", {"Mali"}), ("Asie", {"Laos"}), ("Asia", {"Laos"})],
)
def test_a_mission_is_found_by_its_continent_in_french_and_english(today, q, expected):
    Mission_(title="Mali", country="ML", place="Ségou", **PLAIN)
    Mission_(title="Laos", country="LA", place="Vientiane", **PLAIN)
    Mission_(title="Pérou", country="PE", place="Cusco", **PLAIN)
    assert titles(today, q) == expected


def test_a_mission_is_found_by_its_association_name(today):
    Mission_(title="Appui", association=AssociationFactory(name="Tamarinier Solidaire"), **PLAIN)
    Mission_(title="Autre", **PLAIN)
    assert titles(today, "tamarinier") == {"Appui"}


def test_place_and_words_combine(today):
    Mission_(title="Dispensaire", domain="health", country="SN", **PLAIN)
    Mission_(title="Dispensaire", domain="health", country="KH", **PLAIN)
    Mission_(title="École", domain="teaching", country="SN", **PLAIN)
    [mission] = found(today, "médecin Sénégal")
    assert (mission.domain, mission.country.code) == ("health", "SN")


def test_every_country_is_found_by_its_french_and_english_names(today):
    """Each of the ~250 countries, both names: the result holds the mission placed there."""
    missions = MissionFactory.create_batch(
        len(countries), country=factory.Iterator([code for code, _ in countries]), **PLAIN
    )
    missions_reindex(missions=missions)
    by_code = {mission.country.code: mission for mission in missions}
    for code in by_code:
        for language in ("fr", "en"):
            with translation.override(language):
                name = countries.name(code)
            assert by_code[code] in found(today, name), (code, name)


# --- Found by domain words ------------------------------------------------------------------


@pytest.mark.parametrize(
    "q", ["médecin", "medecin", "médecins", "infirmière", "infirmieres", "nurse", "doctor", "santé"]
)
def test_health_words_find_the_health_missions(today, q):
    Mission_(title="Centre de soins", domain="health", **PLAIN)
    Mission_(title="Classe", domain="teaching", **PLAIN)
    assert titles(today, q) == {"Centre de soins"}


@pytest.mark.parametrize("q", ["enseignant", "professeur", "teacher", "school", "école"])
def test_teaching_words_find_the_teaching_missions(today, q):
    Mission_(title="Centre de soins", domain="health", **PLAIN)
    Mission_(title="Classe", domain="teaching", **PLAIN)
    assert titles(today, q) == {"Classe"}


def test_every_domain_word_finds_its_domain_only(today):
    """Each label finds its domain's missions; each synonym, as typed and folded (no
    accents, upper case), finds them and no other domain's (one mission per domain)."""
    missions = MissionFactory.create_batch(
        len(Domain.values),
        domain=factory.Iterator(Domain.values),
        title=factory.Sequence(lambda n: f"Mission {n}"),
        **PLAIN,
    )
    missions_reindex(missions=missions)
    for domain in Domain.values:
        labels = [str(Domain(domain).label)]
        with translation.override("en"):
            labels.append(str(Domain(domain).label))
        for label in labels:
            assert domain in {mission.domain for mission in found(today, label)}, label
        for word in DOMAIN_WORDS[domain]:
            for q in (word, fold(word).upper()):
                assert {mission.domain for mission in found(today, q)} == {domain}, (domain, q)


def test_changing_the_domain_or_country_changes_what_finds_it(today):
    membership = MembershipFactory(role="admin")
    mission = Mission_(association=membership.association, domain="teaching", **PLAIN)
    mission_update(
        mission=mission,
        by=membership.user,
        data={"domain": "health", "country": "KH", "place": "Siem Reap"},
        today=today,
    )
    assert found(today, "infirmière") == [mission]
    assert found(today, "Cambodge") == [mission]
    assert found(today, "siem reap") == [mission]
    assert found(today, "Sénégal") == []
    assert found(today, "professeur") == []


# --- Ranking --------------------------------------------------------------------------------


def test_a_match_in_the_title_ranks_first_then_by_place_then_in_the_description(today):
    in_description = Mission_(
        title="Projet",
        country="ML",
        summary="x",
        description="Partenaires au Sénégal.",
        start_on=today.replace(year=today.year + 1),
    )
    in_terms = Mission_(title="Appui", country="SN", **PLAIN)
    in_title = Mission_(title="Appui au Sénégal", country="ML", **PLAIN)
    result = found(today, "Sénégal")
    assert set(result) == {in_title, in_terms, in_description}
    if connection.vendor == "postgresql":
        assert result == [in_title, in_terms, in_description]


# --- The page -------------------------------------------------------------------------------


def test_searching_a_place_runs_as_many_queries_as_any_word(client):
    Mission_(country="SN", place="Dakar")
    url = reverse("missions:search")
    by_word = count_queries(client, url, {"q": "enseignant"})
    by_place = count_queries(client, url, {"q": "Sénégal"})
    assert by_place == by_word <= SEARCH_BUDGET


def test_the_search_page_finds_a_mission_by_its_country(client):
    mission = Mission_(country="SN", place="Dakar", **PLAIN)
    response = client.get(reverse("missions:search"), {"q": "Sénégal"})
    assert list(response.context["page"].object_list) == [mission]


# --- What the cached pages and the existing missions see -------------------------------------


def _count_found(client, q: str) -> int:
    """The total the search page shows (a shared page from the cache has no queryset)."""
    return client.get(reverse("missions:search"), {"q": q}).context["page"].paginator.count


def test_a_mission_moved_to_another_country_is_found_there_in_the_next_search(
    client, settings, today, django_capture_on_commit_callbacks
):
    settings.SEARCH_CACHE_SECONDS = 60
    membership = MembershipFactory(role="admin")
    mission = Mission_(association=membership.association, country="SN", **PLAIN)
    assert _count_found(client, "Cambodge") == 0
    with django_capture_on_commit_callbacks(execute=True):
        mission_update(
            mission=mission, by=membership.user, data={"country": "KH", "place": ""}, today=today
        )
    assert _count_found(client, "Cambodge") == 1
    assert _count_found(client, "Sénégal") == 0


def test_the_migration_fills_the_terms_of_existing_missions_and_drops_cached_pages(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_CACHE_SECONDS = 60
    MissionFactory(country="SN", place="Thiès", domain="health", **PLAIN)  # not indexed yet
    assert _count_found(client, "Sénégal") == 0
    migration = importlib.import_module("missions.migrations.0018_search_terms")
    with django_capture_on_commit_callbacks(execute=True):
        migration.fill_search_terms(apps, SimpleNamespace(connection=connection))
    for q in ("Sénégal", "Thiès", "infirmière"):
        assert _count_found(client, q) == 1, q
