"""The public search's results cache: reused for the same question, dropped by every change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations.services import association_suspend
from missions import services
from tests.factories import UserFactory
from tests.missions.factories import IndexedMissionFactory as Mission_

pytestmark = pytest.mark.django_db

SEARCH = reverse("missions:search")


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 60


def _titles(client, **params) -> list[str]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return [mission.title for mission in response.context["page"].object_list]


def test_the_same_search_again_reads_no_mission_from_the_database(client):
    Mission_(title="Maraîchage à Kaolack")
    with CaptureQueriesContext(connection) as first:
        assert _titles(client, country="SN") == ["Maraîchage à Kaolack"]
    with CaptureQueriesContext(connection) as second:
        assert _titles(client, country="SN") == ["Maraîchage à Kaolack"]
    assert any("missions_mission" in q["sql"] for q in first.captured_queries)
    assert not any("missions_mission" in q["sql"] for q in second.captured_queries)


def test_another_page_or_filter_is_a_question_of_its_own(client):
    Mission_(title="Au Sénégal", country="SN")
    Mission_(title="Au Pérou", country="PE")
    assert _titles(client, country="SN") == ["Au Sénégal"]
    assert _titles(client, country="PE") == ["Au Pérou"]


def test_a_published_mission_shows_in_the_next_search(
    client, staff, association, django_capture_on_commit_callbacks
):
    Mission_(association=association, title="Déjà là")
    assert _titles(client) == ["Déjà là"]
    draft = Mission_(association=association, title="Nouvelle", status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_publish(mission=draft, by=staff)
    assert set(_titles(client)) == {"Déjà là", "Nouvelle"}


def test_a_closed_mission_leaves_the_next_search(
    client, staff, association, django_capture_on_commit_callbacks
):
    mission = Mission_(association=association, title="Bientôt fermée")
    assert _titles(client) == ["Bientôt fermée"]
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_close(mission=mission, by=staff)
    assert _titles(client) == []


def test_an_edited_mission_shows_its_new_title_in_the_next_search(
    client, staff, association, django_capture_on_commit_callbacks
):
    mission = Mission_(association=association, title="Ancien titre")
    assert _titles(client) == ["Ancien titre"]
    with django_capture_on_commit_callbacks(execute=True):
        services.missions_reindex(missions=[mission])
        mission.title = "Nouveau titre"
        mission.save(update_fields=["title"])
        services.missions_reindex(missions=[mission])
    assert _titles(client) == ["Nouveau titre"]


def test_a_suspended_association_s_missions_leave_the_next_search(
    client, association, django_capture_on_commit_callbacks
):
    Mission_(association=association, title="Mission suspendue")
    assert _titles(client) == ["Mission suspendue"]
    with django_capture_on_commit_callbacks(execute=True):
        association_suspend(
            association=association, by=UserFactory(is_staff=True), reason="Contrôle en cours"
        )
    assert _titles(client) == []


def test_missions_i_can_apply_to_are_never_cached(client, volunteer):
    Mission_(title="Pour moi")
    client.force_login(volunteer.user)
    assert _titles(client, eligible="on") == ["Pour moi"]
    with CaptureQueriesContext(connection) as again:
        assert _titles(client, eligible="on") == ["Pour moi"]
    assert any("missions_mission" in q["sql"] for q in again.captured_queries)


def test_no_cache_when_its_duration_is_zero(client, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    Mission_(title="Toujours lue")
    _titles(client)
    with CaptureQueriesContext(connection) as again:
        assert _titles(client) == ["Toujours lue"]
    assert any("missions_mission" in q["sql"] for q in again.captured_queries)


def test_similar_missions_come_from_the_cache_until_a_mission_changes(
    client, staff, association, django_capture_on_commit_callbacks
):
    shown = Mission_(association=association, title="Page lue")
    Mission_(title="Voisine")
    first = client.get(shown.get_absolute_url())
    assert [m.title for m in first.context["similar"]] == ["Voisine"]
    draft = Mission_(association=association, title="Nouvelle voisine", status="draft")
    with CaptureQueriesContext(connection) as again:
        client.get(shown.get_absolute_url())
    # The page's own mission is read by its slug; the similar ones by start date.
    reads_of_similar = [
        q["sql"]
        for q in again.captured_queries
        if 'ORDER BY "missions_mission"."start_on" ASC' in q["sql"] and '"slug" =' not in q["sql"]
    ]
    assert reads_of_similar == []
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_publish(mission=draft, by=staff)
    after = client.get(shown.get_absolute_url())
    assert {m.title for m in after.context["similar"]} == {"Voisine", "Nouvelle voisine"}
