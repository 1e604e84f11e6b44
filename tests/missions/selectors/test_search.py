"""The public search: each filter alone and combined, full text, what never shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from missions.models import Language
from missions.selectors.search import SearchFilters, search_missions
from tests.factories import AssociationFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db


def found(today, **filters) -> list:
    missions, _sort = search_missions(SearchFilters(**filters), today=today)
    return list(missions)


def titles(today, **filters) -> set[str]:
    return {mission.title for mission in found(today, **filters)}


# --- What never shows -----------------------------------------------------------------------


def test_only_open_missions_of_approved_associations_are_found(today):
    shown = Mission_(title="Ouverte")
    Mission_(title="Brouillon", status="draft")
    Mission_(title="Fermée", status="closed")
    Mission_(title="Délai passé", application_deadline=today - timedelta(days=1))
    Mission_(title="Suspendue", association=AssociationFactory(status="suspended"))
    Mission_(title="En attente", association=AssociationFactory(status="pending"))
    assert found(today) == [shown]


def test_a_mission_whose_deadline_is_today_is_still_found(today):
    mission = Mission_(application_deadline=today)
    assert found(today) == [mission]


# --- Each filter alone ----------------------------------------------------------------------


def test_filter_by_several_countries(today):
    Mission_(title="Sénégal", country="SN")
    Mission_(title="Pérou", country="PE")
    Mission_(title="Cambodge", country="KH")
    assert titles(today, countries=("SN", "KH")) == {"Sénégal", "Cambodge"}


def test_filter_by_continent(today):
    Mission_(title="Sénégal", country="SN")
    Mission_(title="Pérou", country="PE")
    Mission_(title="Polynésie", country="PF")
    assert titles(today, regions=("americas",)) == {"Pérou"}
    assert titles(today, regions=("africa", "oceania")) == {"Sénégal", "Polynésie"}


def test_filter_by_several_domains(today):
    Mission_(title="École", domain="teaching")
    Mission_(title="Dispensaire", domain="health")
    Mission_(title="Puits", domain="water")
    assert titles(today, domains=("health", "water")) == {"Dispensaire", "Puits"}


def test_filter_by_start_window(today):
    soon = today + timedelta(days=60)
    Mission_(title="Bientôt", start_on=soon, application_deadline=today + timedelta(days=10))
    Mission_(title="Plus tard", start_on=today + timedelta(days=200))
    assert titles(today, start_from=today + timedelta(days=100)) == {"Plus tard"}
    assert titles(today, start_to=today + timedelta(days=100)) == {"Bientôt"}
    assert titles(today, start_from=soon, start_to=soon) == {"Bientôt"}


def test_filter_by_duration_in_whole_months(today):
    start = today + timedelta(days=90)
    Mission_(title="Six mois", start_on=start, end_on=add_months(start, 6) - timedelta(days=1))
    Mission_(title="Un an", start_on=start, end_on=add_months(start, 12) - timedelta(days=1))
    Mission_(title="Deux ans", start_on=start, end_on=add_months(start, 24) - timedelta(days=1))
    assert titles(today, duration_min=12) == {"Un an", "Deux ans"}
    assert titles(today, duration_max=12) == {"Six mois", "Un an"}
    assert titles(today, duration_min=7, duration_max=23) == {"Un an"}


def test_filter_by_minimum_allowance(today):
    Mission_(title="Modeste", allowance_eur=300)
    Mission_(title="Confortable", allowance_eur=800)
    assert titles(today, allowance_min=500) == {"Confortable"}


def test_filter_by_language(today):
    wolof = Mission_(title="Wolof")
    wolof.languages.set(Language.objects.filter(code__in=["wo", "fr"]))
    Mission_(title="Sans langue")
    assert titles(today, language="wo") == {"Wolof"}
    assert found(today, language="fr") == [wolof]


def test_filters_combine(today):
    start = today + timedelta(days=90)
    target = Mission_(country="SN", domain="health", allowance_eur=700, start_on=start)
    Mission_(country="SN", domain="teaching", allowance_eur=700)
    Mission_(country="PE", domain="health", allowance_eur=700)
    Mission_(country="SN", domain="health", allowance_eur=300)
    assert found(
        today,
        countries=("SN",),
        regions=("africa",),
        domains=("health",),
        allowance_min=500,
        start_from=start,
        duration_min=12,
    ) == [target]


# --- Full text ------------------------------------------------------------------------------


def test_words_are_searched_in_title_summary_description_skills_and_association(today):
    Mission_(title="Appui aux maraîchers", summary="x", description="y", skills="")
    Mission_(title="a", summary="Coopérative de maraîchage", description="y", skills="")
    Mission_(title="b", summary="x", description="Jardins et maraîchers", skills="")
    Mission_(title="c", summary="x", description="y", skills="Maraîchers, irrigation")
    Mission_(
        title="d",
        summary="x",
        description="y",
        association=AssociationFactory(name="Les Maraîchers Solidaires"),
    )
    Mission_(title="Rien à voir", summary="x", description="y", skills="")
    assert titles(today, q="maraîchers") >= {"Appui aux maraîchers", "b", "c", "d"}
    assert "Rien à voir" not in titles(today, q="maraîchers")


def test_accents_are_ignored(today):
    # In a domain whose words are none of these (domain words are found too: test_search_terms).
    Mission_(title="Promotion de la santé maternelle", domain="culture")
    Mission_(title="Éducation", domain="culture")
    assert titles(today, q="sante") == {"Promotion de la santé maternelle"}
    assert titles(today, q="SANTÉ") == {"Promotion de la santé maternelle"}
    assert titles(today, q="education") == {"Éducation"}


def test_plural_finds_singular_and_back(today):
    Mission_(title="Formation d'un enseignant", summary="x", description="y", domain="culture")
    Mission_(title="Accueil des réfugiés", summary="x", description="y", domain="culture")
    assert titles(today, q="enseignants") == {"Formation d'un enseignant"}
    assert titles(today, q="réfugié") == {"Accueil des réfugiés"}


def test_french_and_english_stemming_on_postgresql(today):
    """PostgreSQL stems in French and English; the portable search only drops plurals."""
    Mission_(
        title="Soutien à l'enseignement primaire", summary="x", description="y", domain="culture"
    )
    Mission_(title="Teacher in a rural school", summary="x", description="y", domain="culture")
    if connection.vendor == "postgresql":
        assert titles(today, q="enseignants") == {"Soutien à l'enseignement primaire"}
        assert titles(today, q="teaching") == {"Teacher in a rural school"}
    else:
        assert titles(today, q="enseignement") == {"Soutien à l'enseignement primaire"}
        assert titles(today, q="teachers") == {"Teacher in a rural school"}


def test_all_words_must_match(today):
    Mission_(title="Santé maternelle", country="SN", summary="x", description="y")
    Mission_(title="Santé scolaire", summary="x", description="y")
    assert titles(today, q="santé maternelle") == {"Santé maternelle"}


def test_relevance_puts_title_matches_first(today):
    in_description = Mission_(title="Projet", summary="x", description="Dispensaire de brousse")
    in_title = Mission_(title="Dispensaire rural", summary="x", description="y")
    missions, sort = search_missions(SearchFilters(q="dispensaire"), today=today)
    assert sort == "relevance"
    result = list(missions)
    assert set(result) == {in_title, in_description}
    if connection.vendor == "postgresql":
        assert result == [in_title, in_description]


def test_sort_by_start_date_and_newest(today):
    later = Mission_(start_on=today + timedelta(days=200))
    sooner = Mission_(start_on=today + timedelta(days=60), application_deadline=today)
    assert found(today, sort="start") == [sooner, later]
    from django.utils import timezone

    later.published_at = timezone.now()
    later.save()
    sooner.published_at = timezone.now() - timedelta(days=3)
    sooner.save()
    assert found(today, sort="newest") == [later, sooner]


def test_relevance_without_words_sorts_by_start(today):
    _missions, sort = search_missions(SearchFilters(sort="relevance"), today=today)
    assert sort == "start"


# --- Through the page -----------------------------------------------------------------------


def test_page_reads_filters_from_the_url(client, today):
    Mission_(title="Sénégal santé", country="SN", domain="health")
    Mission_(title="Pérou", country="PE", domain="health")
    response = client.get(reverse("missions:search"), {"country": "SN", "domain": "health"})
    assert response.status_code == 200
    assert [m.title for m in response.context["page"].object_list] == ["Sénégal santé"]
    assert "1 mission" in response.content.decode()


def test_invalid_filters_are_ignored_with_a_message(client, today):
    Mission_(title="Toujours là")
    response = client.get(
        reverse("missions:search"),
        {
            "country": "XX",
            "start_from": "not-a-date",
            "duration_min": "-4",
            "allowance_min": "beaucoup",
            "language": "klingon",
            "sort": "random",
            "page": "abc",
            "region": "atlantis",
        },
    )
    assert response.status_code == 200
    assert [m.title for m in response.context["page"].object_list] == ["Toujours là"]
    form = response.context["form"]
    assert {"country", "start_from", "duration_min", "allowance_min", "language", "sort"} <= set(
        form.errors
    )


def test_reversed_ranges_are_reported(client, today):
    response = client.get(
        reverse("missions:search"),
        {
            "start_from": "2030-01-01",
            "start_to": "2029-01-01",
            "duration_min": 12,
            "duration_max": 6,
        },
    )
    assert response.status_code == 200
    assert {"start_to", "duration_max"} <= set(response.context["form"].errors)


def test_pages_hold_twenty_missions(client, today):
    Mission_.create_batch(25)
    first = client.get(reverse("missions:search"))
    second = client.get(reverse("missions:search"), {"page": 2})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert 'aria-current="page"' in first.content.decode()


def test_empty_state_suggests_removing_filters(client, today):
    Mission_(country="SN")
    response = client.get(reverse("missions:search"), {"country": "PE"})
    body = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert 'href="/missions/"' in body
    assert "remove a filter" in body or "retirez un filtre" in body


def test_renaming_an_association_makes_its_missions_findable_by_the_new_name(today):
    from associations.services.associations import association_update_profile
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role="admin")
    Mission_(title="Appui scolaire", association=membership.association)
    association_update_profile(
        association=membership.association, by=membership.user, name="Kalahari Partenaires"
    )
    assert titles(today, q="Kalahari") == {"Appui scolaire"}
