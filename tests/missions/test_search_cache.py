"""The public search's results cache: reused for the same question, dropped by every change."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations.services.associations import association_suspend, association_update_profile
from missions.selectors.search import SearchFilters, search_page
from missions.services.missions import mission_close, mission_publish, mission_update
from tests.factories import UserFactory
from tests.missions.factories import IndexedMissionFactory as Mission_
from vsi_portal.settings import caches_for

pytestmark = pytest.mark.django_db

SEARCH = reverse("missions:search")
NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens there
CARD_TITLE = re.compile(r'<h3 class="h5 card-title"[^>]*><a href="[^"]*">([^<]*)</a>')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 60


def _titles(client, **params) -> list[str]:
    """The titles of the result cards, read from the HTML (a shared page has no context)."""
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


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
        mission_publish(mission=draft, by=staff)
    assert set(_titles(client)) == {"Déjà là", "Nouvelle"}


def test_a_closed_mission_leaves_the_next_search(
    client, staff, association, django_capture_on_commit_callbacks
):
    mission = Mission_(association=association, title="Bientôt fermée")
    assert _titles(client) == ["Bientôt fermée"]
    with django_capture_on_commit_callbacks(execute=True):
        mission_close(mission=mission, by=staff)
    assert _titles(client) == []


def test_an_edited_mission_shows_its_new_title_in_the_next_search(
    client, staff, association, django_capture_on_commit_callbacks
):
    mission = Mission_(association=association, title="Ancien titre")
    assert _titles(client) == ["Ancien titre"]
    with django_capture_on_commit_callbacks(execute=True):
        mission_update(mission=mission, by=staff, data={"title": "Nouveau titre"})
    assert _titles(client) == ["Nouveau titre"]


def test_a_renamed_association_shows_its_new_name_in_the_next_search(
    client, staff, association, django_capture_on_commit_callbacks
):
    Mission_(association=association)
    assert "Ancien nom" not in client.get(SEARCH).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        association_update_profile(association=association, by=staff, name="Ancien nom")
    assert "Ancien nom" in client.get(SEARCH).content.decode()


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


def _reads_of_similar(captured) -> list[str]:
    """The page's own mission is read by its slug; the similar ones by start date."""
    return [
        q["sql"]
        for q in captured.captured_queries
        if 'ORDER BY "missions_mission"."start_on" ASC' in q["sql"] and '"slug" =' not in q["sql"]
    ]


def test_similar_missions_come_from_the_cache_until_a_mission_changes(
    client, staff, association, django_capture_on_commit_callbacks
):
    shown = Mission_(association=association, title="Page lue")
    Mission_(title="Voisine")
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(shown.get_absolute_url())
    assert [m.title for m in first.context["similar"]] == ["Voisine"]
    assert _reads_of_similar(first_queries)
    draft = Mission_(association=association, title="Nouvelle voisine", status="draft")
    with CaptureQueriesContext(connection) as again:
        client.get(shown.get_absolute_url())
    assert _reads_of_similar(again) == []
    with django_capture_on_commit_callbacks(execute=True):
        mission_publish(mission=draft, by=staff)
    after = client.get(shown.get_absolute_url())
    assert {m.title for m in after.context["similar"]} == {"Voisine", "Nouvelle voisine"}


def test_an_anonymous_page_is_shared_with_each_visitor_s_own_csrf_token(client):
    Mission_(title="Partagée")
    first = client.get(SEARCH)
    other = Client(enforce_csrf_checks=True)
    second = other.get(SEARCH)
    assert first.context is not None and second.context is None  # the second is shared
    token = other.cookies["csrftoken"].value
    posted = other.post(
        reverse("set_language"),
        {"language": "en", "next": SEARCH, "csrfmiddlewaretoken": _csrf_field(second)},
    )
    assert token and posted.status_code == 302
    assert "vsi-csrf-token-placeholder" not in second.content.decode()


def _csrf_field(response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match
    return match.group(1)


def test_a_page_with_a_message_for_the_visitor_is_neither_shared_nor_kept(client, volunteer):
    Mission_(title="Message")
    Client().get(SEARCH)  # another visitor's: the page is now shared
    client.force_login(volunteer.user)
    client.post(reverse("account_logout"))  # flashes "You have signed out."
    response = client.get(SEARCH)
    assert response.context is not None
    assert [str(message) for message in response.context["messages"]]
    other = Client().get(SEARCH).content.decode()
    assert "signed out" not in other and "déconnecté" not in other


def test_signed_in_pages_are_neither_shared_nor_kept(client, volunteer):
    Mission_(title="Privée")
    client.get(SEARCH)  # an anonymous page, now cached
    client.force_login(volunteer.user)
    response = client.get(SEARCH)
    assert response.context is not None
    assert response.context["user"] == volunteer.user
    anonymous = Client().get(SEARCH).content.decode()
    assert reverse("account_logout") not in anonymous
    # The account menu greets the person by name: an anonymous page never does.
    assert "account-menu" not in anonymous


def test_a_signed_in_search_of_all_missions_reads_its_results_from_the_cache(client, volunteer):
    """A candidate who turns "missions I can apply to" off reads the shared results (their
    badges are computed on them, without a query)."""
    Mission_(title="Pour tous")
    client.force_login(volunteer.user)
    assert _titles(client, country="SN", eligible="0") == ["Pour tous"]
    with CaptureQueriesContext(connection) as again:
        assert _titles(client, country="SN", eligible="0") == ["Pour tous"]
    assert not any("missions_mission" in q["sql"] for q in again.captured_queries)


def test_each_language_has_its_own_shared_page(client):
    Mission_(title="Bilingue")
    client.cookies["django_language"] = "fr"
    assert "Trouver une mission" in client.get(SEARCH).content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    assert "Find a mission" in english.get(SEARCH).content.decode()


def test_a_search_with_unknown_parameters_is_computed_not_kept(client):
    Mission_(title="Campagne")
    client.get(SEARCH, {"utm_source": "newsletter"})
    again = client.get(SEARCH, {"utm_source": "newsletter"})
    assert again.context is not None


def test_words_that_look_like_a_marker_are_shown_as_typed(client):
    Mission_(title="Marqueur")
    client.get(SEARCH, {"q": "vsi-csrf-token-placeholder"})
    shared = Client().get(SEARCH, {"q": "vsi-csrf-token-placeholder"}).content.decode()
    assert 'value="vsi-csrf-token-placeholder"' in shared


def test_a_write_commits_and_the_results_are_computed_while_the_cache_is_down(
    settings, staff, association, today, django_capture_on_commit_callbacks
):
    settings.CACHES = caches_for(NOWHERE)
    draft = Mission_(association=association, title="Sans cache", status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        mission_publish(mission=draft, by=staff)
    draft.refresh_from_db()
    assert draft.is_published
    page, _sort = search_page(SearchFilters(), 1, today=today)
    assert [mission.title for mission in page] == ["Sans cache"]
